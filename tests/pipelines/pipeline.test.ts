import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {
  openPipeline,
  pipeline,
  pipelineAsOf,
  pipelineChanges,
  pipelineCoverage,
  salesVelocity,
  weightedPipeline
} from "../../pipelines/pipeline.ts";
import {learnStageProbabilities, stageProbabilityOf} from "../../pipelines/stage-conversion.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

/**
 * now = 2026-08-01, period = Q3 2026. R1 (team East, source web), R2 (team West, source partner).
 *   P1 R1 negotiation open 200, close 08-15   potential 05-01 → intent 05-11 → negotiation 06-01
 *   P2 R1 potential   open 100, close 07-20   potential 06-01
 *   P3 R2 intent      open  50, close 11-10   potential 06-10 → intent 06-20
 *   P4 R1 won 80, created 06-01, won 07-15    potential 06-01 → intent 06-11 → negotiation 06-21 → won 07-15
 *   P5 R2 lost 30, created 06-15, lost 07-20  potential 06-15 → lost 07-20
 *   P6 R2 won 120 on 2025-10-31               potential 2025-09-01 → negotiation 2025-10-01 → won 2025-10-31
 *   P7 R2 lost 70 on 03-01                    potential 01-10 → intent 01-20 → negotiation 02-01 → lost 03-01
 *   P8 R2 potential   open  60, close 09-10   potential 07-10
 *   P9 R1 negotiation open  90, close 09-05   potential 05-20 → negotiation 06-05
 * Quotas: R1 100 a month, R2 50 a month in Q3 (Q3 total 450, East 300).
 * Two ingests: 2026-06-15 12:00 (the snapshot below) and 2026-08-01 (today's rows).
 * Learned probabilities (closed 2025-08-01 … 2026-08-01: P4 won, P5 lost, P6 won, P7 lost; won reaches every stage):
 *   potential 2 won / 4 reached = 0.5; intent 2 / 3 (P4 P6 P7); negotiation 2 / 3 (P4 P6 P7).
 */
const FIXTURE = `
INSERT INTO reps (rep_id, name, team, region, _ingest_id, _file, _line) VALUES
  ('R1', 'Rep One', 'East', 'Shanghai', 2, 'r', 1), ('R2', 'Rep Two', 'West', 'Chengdu', 2, 'r', 2);
INSERT INTO opportunities (opportunity_id, owner_rep_id, source, stage, outcome, amount, currency, created_at,
  expected_close_at, closed_at, _ingest_id, _file, _line) VALUES
  ('P1', 'R1', 'web', 'negotiation', 'open', 200, 'CNY', '2026-05-01', '2026-08-15', NULL, 2, 'f', 1),
  ('P2', 'R1', 'web', 'potential', 'open', 100, 'CNY', '2026-06-01', '2026-07-20', NULL, 2, 'f', 2),
  ('P3', 'R2', 'partner', 'intent', 'open', 50, 'CNY', '2026-06-10', '2026-11-10', NULL, 2, 'f', 3),
  ('P4', 'R1', 'web', 'won', 'won', 80, 'CNY', '2026-06-01', '2026-07-10', '2026-07-15', 2, 'f', 4),
  ('P5', 'R2', 'partner', 'lost', 'lost', 30, 'CNY', '2026-06-15', '2026-08-30', '2026-07-20', 2, 'f', 5),
  ('P6', 'R2', 'partner', 'won', 'won', 120, 'CNY', '2025-09-01', '2025-10-31', '2025-10-31', 2, 'f', 6),
  ('P7', 'R2', 'partner', 'lost', 'lost', 70, 'CNY', '2026-01-10', '2026-03-01', '2026-03-01', 2, 'f', 7),
  ('P8', 'R2', 'partner', 'potential', 'open', 60, 'CNY', '2026-07-10', '2026-09-10', NULL, 2, 'f', 8),
  ('P9', 'R1', 'web', 'negotiation', 'open', 90, 'CNY', '2026-05-20', '2026-09-05', NULL, 2, 'f', 9);
INSERT INTO stage_history (opportunity_id, stage, entered_at, _ingest_id, _file, _line) VALUES
  ('P1', 'potential', '2026-05-01', 2, 'h', 1), ('P1', 'intent', '2026-05-11', 2, 'h', 2),
  ('P1', 'negotiation', '2026-06-01', 2, 'h', 3),
  ('P2', 'potential', '2026-06-01', 2, 'h', 4),
  ('P3', 'potential', '2026-06-10', 2, 'h', 5), ('P3', 'intent', '2026-06-20', 2, 'h', 6),
  ('P4', 'potential', '2026-06-01', 2, 'h', 7), ('P4', 'intent', '2026-06-11', 2, 'h', 8),
  ('P4', 'negotiation', '2026-06-21', 2, 'h', 9), ('P4', 'won', '2026-07-15', 2, 'h', 10),
  ('P5', 'potential', '2026-06-15', 2, 'h', 11), ('P5', 'lost', '2026-07-20', 2, 'h', 12),
  ('P6', 'potential', '2025-09-01', 2, 'h', 13), ('P6', 'negotiation', '2025-10-01', 2, 'h', 14),
  ('P6', 'won', '2025-10-31', 2, 'h', 15),
  ('P7', 'potential', '2026-01-10', 2, 'h', 16), ('P7', 'intent', '2026-01-20', 2, 'h', 17),
  ('P7', 'negotiation', '2026-02-01', 2, 'h', 18), ('P7', 'lost', '2026-03-01', 2, 'h', 19),
  ('P8', 'potential', '2026-07-10', 2, 'h', 20),
  ('P9', 'potential', '2026-05-20', 2, 'h', 21), ('P9', 'negotiation', '2026-06-05', 2, 'h', 22);
INSERT INTO quotas (rep_id, month, quota, currency, _ingest_id, _file, _line) VALUES
  ('R1', '2026-06-01', 999, 'CNY', 2, 'q', 1),
  ('R1', '2026-07-01', 100, 'CNY', 2, 'q', 2), ('R1', '2026-08-01', 100, 'CNY', 2, 'q', 3),
  ('R1', '2026-09-01', 100, 'CNY', 2, 'q', 4), ('R2', '2026-07-01', 50, 'CNY', 2, 'q', 5),
  ('R2', '2026-08-01', 50, 'CNY', 2, 'q', 6), ('R2', '2026-09-01', 50, 'CNY', 2, 'q', 7);
INSERT INTO ingests VALUES
  (1, '2026-06-15 12:00:00', '2026-06-15 12:00:00', '2026-06-15 12:00:00', 1, 8, 8, 0, 'loaded', NULL, 0),
  (2, '2026-08-01', '2026-08-01', '2026-08-01', 1, 9, 9, 0, 'loaded', NULL, 0);
-- the first export: P1 at 250 due 09-30, P2 due 10-20 (outside Q3), P3 due 07-25, P4 open due 07-10, P9 at 70
INSERT INTO opportunity_snapshots VALUES
  (1, '2026-06-15 12:00:00', 'P1', 'negotiation', 'open', 250, 'CNY', '2026-09-30'),
  (1, '2026-06-15 12:00:00', 'P2', 'potential', 'open', 100, 'CNY', '2026-10-20'),
  (1, '2026-06-15 12:00:00', 'P3', 'potential', 'open', 50, 'CNY', '2026-07-25'),
  (1, '2026-06-15 12:00:00', 'P4', 'intent', 'open', 80, 'CNY', '2026-07-10'),
  (1, '2026-06-15 12:00:00', 'P5', 'potential', 'open', 30, 'CNY', '2026-08-30'),
  (1, '2026-06-15 12:00:00', 'P6', 'won', 'won', 120, 'CNY', '2025-10-31'),
  (1, '2026-06-15 12:00:00', 'P7', 'lost', 'lost', 70, 'CNY', '2026-03-01'),
  (1, '2026-06-15 12:00:00', 'P9', 'negotiation', 'open', 70, 'CNY', '2026-09-05');
INSERT INTO opportunity_snapshots
  SELECT 2, '2026-08-01', opportunity_id, stage, outcome, amount, currency, expected_close_at FROM opportunities;`;

const NOW = "2026-08-01T00:00:00Z";
const Q3 = {start: "2026-07-01", end: "2026-10-01"};

let warehouse: {connection: DuckDBConnection; close(): void};
let ctx: PipelineContext;

beforeAll(async () => {
  warehouse = await emptyWarehouse();
  await warehouse.connection.run(FIXTURE);
  ctx = {connection: warehouse.connection, period: Q3, now: NOW};
});
afterAll(() => warehouse.close());

describe("learnStageProbabilities(connection, window)", () => {
  it("learns won / reached among opportunities closed in the window", async () => {
    const learned = await learnStageProbabilities(warehouse.connection, {since: "2025-08-01", until: NOW});
    expect(learned.map((r) => [r.stage, r.count_closed_reached, r.count_won, r.probability])).toEqual([
      ["potential", 4, 2, 0.5],
      ["intent", 3, 2, 2 / 3],
      ["negotiation", 3, 2, 2 / 3]
    ]);
    expect(stageProbabilityOf(learned)("intent")).toBe(2 / 3);
    expect(stageProbabilityOf(learned)("won")).toBeNull();
  });
});

describe("openPipeline(ctx)", () => {
  it("groups the open opportunities by stage and expected close month, weighted", async () => {
    const {rows} = await openPipeline(ctx);
    expect(
      rows.map((r) => [r.stage, r.expected_close_month, r.count_opportunities, r.amount, r.weighted_amount])
    ).toEqual([
      ["potential", "2026-07-01", 1, 100, 50], // P2: 100 × 0.5
      ["potential", "2026-09-01", 1, 60, 30], // P8: 60 × 0.5
      ["intent", "2026-11-01", 1, 50, 33.33], // P3: 50 × 2/3
      ["negotiation", "2026-08-01", 1, 200, 133.33], // P1: 200 × 2/3
      ["negotiation", "2026-09-01", 1, 90, 60] // P9: 90 × 2/3
    ]);
  });
});

describe("weightedPipeline(ctx)", () => {
  it("weights each stage's open amount by the learned probability and by the configured one", async () => {
    const {rows} = await weightedPipeline(ctx);
    expect(
      rows.map((r) => [r.stage, r.count_opportunities, r.amount, r.weighted_amount, r.configured_weighted_amount])
    ).toEqual([
      ["potential", 2, 160, 80, 16], // 160 × 0.5, 160 × 0.1
      ["intent", 1, 50, 33.33, 15], // 50 × 2/3, 50 × 0.3
      ["negotiation", 2, 290, 193.33, 174] // 290 × 2/3, 290 × 0.6
    ]);
    expect(rows.every((r) => r.probability_source === "learned")).toBe(true);
  });
});

describe("pipelineCoverage(ctx)", () => {
  it("divides the pipeline due in the period by the quota still to win", async () => {
    // due in Q3: P1 200 + P2 100 + P8 60 + P9 90 = 450 (P3 is due in November)
    // weighted: 200·2/3 + 100·.5 + 60·.5 + 90·2/3 = 273.33; won so far: P4 80; quota 300 + 150 = 450 (June's is outside)
    const {rows, missing} = await pipelineCoverage(ctx);
    expect(rows).toEqual([
      {
        period_start: "2026-07-01",
        period_end: "2026-10-01",
        currency: "CNY",
        count_open_due: 4,
        open_due_amount: 450,
        weighted_due_amount: 273.33,
        won_amount: 80,
        quota: 450,
        remaining_quota: 370,
        coverage_ratio: 450 / 370,
        weighted_coverage_ratio: 273.33 / 370
      }
    ]);
    expect(missing).toEqual([]);
  });

  it("uses the quotas of the filtered reps", async () => {
    // East = R1: P1 200 + P2 100 + P9 90 = 390 due; won 80; quota 300 → 390 / 220
    const {rows} = await pipelineCoverage({...ctx, filters: {team: "East"}});
    expect(rows[0]).toMatchObject({open_due_amount: 390, won_amount: 80, quota: 300, remaining_quota: 220});
    expect(rows[0].coverage_ratio).toBe(390 / 220);
  });

  it("has no quota under a channel filter, quotas being per rep", async () => {
    const {rows} = await pipelineCoverage({...ctx, filters: {channel: "partner"}});
    // partner = R2's: P8 60 due; nothing won in Q3 (P5 lost)
    expect(rows[0]).toMatchObject({open_due_amount: 60, won_amount: 0, quota: null, coverage_ratio: null});
  });
});

describe("salesVelocity(ctx)", () => {
  it("multiplies open count, average won deal and win rate over the average cycle", async () => {
    // as of now (Q3 has not ended): open P1 P2 P3 P8 P9 = 5; closed in Q3: P4 won (80, 06-01 → 07-15 = 44 d), P5 lost
    // 5 × 80 × 0.5 / 44 = 4.5454… → 4.55
    const {rows} = await salesVelocity(ctx);
    expect(rows).toEqual([
      {
        as_of: "2026-08-01T00:00:00Z",
        currency: "CNY",
        count_open: 5,
        count_won: 1,
        count_lost: 1,
        avg_won_amount: 80,
        avg_cycle_days: 44,
        win_rate: 0.5,
        velocity_per_day: 4.55
      }
    ]);
  });
});

describe("pipelineChanges(ctx, options)", () => {
  it("explains the change in the period's pipeline between two ingests as a balanced waterfall", async () => {
    // first export, open and due in Q3: P1 250, P3 50, P4 80, P5 30, P9 70 = 480 (P2 was due 10-20)
    // new P8 +60; won P4 −80; lost P5 −30; pushed out P3 −50 (now due 11-10); pulled in P2 +100 (now due 07-20);
    // amount up P9 +20 (70 → 90); amount down P1 −50 (250 → 200); end: P1 200 + P2 100 + P8 60 + P9 90 = 450
    const {rows, missing} = await pipelineChanges(ctx);
    expect(missing).toEqual([]);
    expect(rows.map((r) => [r.step, r.count_opportunities, r.amount, r.running_amount])).toEqual([
      ["start", 5, 480, 480],
      ["new", 1, 60, 540],
      ["won", 1, -80, 460],
      ["lost", 1, -30, 430],
      ["removed", 0, 0, 430],
      ["pushed_out", 1, -50, 380],
      ["pulled_in", 1, 100, 480],
      ["amount_up", 1, 20, 500],
      ["amount_down", 1, -50, 450],
      ["end", 4, 450, 450]
    ]);
    const changes = rows.filter((r) => r.step !== "start" && r.step !== "end").reduce((sum, r) => sum + r.amount, 0);
    expect(rows[0].amount + changes).toBe(rows.at(-1)!.amount);
    expect(rows[0]).toMatchObject({from_ingest_id: 1, to_ingest_id: 2, to_exported_at: "2026-08-01T00:00:00Z"});
  });

  it("counts a deal a full export no longer held as removed, not lost", async () => {
    // P9 (70 in the first export) vanished from the second, a full one: removed −70 instead of amount up +20;
    // end: P1 200 + P2 100 + P8 60 = 360
    await ctx.connection.run(`INSERT INTO removed_opportunities BY NAME
      SELECT * EXCLUDE (_ingest_id), 1 AS _ingest_id, TIMESTAMP '2026-08-01' AS removed_at, 2 AS removed_ingest_id
      FROM opportunities WHERE opportunity_id = 'P9'`);
    await ctx.connection.run(`DELETE FROM opportunity_snapshots WHERE opportunity_id = 'P9' AND ingest_id = 2`);
    try {
      const {rows} = await pipelineChanges(ctx);
      expect(rows.map((r) => [r.step, r.count_opportunities, r.amount])).toEqual([
        ["start", 5, 480],
        ["new", 1, 60],
        ["won", 1, -80],
        ["lost", 1, -30],
        ["removed", 1, -70],
        ["pushed_out", 1, -50],
        ["pulled_in", 1, 100],
        ["amount_up", 0, 0],
        ["amount_down", 1, -50],
        ["end", 3, 360]
      ]);
    } finally {
      await ctx.connection.run(`DELETE FROM removed_opportunities`);
      await ctx.connection.run(`INSERT INTO opportunity_snapshots
        SELECT 2, TIMESTAMP '2026-08-01', opportunity_id, stage, outcome, amount, currency, expected_close_at
        FROM opportunities WHERE opportunity_id = 'P9'`);
    }
  });

  it("finds the ingests by date or id", async () => {
    const byDate = await pipelineChanges(ctx, {from: "2026-06-15", to: "2026-08-01"});
    const byId = await pipelineChanges(ctx, {from: 1, to: 2});
    expect(byDate).toEqual(byId);
    expect(byDate.rows.at(-1)!.amount).toBe(450);
  });

  it("says so when there are not two ingests to compare", async () => {
    expect(await pipelineChanges(ctx, {from: "2026-06-01"})).toEqual({
      rows: [],
      missing: ["opportunity_snapshots: needs two ingests between the dates"]
    });
    const single = await emptyWarehouse();
    const result = await pipelineChanges({connection: single.connection, period: Q3, now: NOW});
    single.close();
    expect(result).toEqual({rows: [], missing: ["opportunity_snapshots: needs two ingests"]});
  });

  it("rejects an ingest id without snapshots", async () => {
    await expect(pipelineChanges(ctx, {from: 7})).rejects.toThrow(
      "pipelineChanges requires an ingest with opportunity snapshots, got ingest 7"
    );
  });
});

describe("pipelineAsOf(ctx, options)", () => {
  it("rebuilds the open pipeline at a past date with the amounts exported by then", async () => {
    // at 07-01: potential P2 P5; intent P3 (since 06-20); negotiation P1 P4 (won later) P9; P8 not created yet
    // amounts of the 06-15 export: P2 100 + P5 30; P3 50; P1 250 + P4 80 + P9 70
    const {rows} = await pipelineAsOf(ctx, {date: "2026-07-01"});
    expect(rows.map((r) => [r.stage, r.count_opportunities, r.amount, r.count_amount_current])).toEqual([
      ["potential", 2, 130, 0],
      ["intent", 1, 50, 0],
      ["negotiation", 3, 400, 0]
    ]);
    expect(rows[0].as_of).toBe("2026-07-01T00:00:00Z");
  });

  it("uses the stage before a move on the day itself and today's amount before the first export", async () => {
    // at 06-01 00:00: P1 in intent (negotiation from 06-01 counts from then), P9 in potential; P2 P4 created at 06-01
    const {rows} = await pipelineAsOf(ctx, {date: "2026-06-01"});
    expect(rows.map((r) => [r.stage, r.count_opportunities, r.amount, r.count_amount_current])).toEqual([
      ["potential", 1, 90, 1],
      ["intent", 1, 200, 1]
    ]);
  });

  it("defaults to the period start, and a date after now is now", async () => {
    expect(await pipelineAsOf(ctx)).toEqual(await pipelineAsOf(ctx, {date: "2026-07-01"}));
    const later = await pipelineAsOf(ctx, {date: "2027-01-01"});
    // now: potential P2 P8; intent P3; negotiation P1 P9
    expect(later.rows.map((r) => [r.as_of, r.stage, r.count_opportunities, r.amount])).toEqual([
      [NOW, "potential", 2, 160],
      [NOW, "intent", 1, 50],
      [NOW, "negotiation", 2, 290]
    ]);
  });
});

describe("pipeline(ctx, options)", () => {
  it("returns every result, the same as each pipeline alone", async () => {
    const all = await pipeline(ctx, {asOf: "2026-07-01"});
    expect(all.open).toEqual(await openPipeline(ctx));
    expect(all.coverage).toEqual(await pipelineCoverage(ctx));
    expect(all.velocity).toEqual(await salesVelocity(ctx));
    expect(all.changes).toEqual(await pipelineChanges(ctx));
    expect(all.as_of).toEqual(await pipelineAsOf(ctx, {date: "2026-07-01"}));
  });

  it("says quotas are missing and leaves coverage empty without them", async () => {
    const bare = await emptyWarehouse();
    await bare.connection.run(`
      INSERT INTO opportunities (opportunity_id, stage, outcome, amount, currency, created_at, expected_close_at, _ingest_id, _file, _line)
      VALUES ('Q1', 'intent', 'open', 500, 'CNY', '2026-06-01', '2026-08-20', 1, 'f', 1)`);
    const all = await pipeline({connection: bare.connection, period: Q3, now: NOW});
    bare.close();
    // no stage history: the entries come from created_at; no closed opportunity: configured probability 0.3
    expect(all.coverage.missing).toEqual(["quotas"]);
    expect(all.coverage.rows[0]).toMatchObject({
      open_due_amount: 500,
      weighted_due_amount: 150,
      quota: null,
      coverage_ratio: null
    });
    expect(all.weighted.rows[0]).toMatchObject({stage: "intent", probability: 0.3, probability_source: "configured"});
    expect(all.as_of.missing).toEqual(["stage_history"]);
    expect(all.as_of.rows).toEqual([
      {
        as_of: "2026-07-01T00:00:00Z",
        stage: "intent",
        stage_order: 2,
        currency: "CNY",
        count_opportunities: 1,
        amount: 500,
        count_amount_current: 1
      }
    ]);
    expect(all.changes.missing).toEqual(["opportunity_snapshots: needs two ingests"]);
  });
});
