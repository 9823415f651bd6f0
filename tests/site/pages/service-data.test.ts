import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  complaintRate,
  complaintRiskList,
  repurchaseAfterComplaint,
  resolutionTimes,
  satisfactionScores
} from "../../../pipelines/service.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {withoutHiddenNames} from "../../../site/hidden-names.ts";
import {serviceData, type ServiceData} from "../../../site/pages/service-data.ts";
import {sitePeriods, type SitePeriod} from "../../../site/site-periods.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {insert} from "../../pipelines/insert-rows.ts";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

/** the month of the sample's first record (an opportunity or lead created): where "all time" starts */
const FIRST_DAY = "2023-11-01";

type Sample = Awaited<ReturnType<typeof sampleWarehouse>>;
type Row = Record<string, string | number | boolean | null>;

const objects = (table: {columns: string[]; rows: unknown[][]}) => tableRows<Row>(table);

const rounded = (x: number | null) => (x === null ? null : Number(x.toPrecision(4)));

describe("serviceData(connection)", () => {
  let sample: Sample;
  let data: ServiceData;
  let ytd: SitePeriod;

  beforeAll(async () => {
    sample = await sampleWarehouse();
    data = await serviceData(sample.connection);
    ytd = sitePeriods(sample.context({start: "2026-01-01", end: "2026-01-02"}).now, FIRST_DAY).find(
      (p) => p.id === "ytd"
    )!;
  });
  afterAll(() => sample.close());

  it("counts the tickets opened per month and category as the tickets table does", async () => {
    const counts = await readRows<{month: string; category: string; n: number}>(
      sample.connection,
      `SELECT strftime(opened_at, '%Y-%m') AS month, category, count(*)::INTEGER AS n FROM tickets
       WHERE opened_at >= $start::TIMESTAMP AND opened_at < $end::TIMESTAMP
       GROUP BY ALL ORDER BY month, category`,
      {start: ytd.start, end: ytd.end}
    );
    const rows = objects(data.slices["ytd|all"].tickets_by_month);
    expect(rows.map((r) => [r.month, r.category, r.n_tickets])).toEqual(counts.map((c) => [c.month, c.category, c.n]));
    expect(rows.filter((r) => r.is_complaint).every((r) => r.category === "complaint")).toBe(true);
  });

  it("carries the complaint rate, resolution times and satisfaction of the pipelines", async () => {
    const ctx = sample.context(ytd);
    const slice = data.slices["ytd|all"];
    const [rate] = (await complaintRate(ctx)).rows;
    expect(objects(slice.complaint_rate)).toEqual([
      {...rate, complaints_per_100_active: rounded(rate.complaints_per_100_active)}
    ]);
    const times = (await resolutionTimes(ctx)).rows;
    expect(objects(slice.resolution_times)).toEqual(
      times.map((e) => ({
        ...e,
        resolution_hours_median: rounded(e.resolution_hours_median),
        resolution_hours_p90: rounded(e.resolution_hours_p90),
        resolution_hours_mean: rounded(e.resolution_hours_mean)
      }))
    );
    const scores = (await satisfactionScores(ctx)).rows;
    expect(objects(slice.satisfaction)).toEqual(
      scores.map((e) => ({...e, satisfaction_mean: rounded(e.satisfaction_mean)}))
    );
  });

  it("narrows a region slice to the accounts with a deal there", () => {
    const sum = (key: string) => (rows: Row[]) => rows.reduce((total, r) => total + (r[key] as number), 0);
    const all = sum("n_tickets")(objects(data.slices["ytd|all"].tickets_by_month));
    const north = sum("n_tickets")(objects(data.slices["ytd|region=华北"].tickets_by_month));
    expect(north).toBeGreaterThan(0);
    expect(north).toBeLessThan(all);
  });

  it("writes the risk list and repeat purchase after a complaint once per filter, as of now", async () => {
    expect(Object.keys(data.now)).toHaveLength(Object.keys(data.slices).length / 6);
    const ctx = sample.context(ytd);
    const risk = (await complaintRiskList(ctx)).rows;
    expect(data.now["*|all"].n_risk_accounts).toBe(risk.length);
    const repurchase = (await repurchaseAfterComplaint(ctx)).rows;
    expect(objects(data.now["*|all"].repurchase_after_complaint)).toEqual(
      repurchase.map((e) => ({
        ...e,
        repurchase_rate: rounded(e.repurchase_rate),
        repurchase_rate_lower: rounded(e.repurchase_rate_lower),
        repurchase_rate_upper: rounded(e.repurchase_rate_upper)
      }))
    );
  });

  it("stays within 150 KB for all its slices", () => {
    // 6 periods × 19 filter choices (all, 4 teams, 4 regions, 10 channels)
    expect(Object.keys(data.slices)).toHaveLength(114);
    // six periods of data where there were four: the 500 KB a page view may load stays the bound that matters
    expect(Buffer.byteLength(JSON.stringify(data))).toBeLessThan(225_000);
  });
});

describe("serviceData(connection) on a small warehouse", () => {
  it("says tickets are missing on an empty warehouse", async () => {
    const warehouse = await emptyWarehouse();
    try {
      const data = await serviceData(warehouse.connection);
      expect(Object.keys(data.slices)).toEqual(["qtd|all", "lq|all", "ytd|all", "ly|all", "l12m|all", "all|all"]);
      for (const slice of Object.values(data.slices)) expect(slice.missing).toEqual(["tickets"]);
      expect(data.now["*|all"]).toMatchObject({
        missing: ["tickets"],
        n_risk_accounts: 0,
        risk_list: {columns: [], rows: []}
      });
    } finally {
      warehouse.close();
    }
  });

  it("lists an account with an open complaint and an open deal under its name", async () => {
    const warehouse = await emptyWarehouse();
    try {
      await insert(warehouse.connection, "reps", ["rep_id", "name", "team"], [["R1", "Rep One", "A"]]);
      await insert(
        warehouse.connection,
        "accounts",
        ["account_id", "name", "owner_rep_id"],
        [
          ["A1", "Acme", "R1"],
          ["A2", "Bolt", "R1"]
        ]
      );
      await insert(
        warehouse.connection,
        "opportunities",
        ["opportunity_id", "account_id", "owner_rep_id", "stage", "outcome", "amount", "created_at"],
        [
          ["O1", "A1", "R1", "intent", "open", 1234.6, "2026-01-05 00:00:00"],
          ["O2", "A2", "R1", "intent", "open", 500, "2026-01-05 00:00:00"]
        ]
      );
      await insert(
        warehouse.connection,
        "tickets",
        ["ticket_id", "account_id", "category", "opened_at", "resolved_at"],
        [
          ["T1", "A1", "complaint", "2026-02-01 00:00:00", null],
          ["T2", "A2", "complaint", "2026-02-01 00:00:00", "2026-02-02 00:00:00"]
        ]
      );
      const data = await serviceData(warehouse.connection);
      const now = data.now["*|all"];
      expect(now).toMatchObject({missing: [], n_risk_accounts: 1, risk_open_amount: 1235});
      expect(objects(now.risk_list)).toMatchObject([
        {
          account_name: "Acme",
          owner_rep_id: "R1",
          n_open_complaints: 1,
          oldest_complaint_at: "2026-02-01",
          open_amount: 1235
        }
      ]);
      expect(data.reps).toEqual({R1: "Rep One"});
      // the name travels with its column, so that a public site drops it
      expect(JSON.stringify(withoutHiddenNames(data, ["accounts"]))).not.toContain("Acme");
    } finally {
      warehouse.close();
    }
  });
});
