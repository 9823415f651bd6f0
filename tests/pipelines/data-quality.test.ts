import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  dataQuality,
  duplicateRecords,
  keyFieldCoverage,
  lateStageGaps,
  orphanReferences,
  pastCloseDates,
  quarantineSummary,
  stageRegressions,
  tableFreshness,
  tableRowCounts
} from "../../pipelines/data-quality.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {insert} from "./insert-rows.ts";
import {emptyWarehouse, sampleWarehouse} from "./sample-warehouse.ts";

/**
 * A small warehouse with one of each problem; now = 2026-03-01.
 *
 * - quarantine: ingest 1 refused opportunities lines 5 (amount) and 9 (duplicate id O2 and an amount: two
 *   problems, one row), ingest 2 line 7 (amount) and an activity without a time.
 * - orphans: rep R2's manager R9, account A2's owner R3, opportunity O3's account A9, and O404 referenced by a
 *   lead, a stage entry and an activity.
 * - leads L1/L2 share a phone (138-0000-0001 = 13800000001), an e-mail (A@x.com = "a@x.com ") and a company
 *   ("华为 科技" = 华为科技); L3/L4 share 腾讯; L5 has empty strings only; L6 repeats L3's phone and L4's
 *   e-mail but was created before the period.
 * - open opportunities: O2 in negotiation without amount, O3 in negotiation without close date, O1 (2026-02-01)
 *   and O4 (2025-12-01) past their expected close.
 * - stage history: O2 negotiation → intent, O5 won → intent; O6 enters potential and intent at the same instant.
 */
async function fixture(connection: DuckDBConnection) {
  await insert(
    connection,
    "ingests",
    [
      "ingest_id",
      "started_at",
      "finished_at",
      "exported_at",
      "files",
      "rows_read",
      "rows_loaded",
      "rows_quarantined",
      "status"
    ],
    [
      [1, "2026-02-01 09:00:00", "2026-02-01 09:01:00", "2026-02-01 00:00:00", 2, 10, 8, 2, "partial"],
      [2, "2026-03-01 09:00:00", "2026-03-01 09:01:00", "2026-03-01 00:00:00", 2, 10, 8, 2, "partial"]
    ],
    false
  );
  await insert(
    connection,
    "quarantine",
    ["ingest_id", "file", "entity", "line", "column", "value", "reason", "rule"],
    [
      [1, "exports/opps.csv", "opportunities", 5, "金额", "待定", '"待定" is not an amount', "invalid_amount"],
      [
        1,
        "exports/opps.csv",
        "opportunities",
        9,
        "商机编号",
        "O2",
        'duplicate opportunity_id "O2" (first on line 3)',
        "duplicate_key"
      ],
      [1, "exports/opps.csv", "opportunities", 9, "金额", "x", '"x" is not an amount', "invalid_amount"],
      [2, "exports/opps.csv", "opportunities", 7, "金额", "tbd", '"tbd" is not an amount', "invalid_amount"],
      [2, "exports/acts.csv", "activities", 2, "跟进时间", "", "missing required occurred_at", "missing_required"]
    ],
    false
  );
  await insert(
    connection,
    "reps",
    ["rep_id", "team", "region", "manager_id", "hired_at"],
    [
      ["R1", "A", "east", null, "2020-01-01"],
      ["R2", null, null, "R9", "2021-06-01"]
    ]
  );
  await insert(
    connection,
    "accounts",
    ["account_id", "industry", "owner_rep_id", "created_at"],
    [
      ["A1", "mfg", "R1", "2025-01-01 00:00:00"],
      ["A2", null, "R3", null]
    ]
  );
  await insert(
    connection,
    "leads",
    ["lead_id", "created_at", "phone", "email", "company", "converted_opportunity_id"],
    [
      ["L1", "2026-01-15 00:00:00", "138-0000-0001", "A@x.com", "华为 科技", "O1"],
      ["L2", "2026-01-15 00:00:00", "13800000001", "a@x.com ", "华为科技", "O404"],
      ["L3", "2026-01-15 00:00:00", "13900000000", null, "腾讯", null],
      ["L4", "2026-01-15 00:00:00", null, "b@y.com", "腾讯", null],
      ["L5", "2026-01-15 00:00:00", "", "", "", null],
      // before the period: not compared
      ["L6", "2025-06-01 00:00:00", "13900000000", "b@y.com", "腾讯", null]
    ]
  );
  await insert(
    connection,
    "opportunities",
    [
      "opportunity_id",
      "account_id",
      "owner_rep_id",
      "source",
      "product",
      "stage",
      "outcome",
      "amount",
      "expected_close_at",
      "created_at",
      "closed_at",
      "lost_reason"
    ],
    [
      ["O1", "A1", "R1", "web", "p", "negotiation", "open", 100, "2026-02-01", "2026-01-01 00:00:00", null, null],
      ["O2", "A2", "R1", "web", null, "negotiation", "open", null, "2026-04-01", "2026-01-05 00:00:00", null, null],
      ["O3", "A9", "R2", "fair", null, "negotiation", "open", 50, null, "2026-01-10 00:00:00", null, null],
      ["O4", "A1", "R1", null, null, "intent", "open", null, "2025-12-01", "2025-12-15 00:00:00", null, null],
      [
        "O5",
        "A1",
        "R1",
        null,
        null,
        "won",
        "won",
        200,
        "2026-01-01",
        "2025-11-01 00:00:00",
        "2026-02-15 00:00:00",
        null
      ],
      [
        "O6",
        "A1",
        "R2",
        null,
        null,
        "lost",
        "lost",
        10,
        "2026-03-01",
        "2025-12-01 00:00:00",
        "2026-02-20 00:00:00",
        null
      ]
    ]
  );
  await insert(
    connection,
    "stage_history",
    ["opportunity_id", "stage", "entered_at"],
    [
      ["O1", "potential", "2026-01-01 00:00:00"],
      ["O1", "intent", "2026-01-05 00:00:00"],
      ["O1", "negotiation", "2026-01-10 00:00:00"],
      ["O2", "potential", "2026-01-05 00:00:00"],
      ["O2", "negotiation", "2026-01-08 00:00:00"],
      ["O2", "intent", "2026-01-12 00:00:00"],
      ["O2", "negotiation", "2026-01-15 00:00:00"],
      ["O5", "potential", "2025-11-01 00:00:00"],
      ["O5", "intent", "2025-12-01 00:00:00"],
      ["O5", "won", "2026-02-15 00:00:00"],
      ["O5", "intent", "2026-02-20 00:00:00"],
      ["O6", "intent", "2025-12-01 00:00:00"],
      ["O6", "potential", "2025-12-01 00:00:00"],
      ["O6", "lost", "2026-02-20 00:00:00"],
      ["O404", "intent", "2026-01-01 00:00:00"]
    ]
  );
  await insert(
    connection,
    "activities",
    ["activity_id", "opportunity_id", "rep_id", "type", "occurred_at"],
    [
      ["X1", "O1", "R1", "call", "2026-02-28 10:00:00"],
      ["X2", "O404", "R1", "visit", "2026-01-10 00:00:00"],
      ["X3", "O1", null, null, "2026-03-05 00:00:00"]
    ]
  );
}

const NOW = "2026-03-01T00:00:00Z";

describe("data-quality pipelines on a literal fixture", () => {
  let warehouse: Awaited<ReturnType<typeof emptyWarehouse>>;
  let ctx: PipelineContext;

  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await fixture(warehouse.connection);
    ctx = {connection: warehouse.connection, period: {start: "2026-01-01", end: "2026-02-01"}, now: NOW};
  });
  afterAll(() => warehouse.close());

  it("tableRowCounts(ctx) counts rows and quarantined source rows per table", async () => {
    const {rows} = await tableRowCounts(ctx);
    const counts = Object.fromEntries(rows.map((r) => [r.table, [r.n_rows, r.n_quarantined_rows]]));
    // opportunities: quarantined lines (1, 5), (1, 9), (2, 7) — line 9 had two problems and counts once
    expect(counts).toEqual({
      reps: [2, 0],
      accounts: [2, 0],
      contacts: [0, 0],
      products: [0, 0],
      leads: [6, 0],
      opportunities: [6, 3],
      stage_history: [15, 0],
      activities: [3, 1],
      quotes: [0, 0],
      contracts: [0, 0],
      payments: [0, 0],
      tickets: [0, 0],
      marketing_spend: [0, 0],
      quotas: [0, 0],
      exchange_rates: [0, 0]
    });
  });

  it("quarantineSummary(ctx) groups quarantined rows by file, rule and column", async () => {
    const {rows} = await quarantineSummary(ctx);
    expect(rows).toEqual([
      {
        file: "exports/opps.csv",
        entity: "opportunities",
        rule: "invalid_amount",
        column: "金额",
        scope: "row",
        n_rows: 3,
        // the latest ingest's first line
        example_reason: '"tbd" is not an amount',
        example_line: 7,
        last_ingest_id: 2
      },
      {
        file: "exports/acts.csv",
        entity: "activities",
        rule: "missing_required",
        column: "跟进时间",
        scope: "row",
        n_rows: 1,
        example_reason: "missing required occurred_at",
        example_line: 2,
        last_ingest_id: 2
      },
      {
        file: "exports/opps.csv",
        entity: "opportunities",
        rule: "duplicate_key",
        column: "商机编号",
        scope: "row",
        n_rows: 1,
        example_reason: 'duplicate opportunity_id "O2" (first on line 3)',
        example_line: 9,
        last_ingest_id: 1
      }
    ]);
  });

  it("duplicateRecords(ctx) counts ids exported twice and leads sharing a normalised phone, e-mail or company", async () => {
    const {rows, missing} = await duplicateRecords(ctx);
    expect(missing).toEqual([]);
    expect(rows).toEqual([
      // O2 loaded once, its second row quarantined
      {check: "duplicate_key", table: "opportunities", n_groups: 1, n_records: 2, n_extra: 1},
      // L1 + L2; L5's empty strings are no value
      {check: "lead_phone", table: "leads", n_groups: 1, n_records: 2, n_extra: 1},
      {check: "lead_email", table: "leads", n_groups: 1, n_records: 2, n_extra: 1},
      // 华为科技 (L1, L2) and 腾讯 (L3, L4)
      {check: "lead_company", table: "leads", n_groups: 2, n_records: 4, n_extra: 2}
    ]);
  });

  it("orphanReferences(ctx) counts values that match no row, skipping tables not exported", async () => {
    const {rows} = await orphanReferences(ctx);
    expect(rows.map((r) => [`${r.table}.${r.column}`, r.n_with_value, r.n_orphans, r.example])).toEqual([
      ["reps.manager_id", 1, 1, "R9"],
      ["accounts.owner_rep_id", 2, 1, "R3"],
      ["leads.owner_rep_id", 0, 0, null],
      ["leads.converted_opportunity_id", 2, 1, "O404"],
      ["leads.account_id", 0, 0, null],
      ["opportunities.account_id", 6, 1, "A9"],
      ["opportunities.lead_id", 0, 0, null],
      ["opportunities.owner_rep_id", 6, 0, null],
      ["stage_history.opportunity_id", 15, 1, "O404"],
      ["activities.opportunity_id", 3, 1, "O404"],
      ["activities.account_id", 0, 0, null],
      ["activities.rep_id", 2, 0, null]
    ]);
    // 1 of 6 opportunities points at a missing account: 100 / 6 %
    expect(rows[5].orphan_pct).toBeCloseTo(100 / 6, 12);
  });

  it("keyFieldCoverage(ctx) measures filled key fields on the rows that need them", async () => {
    const {rows} = await keyFieldCoverage(ctx);
    const coverage = Object.fromEntries(
      rows.map((r) => [`${r.table}.${r.column}`, [r.population, r.n_rows, r.n_non_null, r.coverage_pct]])
    );
    expect(coverage["opportunities.amount"]).toEqual(["all", 6, 4, (100 * 4) / 6]);
    expect(coverage["opportunities.source"]).toEqual(["all", 6, 3, 50]);
    expect(coverage["opportunities.expected_close_at"]).toEqual(["all", 6, 5, (100 * 5) / 6]);
    expect(coverage["opportunities.expected_margin"]).toEqual(["all", 6, 0, 0]);
    // closed_at on the closed (O5, O6), lost_reason on the lost (O6)
    expect(coverage["opportunities.closed_at"]).toEqual(["closed", 2, 2, 100]);
    expect(coverage["opportunities.lost_reason"]).toEqual(["lost", 1, 0, 0]);
    expect(coverage["activities.type"]).toEqual(["all", 3, 2, (100 * 2) / 3]);
    expect(coverage["reps.team"]).toEqual(["all", 2, 1, 50]);
    // tables without rows have no coverage rows
    expect(rows.some((r) => r.table === "contacts" || r.table === "tickets")).toBe(false);
  });

  it("lateStageGaps(ctx) lists open negotiation deals without amount or close date", async () => {
    expect((await lateStageGaps(ctx)).rows).toEqual([
      {
        opportunity_id: "O2",
        stage: "negotiation",
        owner_rep_id: "R1",
        has_amount: false,
        has_expected_close: true,
        created_at: "2026-01-05T00:00:00Z"
      },
      {
        opportunity_id: "O3",
        stage: "negotiation",
        owner_rep_id: "R2",
        has_amount: true,
        has_expected_close: false,
        created_at: "2026-01-10T00:00:00Z"
      }
    ]);
  });

  it("pastCloseDates(ctx) lists open deals whose expected close has passed", async () => {
    // O5 and O6 are closed; O2 and O6's dates are not before 2026-03-01
    expect((await pastCloseDates(ctx)).rows).toEqual([
      {
        opportunity_id: "O4",
        stage: "intent",
        owner_rep_id: "R1",
        expected_close_at: "2025-12-01",
        days_overdue: 90,
        amount: null
      },
      {
        opportunity_id: "O1",
        stage: "negotiation",
        owner_rep_id: "R1",
        expected_close_at: "2026-02-01",
        days_overdue: 28,
        amount: 100
      }
    ]);
  });

  it("tableFreshness(ctx) gives the latest date per table and flags dates after now", async () => {
    const {rows} = await tableFreshness(ctx);
    expect(rows.map((r) => [`${r.table}.${r.column}`, r.latest_at, r.days_before_now, r.is_future])).toEqual([
      ["ingests.exported_at", "2026-03-01T00:00:00Z", 0, false],
      ["opportunities.created_at", "2026-01-10T00:00:00Z", 50, false],
      ["opportunities.closed_at", "2026-02-20T00:00:00Z", 9, false],
      ["stage_history.entered_at", "2026-02-20T00:00:00Z", 9, false],
      ["activities.occurred_at", "2026-03-05T00:00:00Z", -4, true],
      ["leads.created_at", "2026-01-15T00:00:00Z", 45, false],
      ["accounts.created_at", "2025-01-01T00:00:00Z", 424, false],
      ["reps.hired_at", "2021-06-01T00:00:00Z", 1734, false]
    ]);
  });

  it("stageRegressions(ctx) counts moves to an earlier stage", async () => {
    // O6's two entries at one instant are read in stage order, not as a move back
    expect((await stageRegressions(ctx)).rows).toEqual([
      {from_stage: "negotiation", to_stage: "intent", n_moves: 1, n_opportunities: 1},
      {from_stage: "won", to_stage: "intent", n_moves: 1, n_opportunities: 1}
    ]);
  });

  it("dataQuality(ctx) sums every check into a summary", async () => {
    const {summary} = await dataQuality(ctx);
    expect(summary).toEqual({
      rows: [
        {check: "quarantined_rows", n_issues: 4},
        {check: "duplicate_keys", n_issues: 1},
        {check: "duplicate_leads_by_phone", n_issues: 1},
        // R9, R3, O404 (lead), A9, O404 (stage entry), O404 (activity)
        {check: "orphan_references", n_issues: 6},
        {check: "late_stage_gaps", n_issues: 2},
        {check: "past_close_dates", n_issues: 2},
        {check: "stage_regressions", n_issues: 2}
      ],
      missing: []
    });
  });
});

describe("data-quality pipelines on an empty warehouse", () => {
  it("report zero rows and name the tables a check needs", async () => {
    const warehouse = await emptyWarehouse();
    try {
      const ctx = {connection: warehouse.connection, period: {start: "2026-01-01", end: "2026-02-01"}, now: NOW};
      const results = await dataQuality(ctx);
      expect(results.table_rows.rows.every((r) => r.n_rows === 0)).toBe(true);
      expect(results.duplicates).toEqual({rows: [], missing: ["leads"]});
      expect(results.stage_regressions).toEqual({rows: [], missing: ["stage_history"]});
      expect(results.orphans.rows).toEqual([]);
      expect(results.coverage.rows).toEqual([]);
      expect(results.freshness.rows).toEqual([]);
      expect(results.summary.missing).toEqual(["leads", "stage_history"]);
    } finally {
      warehouse.close();
    }
  });
});

describe("data-quality pipelines on the sample", () => {
  let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
  let ctx: PipelineContext;

  beforeAll(async () => {
    warehouse = await sampleWarehouse();
    ctx = warehouse.context({start: "2026-01-01", end: "2026-11-21"});
  });
  afterAll(() => warehouse.close());

  it("matches the golden output", async () => {
    const results = await dataQuality(ctx);
    await expect(JSON.stringify(results, null, 2)).toMatchFileSnapshot("./__snapshots__/data-quality.json");
  });

  it("finds the six problems the generator made on purpose", async () => {
    const {quarantine, duplicates, orphans} = await dataQuality(ctx);
    // an amount 待定, a stage 暂停, an impossible date, a duplicate id, an activity without time, a quote amount n/a:
    // only the duplicate cannot be placed; the others load without their bad value
    expect(quarantine.rows.map((r) => [r.entity, r.rule, r.scope]).sort()).toEqual([
      ["activities", "missing_required", "value"],
      ["opportunities", "duplicate_key", "row"],
      ["opportunities", "invalid_amount", "value"],
      ["opportunities", "invalid_date", "value"],
      ["opportunities", "unknown_stage", "value"],
      ["quotes", "invalid_amount", "value"]
    ]);
    expect(duplicates.rows[0]).toEqual({
      check: "duplicate_key",
      table: "opportunities",
      n_groups: 1,
      n_records: 2,
      n_extra: 1
    });
    // the three opportunities with a bad value load, so their activities, history, quotes and contracts are no orphans
    expect(orphans.rows.filter((r) => r.n_orphans > 0)).toEqual([]);
  });
});
