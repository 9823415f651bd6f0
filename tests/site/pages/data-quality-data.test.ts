import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  dataQualityData,
  opportunityChecks,
  type DataQualityData
} from "../../../site/pages/data-quality-data.ts";
import {sitePeriods} from "../../../site/site-periods.ts";
import {openWarehouse} from "../../../warehouse/open-warehouse.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {dataQuality, duplicateRecords, type DataQualityResults} from "../../../pipelines/data-quality.ts";
import {followUpOptions} from "../../../pipelines/follow-up/follow-up-options.ts";
import {FOLLOW_UP_NOW, followUpFixture} from "../../pipelines/follow-up-actions-fixture.ts";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";
import {makeSmallWarehouse} from "../small-warehouse.ts";

/** the month of the sample's first record (an opportunity or lead created): where "all time" starts */
const FIRST_DAY = "2023-11-01";

const NOW = "2026-11-20T00:00:00Z";
const round2 = (x: number) => Math.round(x * 100) / 100;

describe("dataQualityData(connection) on the sample", () => {
  let sample: Awaited<ReturnType<typeof sampleWarehouse>>;
  let data: DataQualityData;
  let direct: DataQualityResults;
  beforeAll(async () => {
    sample = await sampleWarehouse();
    data = await dataQualityData(sample.connection);
    direct = await dataQuality(sample.context(sitePeriods(NOW, FIRST_DAY)[0]));
  });
  afterAll(() => sample.close());

  it("carries dataQuality's whole-warehouse checks as the pipeline computes them", () => {
    expect(data.missing).toEqual(direct.summary.missing);
    // the sample exports every table but a products catalogue and exchange rates (its amounts share one currency)
    expect(data.tables).toEqual(
      direct.table_rows.rows.map((row) => ({
        ...row,
        n_files: row.table === "products" || row.table === "exchange_rates" ? 0 : 1
      }))
    );
    expect(data.freshness).toEqual(direct.freshness.rows);
    expect(data.orphans).toEqual(direct.orphans.rows.map((row) => ({...row, orphan_pct: round2(row.orphan_pct)})));
    expect(data.coverage).toEqual(
      direct.coverage.rows
        .filter((row) => row.table !== "opportunities")
        .map((row) => ({...row, coverage_pct: round2(row.coverage_pct)}))
    );
    expect(data.duplicate_keys).toEqual(direct.duplicates.rows.filter((row) => row.check === "duplicate_key"));
    expect(data.stage_regressions).toEqual({
      n_pairs: direct.stage_regressions.rows.length,
      rows: direct.stage_regressions.rows,
      missing: []
    });
  });

  it("counts what was loaded and quarantined as the sample's ingest reported it", () => {
    // data/sample: 13 files, 31,405 rows read (30,452 + 953 payment-plan lines), 1 rejected (a duplicate id) and 5 values set aside (an amount 待定,
    // a stage 暂停, a date 2024-13-45, an activity without its time, a quote amount n/a)
    expect(data.n_ingests).toBe(1);
    expect(data.ingests[0]).toMatchObject({
      ingest_id: 1,
      files: 13,
      rows_read: 31405,
      rows_quarantined: 1,
      values_set_aside: 5
    });
    expect(data.n_files).toBe(13);
    // file names, never the paths they were read from
    expect(data.files.slice(0, 3).map((f) => f.file)).toEqual(["opportunities.csv", "activities.csv", "quotes.csv"]);
    expect(data.tables.reduce((sum, t) => sum + t.n_quarantined_rows, 0)).toBe(6);
  });

  it("lists quarantine groups with their first lines and never the rejected values", () => {
    expect(data.quarantine).toEqual(
      direct.quarantine.rows.map(({file, entity, rule, column, scope, n_rows, last_ingest_id, example_line}) => ({
        file: file.replace("data/sample/", ""),
        entity,
        rule,
        column,
        scope,
        n_rows,
        last_ingest_id,
        first_lines: [example_line]
      }))
    );
    expect(data.quarantine.find((q) => q.rule === "invalid_amount" && q.entity === "opportunities")).toMatchObject({
      column: "金额",
      first_lines: [18]
    });
    const json = JSON.stringify(data);
    for (const value of ["待定", "暂停", "2024-13-45", '"n/a', "is not an amount"]) expect(json).not.toContain(value);
  });

  it("compares the leads of each period of the filter bar for duplicates", async () => {
    for (const period of sitePeriods(NOW, FIRST_DAY)) {
      const {rows} = await duplicateRecords(sample.context(period));
      expect(data.lead_duplicates[period.id]).toEqual({
        rows: rows.filter((row) => row.check !== "duplicate_key"),
        missing: []
      });
    }
    expect(data.lead_duplicates.ytd.rows).not.toEqual(data.lead_duplicates.qtd.rows);
  });

  it("shows the opportunity checks of every opportunity when no filter is set", () => {
    const all = data.slices["*|all"];
    expect(all.coverage).toEqual(
      direct.coverage.rows
        .filter((row) => row.table === "opportunities")
        .map((row) => ({...row, coverage_pct: round2(row.coverage_pct)}))
    );
    const overdue = direct.past_close_dates.rows;
    expect(all.past_close_dates.n_opportunities).toBe(overdue.length);
    expect(all.past_close_dates.amount).toBe(Math.round(overdue.reduce((sum, row) => sum + (row.amount ?? 0), 0)));
    expect(all.past_close_dates.rows.map((row) => row.opportunity_id)).toEqual(
      overdue.slice(0, 20).map((row) => row.opportunity_id)
    );
    expect(all.late_stage_gaps.n_opportunities).toBe(direct.late_stage_gaps.rows.length);
  });

  it("narrows the opportunity checks to a team, as a hand count does", async () => {
    const team = Object.keys(data.slices)
      .find((key) => key.startsWith("*|team="))!
      .slice("*|team=".length);
    const slice = data.slices[`*|team=${team}`];
    const [hand] = await readRows<{n: number; amount: number; n_opportunities: number; n_amount: number}>(
      sample.connection,
      `SELECT count(*) FILTER (WHERE coalesce(o.outcome, 'open') = 'open' AND o.expected_close_at < DATE '2026-11-20')::INTEGER AS n,
         coalesce(sum(o.amount) FILTER (WHERE coalesce(o.outcome, 'open') = 'open' AND o.expected_close_at < DATE '2026-11-20'), 0)::DOUBLE AS amount,
         count(*)::INTEGER AS n_opportunities, count(o.amount)::INTEGER AS n_amount
       FROM opportunities o JOIN reps r ON r.rep_id = o.owner_rep_id
       WHERE r.team = $team`,
      {team}
    );
    expect(slice.past_close_dates.n_opportunities).toBe(hand.n);
    expect(slice.past_close_dates.amount).toBe(Math.round(hand.amount));
    expect(slice.coverage.find((row) => row.column === "amount")).toMatchObject({
      n_rows: hand.n_opportunities,
      n_non_null: hand.n_amount
    });
    expect(slice.coverage[0].n_rows).toBeLessThan(data.slices["*|all"].coverage[0].n_rows);
  });

  it("counts as stale the open deals silent 90 days or more, or 60 days or more past their close, as a hand count does", async () => {
    const [hand] = await readRows<{n: number; n_silent: number}>(
      sample.connection,
      `WITH open_deals AS (
         SELECT o.expected_close_at, coalesce((SELECT max(a.occurred_at) FROM activities a
           WHERE a.opportunity_id = o.opportunity_id AND a.occurred_at <= TIMESTAMP '2026-11-20'), o.created_at) AS last_touch
         FROM opportunities o WHERE o.outcome = 'open' AND o.created_at <= TIMESTAMP '2026-11-20'
       )
       SELECT count(*) FILTER (WHERE last_touch <= TIMESTAMP '2026-08-22'
           OR expected_close_at <= DATE '2026-09-21')::INTEGER AS n,
         count(*) FILTER (WHERE last_touch <= TIMESTAMP '2026-08-22')::INTEGER AS n_silent
       FROM open_deals`
    );
    const {stale} = data.slices["*|all"];
    expect(hand.n).toBeGreaterThan(0);
    expect([stale.n_opportunities, stale.n_silent]).toEqual([hand.n, hand.n_silent]);
    expect(data.stale_limits).toEqual({silent_days: 90, past_close_days: 60});
  });

  it("writes one slice per filter choice, within the size budget", () => {
    expect(Object.keys(data.slices)).toHaveLength(19); // all + 5 teams + 5 regions + 8 channels
    expect(Object.keys(data.slices).every((key) => key.startsWith("*|"))).toBe(true);
    expect(JSON.stringify(data).length).toBeLessThan(150_000);
  });
});

describe("dataQualityData(connection) on other warehouses", () => {
  it("shows an empty warehouse as holding nothing", async () => {
    const empty = await emptyWarehouse();
    try {
      const data = await dataQualityData(empty.connection);
      expect(data.tables.every((t) => t.n_rows === 0 && t.n_files === 0)).toBe(true);
      expect(data).toMatchObject({n_ingests: 0, ingests: [], files: [], quarantine: [], freshness: [], orphans: []});
      expect(data.lead_duplicates.ytd.missing).toEqual(["leads"]);
      expect(data.stage_regressions.missing).toEqual(["stage_history"]);
      expect(data.slices["*|all"]).toMatchObject({
        missing: [],
        coverage: [],
        past_close_dates: {n_opportunities: 0, amount: 0, rows: []},
        late_stage_gaps: {n_opportunities: 0, rows: []}
      });
    } finally {
      empty.close();
    }
  });

  it("puts rejected files first and no quarantined personal data in the payload", async () => {
    const warehouse = await openWarehouse(await makeSmallWarehouse(), {readOnly: true});
    try {
      const data = await dataQualityData(warehouse.connection);
      expect(data.files[0]).toMatchObject({file: "notes.txt", status: "rejected", message: "not a table"});
      expect(data.ingests.map((i) => i.ingest_id)).toEqual([2, 1]);
      expect(data.quarantine.find((q) => q.rule === "amount")).toMatchObject({n_rows: 2, first_lines: [4, 9]});
      expect(data.quarantine.find((q) => q.rule === "unique")).toMatchObject({column: null, first_lines: []});
      const json = JSON.stringify(data);
      for (const value of ["Zhang San", "zhang.san@example.com", "¥12,3x", "n/a"]) expect(json).not.toContain(value);
    } finally {
      warehouse.close();
    }
  });
});

describe("opportunityChecks(ctx, gaps, overdue, plan)", () => {
  it("lists the stale opportunities, silent longest first, with why each is stale", async () => {
    const warehouse = await emptyWarehouse();
    try {
      await followUpFixture(warehouse.connection);
      const ctx = {
        connection: warehouse.connection,
        period: {start: "2026-01-01", end: "2026-03-01"},
        now: FOLLOW_UP_NOW
      };
      const {stale} = await opportunityChecks(ctx, [], [], followUpOptions());
      // A7 silent 106 days, A13 silent 90, A8 60 days past its close (last touched 4 days before now)
      expect(stale).toMatchObject({n_opportunities: 3, n_silent: 2, n_past_close: 1, amount: 70 + 130 + 80});
      expect(stale.rows.map((r) => [r.opportunity_id, r.stale_reason, r.days_since_touch, r.days_past_close])).toEqual([
        ["A7", "silent", 106, null],
        ["A13", "silent", 90, null],
        ["A8", "past_close", 4, 60]
      ]);
      const looser = await opportunityChecks(ctx, [], [], followUpOptions({staleSilentDays: 100}));
      expect(looser.stale.rows.map((r) => r.opportunity_id)).toEqual(["A7", "A8"]);
    } finally {
      warehouse.close();
    }
  });
});
