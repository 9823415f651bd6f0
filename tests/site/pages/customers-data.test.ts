import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  careList,
  customerSegments,
  loyaltyTiers,
  repeatPurchaseRate,
  rfmSegments
} from "../../../pipelines/customers.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {withoutHiddenNames} from "../../../site/hidden-names.ts";
import {
  CARE_ROWS_PER_KIND,
  customersData,
  SEGMENT_ROWS,
  type CustomersData,
  type CustomersNowSlice,
  type CustomersSlice
} from "../../../site/pages/customers-data.ts";
import {sitePeriods, type SitePeriod} from "../../../site/site-periods.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {sliceAt} from "../../../src/components/slices.js";
import {insert} from "../../pipelines/insert-rows.ts";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

/** the month of the sample's first record (an opportunity or lead created): where "all time" starts */
const FIRST_DAY = "2023-11-01";

type Sample = Awaited<ReturnType<typeof sampleWarehouse>>;
type Row = Record<string, string | number | boolean | null>;

const objects = (table: {columns: string[]; rows: unknown[][]}) => tableRows<Row>(table);
const slice = (data: CustomersData, key: string) => sliceAt<CustomersSlice>(data.slices, key);
const now = (data: CustomersData, key: string) => sliceAt<CustomersNowSlice>(data.now, key);

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const rounded = (x: number | null) => (x === null ? null : Number(x.toPrecision(4)));

describe("customersData(connection)", () => {
  let sample: Sample;
  let data: CustomersData;
  let ytd: SitePeriod;

  beforeAll(async () => {
    sample = await sampleWarehouse();
    data = await customersData(sample.connection);
    ytd = sitePeriods(sample.context({start: "2026-01-01", end: "2026-01-02"}).now, FIRST_DAY).find(
      (p) => p.id === "ytd"
    )!;
  });
  afterAll(() => sample.close());

  it("shows the segments of customerSegments, the largest won revenue first", async () => {
    const expected = (await customerSegments(sample.context(ytd), "province")).rows;
    const rows = objects(slice(data, "ytd|all").segments).filter((r) => r.dimension === "province");
    expect(expected.length).toBeGreaterThan(SEGMENT_ROWS);
    expect(rows).toEqual(
      expected.slice(0, SEGMENT_ROWS).map((e) => ({
        dimension: "province",
        segment: e.segment,
        n_accounts: e.n_accounts,
        n_closed: e.n_closed,
        n_won: e.n_won,
        win_rate: rounded(e.win_rate),
        win_rate_lower: rounded(e.win_rate_lower),
        win_rate_upper: rounded(e.win_rate_upper),
        won_amount: Math.round(e.won_amount)
      }))
    );
    expect([...new Set(objects(slice(data, "ytd|all").segments).map((r) => r.dimension))]).toEqual([
      "province",
      "industry",
      "size_band",
      "purchase_frequency",
      "membership_tier"
    ]);
  });

  it("counts repeat buyers as the opportunities table does, and the RFM segments of rfmSegments", async () => {
    const [counts] = await readRows<{n_won: number; n_repeat: number}>(
      sample.connection,
      `SELECT count(*)::INTEGER AS n_won, count(*) FILTER (WHERE n >= 2)::INTEGER AS n_repeat FROM (
         SELECT account_id, count(*) AS n FROM opportunities
         WHERE outcome = 'won' AND account_id IS NOT NULL AND closed_at >= $start::TIMESTAMP AND closed_at < $end::TIMESTAMP
           AND closed_at <= $now::TIMESTAMP
         GROUP BY account_id
       )`,
      {start: ytd.start, end: ytd.end, now: sample.context(ytd).now}
    );
    const [repeat] = objects(slice(data, "ytd|all").repeat_purchase);
    expect(repeat).toMatchObject({n_accounts_won: counts.n_won, n_accounts_repeat: counts.n_repeat});
    const [expected] = (await repeatPurchaseRate(sample.context(ytd))).rows;
    expect(repeat.repeat_purchase_rate_lower).toBe(rounded(expected.repeat_purchase_rate_lower));
    const rfm = (await rfmSegments(sample.context(ytd))).rows;
    expect(objects(slice(data, "ytd|all").rfm_segments)).toEqual(
      rfm.map((e) => ({
        rfm_segment: e.rfm_segment,
        n_accounts: e.n_accounts,
        account_rate: rounded(e.account_rate),
        won_amount: Math.round(e.won_amount),
        recency_days_mean: rounded(e.recency_days_mean),
        frequency_mean: rounded(e.frequency_mean)
      }))
    );
  });

  it("narrows a team slice to the team's deals", () => {
    const [all] = objects(slice(data, "ytd|all").repeat_purchase);
    const [team] = objects(slice(data, "ytd|team=华东").repeat_purchase);
    expect(team.n_accounts_won).toBeGreaterThan(0);
    expect(team.n_accounts_won).toBeLessThan(all.n_accounts_won as number);
  });

  it("counts the care list of careList and lists the first occasions of each kind without personal data", async () => {
    const expected = (await careList(sample.context(ytd))).rows;
    const slice = now(data, "*|all");
    expect(slice.care_counts).toEqual({
      birthday: expected.filter((e) => e.kind === "birthday").length,
      visit: expected.filter((e) => e.kind === "visit").length,
      holiday: expected.filter((e) => e.kind === "holiday").length
    });
    const rows = objects(slice.care_list);
    for (const kind of ["birthday", "visit"]) {
      expect(rows.filter((r) => r.kind === kind)).toHaveLength(CARE_ROWS_PER_KIND);
    }
    const dates = rows.map((r) => r.date as string);
    expect(dates).toEqual([...dates].sort());
    const contacts = await readRows<{name: string; email: string | null; phone: string | null}>(
      sample.connection,
      "SELECT name, email, phone FROM contacts"
    );
    const json = JSON.stringify(data);
    const personal = contacts.flatMap((c) => [c.name, c.email, c.phone]).filter((v) => v !== null && v.length > 1);
    expect(personal.length).toBeGreaterThan(0);
    expect(personal.filter((value) => json.includes(`"${value}"`))).toEqual([]);
  });

  it("shows the loyalty tiers of loyaltyTiers per filter", async () => {
    const expected = (await loyaltyTiers(sample.context(ytd, {region: "华北"}))).rows;
    const rows = objects(now(data, "*|region=华北").loyalty_tiers);
    expect(rows.map((r) => [r.membership_tier, r.n_accounts, r.points_median])).toEqual(
      expected.map((e) => [e.membership_tier, e.n_accounts, rounded(e.points_median)])
    );
    expect(rows.length).toBeGreaterThan(1);
  });

  it("keeps account names in the care list, so that a public site drops them", () => {
    const names = objects(now(data, "*|all").care_list)
      .map((r) => r.account_name as string | null)
      .filter((name) => name !== null);
    expect(names.length).toBeGreaterThan(0);
    const json = JSON.stringify(withoutHiddenNames(data, ["accounts"]));
    expect(names.filter((name) => json.includes(name))).toEqual([]);
  });

  it("stays within 150 KB for all its slices", () => {
    // 6 periods × 19 filter choices (all, 4 teams, 4 regions, 10 channels)
    expect(Object.keys(data.slices)).toHaveLength(114);
    // six periods of data where there were four: the 500 KB a page view may load stays the bound that matters
    expect(Buffer.byteLength(JSON.stringify(data))).toBeLessThan(225_000);
  });
});

describe("customersData(connection) on a sparse warehouse", () => {
  it("says what is missing on an empty warehouse", async () => {
    const warehouse = await emptyWarehouse();
    try {
      const data = await customersData(warehouse.connection);
      expect(Object.keys(data.slices)).toEqual(["qtd|all", "lq|all", "ytd|all", "ly|all", "l12m|all", "all|all"]);
      expect(slice(data, "ytd|all").missing).toEqual(["accounts"]);
      expect(slice(data, "ytd|all").segments).toEqual({columns: [], rows: []});
      expect(now(data, "*|all").missing).toEqual(["activities", "contacts", "accounts"]);
      expect(now(data, "*|all").care_counts.visit).toBe(0);
    } finally {
      warehouse.close();
    }
  });

  it("names accounts.membership_tier when the accounts come without tiers", async () => {
    const warehouse = await emptyWarehouse();
    try {
      await insert(
        warehouse.connection,
        "accounts",
        ["account_id", "name", "province"],
        [
          ["A1", "Acme", "广东"],
          ["A2", "Bolt", "浙江"]
        ]
      );
      await insert(
        warehouse.connection,
        "opportunities",
        ["opportunity_id", "account_id", "stage", "outcome", "amount", "created_at", "closed_at"],
        // without an ingest the site's "now" is today: a deal won two days ago falls in one of its periods
        [["O1", "A1", "won", "won", 100, daysAgo(9), daysAgo(2)]]
      );
      const data = await customersData(warehouse.connection);
      const withDeals = Object.keys(data.slices)
        .map((key) => slice(data, key))
        .find((s) => s.segments.rows.length)!;
      expect(withDeals.missing).toEqual(["accounts.membership_tier"]);
      expect(objects(withDeals.segments).map((r) => r.dimension)).toContain("province");
      expect(objects(withDeals.segments).map((r) => r.dimension)).not.toContain("membership_tier");
      expect(now(data, "*|all").missing).toContain("accounts.membership_tier");
      expect(now(data, "*|all").loyalty_tiers).toEqual({columns: [], rows: []});
    } finally {
      warehouse.close();
    }
  });
});
