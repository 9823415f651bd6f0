import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {withoutHiddenNames} from "../../../site/hidden-names.ts";
import {collectionsData, LISTED_ROWS, type CollectionsData} from "../../../site/pages/collections-data.ts";
import {sitePeriods, type SitePeriod} from "../../../site/site-periods.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

/** the month of the sample's first record: where "all time" starts */
const FIRST_DAY = "2023-11-01";
/** the sample's export day: receivables are counted on it */
const TODAY = "2026-11-20";

type Sample = Awaited<ReturnType<typeof sampleWarehouse>>;
type Row = Record<string, string | number | boolean | null>;

const objects = (table: {columns: string[]; rows: unknown[][]}) => tableRows<Row>(table);

// the sample pays each instalment on its own plan line, so what is overdue is each line's unpaid part
const OVERDUE_SQL = `
  SELECT contract_id, sum(planned_amount - CASE WHEN received_at <= $today::DATE THEN coalesce(received_amount, 0) ELSE 0 END)::DOUBLE AS owed
  FROM payments WHERE planned_at < $today::DATE
  GROUP BY contract_id HAVING owed > 0 ORDER BY owed DESC`;

describe("collectionsData(connection)", () => {
  let sample: Sample;
  let data: CollectionsData;
  let ytd: SitePeriod;

  beforeAll(async () => {
    sample = await sampleWarehouse();
    data = await collectionsData(sample.connection);
    ytd = sitePeriods(sample.context({start: "2026-01-01", end: "2026-01-02"}).now, FIRST_DAY).find(
      (p) => p.id === "ytd"
    )!;
  });
  afterAll(() => sample.close());

  it("lists the overdue contracts, largest first, and totals what the payment plan says is overdue", async () => {
    const owed = await readRows<{contract_id: string; owed: number}>(sample.connection, OVERDUE_SQL, {today: TODAY});
    const now = data.now["*|all"];
    expect(now.n_overdue).toBe(owed.length);
    expect(now.overdue_amount).toBe(Math.round(owed.reduce((sum, r) => sum + r.owed, 0)));
    const listed = objects(now.overdue);
    expect(listed).toHaveLength(Math.min(LISTED_ROWS, owed.length));
    expect(listed.map((r) => r.overdue_amount)).toEqual(owed.slice(0, listed.length).map((r) => Math.round(r.owed)));
    expect(listed.every((r) => typeof r.rep_name === "string" && typeof r.account_name === "string")).toBe(true);
  });

  it("ages by team, rep and account exactly what is still owed on the contracts", async () => {
    const [{owed}] = await readRows<{owed: number}>(
      sample.connection,
      `SELECT ((SELECT sum(amount) FROM contracts) -
         (SELECT sum(received_amount) FROM payments WHERE received_at <= $today::DATE))::DOUBLE AS owed`,
      {today: TODAY}
    );
    const now = data.now["*|all"];
    expect(now.receivables_amount).toBe(Math.round(owed));
    const teams = objects(now.ageing_by_team);
    const total = teams.reduce((sum, r) => sum + Number(r.not_due_amount) + Number(r.overdue_amount), 0);
    expect(Math.abs(total - owed)).toBeLessThan(teams.length);
    expect(objects(now.ageing_by_account)).toHaveLength(LISTED_ROWS);
  });

  it("lists the reps owed the most overdue, and counts every rep with receivables", async () => {
    // what each contract's owner is still owed at the end of TODAY's day
    const reps = await readRows<{rep_id: string; owing: number}>(
      sample.connection,
      `WITH owed AS (
         -- the owner is the deal's, else the account's
         SELECT coalesce(o.owner_rep_id, a.owner_rep_id) AS rep_id,
           c.amount - coalesce((SELECT sum(p.received_amount) FROM payments p
             WHERE p.contract_id = c.contract_id AND p.received_at <= $today::DATE), 0) AS owing
         FROM contracts c
         LEFT JOIN opportunities o ON o.opportunity_id = c.opportunity_id
         LEFT JOIN accounts a ON a.account_id = c.account_id
       )
       SELECT rep_id, sum(owing)::DOUBLE AS owing FROM owed WHERE owing > 0 GROUP BY rep_id`,
      {today: TODAY}
    );
    const now = data.now["*|all"];
    expect(now.n_reps).toBe(reps.length);
    const listed = objects(now.ageing_by_rep);
    expect(listed).toHaveLength(Math.min(LISTED_ROWS, reps.length));
    const overdue = listed.map((r) => Number(r.overdue_amount));
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    const owing = new Map(reps.map((r) => [r.rep_id, r.owing]));
    for (const r of listed)
      expect(Math.abs(Number(r.not_due_amount) + Number(r.overdue_amount) - owing.get(String(r.key))!)).toBeLessThan(1);
  });

  it("counts the year's quotes by status as the quotes table does", async () => {
    const counts = await readRows<{status: string; n: number}>(
      sample.connection,
      `SELECT status, count(*)::INTEGER AS n FROM quotes
       WHERE created_at >= $start::TIMESTAMP AND created_at < $end::TIMESTAMP GROUP BY status`,
      {start: ytd.start, end: ytd.end}
    );
    const n = (status: string) => counts.find((c) => c.status === status)?.n ?? 0;
    const [acceptance] = objects(data.slices["ytd|all"].acceptance);
    expect(acceptance.n_accepted).toBe(n("accepted"));
    expect(acceptance.n_rejected).toBe(n("rejected"));
    expect(acceptance.n_quotes).toBe(counts.reduce((sum, c) => sum + c.n, 0));
    const decided = n("accepted") + n("rejected") + n("expired");
    expect(acceptance.acceptance_rate).toBe(Number((n("accepted") / decided).toPrecision(4)));
  });

  it("signs in each month of the year what the contracts table holds", async () => {
    const months = await readRows<{month: string; amount: number}>(
      sample.connection,
      `SELECT strftime(signed_at, '%Y-%m') AS month, sum(amount)::DOUBLE AS amount FROM contracts
       WHERE signed_at >= $start::DATE AND signed_at < $end::DATE GROUP BY 1 ORDER BY 1`,
      {start: ytd.start, end: ytd.end}
    );
    const rows = objects(data.slices["ytd|all"].signed_vs_collected).filter((r) => Number(r.signed_amount) > 0);
    expect(rows.map((r) => [r.month, r.signed_amount])).toEqual(months.map((m) => [m.month, Math.round(m.amount)]));
  });

  it("expects collections for this month and the next two", () => {
    expect(objects(data.now["*|all"].expected).map((r) => r.month)).toEqual(["2026-11", "2026-12", "2027-01"]);
  });

  it("writes no account or rep name when both are hidden", () => {
    const text = JSON.stringify(withoutHiddenNames(data, ["accounts", "reps"]));
    expect(text).not.toContain('"account_name"');
    expect(text).not.toContain('"rep_name"');
  });
});
