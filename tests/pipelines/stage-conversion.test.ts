import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {withStageEntries} from "../../pipelines/lib/stage-entries.ts";
import {
  cohortFunnel,
  lostReasons,
  salesCycle,
  stageConversion,
  stageProbabilities,
  stuckOpportunities,
  timeInStage,
  transitionMatrix,
  winRates
} from "../../pipelines/stage-conversion.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

/**
 * Six opportunities, now = 2026-07-01, period = the first half of 2026 (all times 00:00 UTC):
 *   A potential 01-01 → intent 01-11 → negotiation 01-31 → won 03-02            (cycle 60 d)
 *   B potential 01-05 → lost 01-15 ("价格过高")
 *   C intent 02-01 (skipped potential) → negotiation 02-21 → intent 03-03 (back) → lost 03-13 ("预算取消")
 *   D potential 03-01 → negotiation 03-06 (skipped intent), open: 117 days in negotiation by 07-01
 *   E potential 06-01, open: 30 days in potential by 07-01
 *   F created 2025-12-01 potential → intent 2025-12-11 → won 2026-01-10 (skipped negotiation; cycle 40 d)
 */
const FIXTURE = `
INSERT INTO opportunities (opportunity_id, owner_rep_id, source, stage, outcome, amount, currency, probability,
  created_at, expected_close_at, closed_at, lost_reason, _ingest_id, _file, _line) VALUES
  ('A', 'R1', 'web', 'won', 'won', 100, 'CNY', NULL, '2026-01-01', '2026-03-01', '2026-03-02', NULL, 1, 'f', 1),
  ('B', 'R1', 'web', 'lost', 'lost', 50, 'CNY', NULL, '2026-01-05', '2026-02-01', '2026-01-15', '价格过高', 1, 'f', 2),
  ('C', 'R2', 'partner', 'lost', 'lost', 80, 'CNY', NULL, '2026-02-01', '2026-04-01', '2026-03-13', '预算取消', 1, 'f', 3),
  ('D', 'R2', 'partner', 'negotiation', 'open', 200, 'CNY', 0.5, '2026-03-01', '2026-07-15', NULL, NULL, 1, 'f', 4),
  ('E', 'R1', 'web', 'potential', 'open', 40, 'CNY', 0.2, '2026-06-01', '2026-06-20', NULL, NULL, 1, 'f', 5),
  ('F', 'R2', 'partner', 'won', 'won', 60, 'CNY', NULL, '2025-12-01', '2026-01-10', '2026-01-10', NULL, 1, 'f', 6);
INSERT INTO stage_history (opportunity_id, stage, entered_at, _ingest_id, _file, _line) VALUES
  ('A', 'potential', '2026-01-01', 1, 'h', 1), ('A', 'intent', '2026-01-11', 1, 'h', 2),
  ('A', 'negotiation', '2026-01-31', 1, 'h', 3), ('A', 'won', '2026-03-02', 1, 'h', 4),
  ('B', 'potential', '2026-01-05', 1, 'h', 5), ('B', 'lost', '2026-01-15', 1, 'h', 6),
  ('C', 'intent', '2026-02-01', 1, 'h', 7), ('C', 'negotiation', '2026-02-21', 1, 'h', 8),
  ('C', 'intent', '2026-03-03', 1, 'h', 9), ('C', 'lost', '2026-03-13', 1, 'h', 10),
  ('D', 'potential', '2026-03-01', 1, 'h', 11), ('D', 'negotiation', '2026-03-06', 1, 'h', 12),
  ('E', 'potential', '2026-06-01', 1, 'h', 13),
  ('F', 'potential', '2025-12-01', 1, 'h', 14), ('F', 'intent', '2025-12-11', 1, 'h', 15),
  ('F', 'won', '2026-01-10', 1, 'h', 16);
INSERT INTO reps (rep_id, name, team, region, _ingest_id, _file, _line) VALUES
  ('R1', 'Rep One', 'East', 'Shanghai', 1, 'r', 1), ('R2', 'Rep Two', 'West', 'Chengdu', 1, 'r', 2);`;

const NOW = "2026-07-01T00:00:00Z";
const H1 = {start: "2026-01-01", end: "2026-07-01"};

let warehouse: {connection: DuckDBConnection; close(): void};
let ctx: PipelineContext;

beforeAll(async () => {
  warehouse = await emptyWarehouse();
  await warehouse.connection.run(FIXTURE);
  ctx = {connection: warehouse.connection, period: H1, now: NOW};
});
afterAll(() => warehouse.close());

describe("cohortFunnel(ctx)", () => {
  it("counts a later stage as passing the earlier ones", async () => {
    // cohort = A B C D E (F was created before the period)
    // potential: all 5; intent: A (won), C, D (negotiation implies intent) = 3; negotiation: A C D = 3; won: A = 1
    const {rows, missing} = await cohortFunnel(ctx);
    expect(rows.map((r) => [r.stage, r.count_cohort, r.count_reached])).toEqual([
      ["potential", 5, 5],
      ["intent", 5, 3],
      ["negotiation", 5, 3],
      ["won", 5, 1]
    ]);
    // reached: 5/5, 3/5, 3/5, 1/5; conversion: —, 3/5, 3/3, 1/3
    expect(rows.map((r) => r.reached_rate)).toEqual([1, 0.6, 0.6, 0.2]);
    expect(rows.map((r) => r.conversion_rate)).toEqual([null, 0.6, 1, 1 / 3]);
    expect(missing).toEqual([]);
  });

  it("applies the filters", async () => {
    // team West = rep R2: C and D; both reached intent and negotiation, none won
    const {rows} = await cohortFunnel({...ctx, filters: {team: "West"}});
    expect(rows.map((r) => r.count_reached)).toEqual([2, 2, 2, 0]);
  });
});

describe("transitionMatrix(ctx)", () => {
  it("counts moves entered in the period, marking skips and backward moves", async () => {
    const {rows} = await transitionMatrix(ctx);
    const cells = rows.map((r) => [r.from_stage, r.to_stage, r.move, r.count_stages_skipped, r.count_transitions]);
    expect(cells).toEqual([
      // starts in the period: A B D E in potential, C in intent (skips potential); F started in 2025
      [null, "potential", "start", 0, 4],
      [null, "intent", "start", 1, 1],
      // out of potential: A → intent, B → lost, D → negotiation (skips intent); F's move was in 2025
      ["potential", "intent", "forward", 0, 1],
      ["potential", "negotiation", "skip", 1, 1],
      ["potential", "lost", "lost", 0, 1],
      // out of intent: A and C → negotiation, C → lost, F → won (skips negotiation)
      ["intent", "negotiation", "forward", 0, 2],
      ["intent", "lost", "lost", 0, 1],
      ["intent", "won", "won", 1, 1],
      // out of negotiation: C → intent (backwards), A → won
      ["negotiation", "intent", "backward", 0, 1],
      ["negotiation", "won", "won", 0, 1]
    ]);
    // rates within the from-stage: starts 4/5, 1/5; potential 1/3 each; intent 2/4, 1/4, 1/4; negotiation 1/2 each
    expect(rows.map((r) => r.transition_rate)).toEqual([0.8, 0.2, 1 / 3, 1 / 3, 1 / 3, 0.5, 0.25, 0.25, 0.5, 0.5]);
  });
});

describe("winRates(ctx)", () => {
  it("labels the snapshot rate (closed in period) beside the cohort rate (created in period)", async () => {
    const {rows} = await winRates(ctx);
    // snapshot: closed in H1 = A won, F won, B lost, C lost → 2/4
    // R: prop.test(2, 4, correct = FALSE)$conf.int → 0.150038989152 0.849961010848
    expect(rows[0]).toMatchObject({
      basis: "snapshot",
      count_opportunities: 4,
      count_won: 2,
      count_lost: 2,
      win_rate: 0.5
    });
    expect(rows[0].win_rate_low).toBeCloseTo(0.150038989152, 10);
    expect(rows[0].win_rate_high).toBeCloseTo(0.849961010848, 10);
    // cohort: created in H1 = A B C D E: won A, lost B C, open D E → 1/5
    // R: prop.test(1, 5, correct = FALSE)$conf.int → 0.0362241086324 0.6244653702375
    expect(rows[1]).toMatchObject({
      basis: "cohort",
      count_opportunities: 5,
      count_won: 1,
      count_lost: 2,
      count_open: 2
    });
    expect(rows[1].win_rate).toBe(0.2);
    expect(rows[1].win_rate_low).toBeCloseTo(0.0362241086324, 10);
    expect(rows[1].label).toBe("Cohort win rate: won / created in period");
  });
});

describe("timeInStage(ctx)", () => {
  it("estimates quantiles with open opportunities censored at now", async () => {
    const {rows} = await timeInStage(ctx);
    // potential entries in H1: A 10 d, B 10 d, D 5 d, E 30 d still open (censored); F's was in 2025
    // S(5) = 3/4, S(10) = 3/4 · 1/3 = 1/4 → median 10; 1 − S = .75 exactly → (10 + 30)/2 = 20; never .9
    // R: quantile(survfit(Surv(c(5,10,10,30), c(1,1,1,0)) ~ 1), c(.5,.75,.9)) → 10 20 NA
    expect(rows[0]).toEqual({
      stage: "potential",
      stage_order: 1,
      count_entries: 4,
      count_exited: 3,
      count_censored: 1,
      median_days: 10,
      p75_days: 20,
      p90_days: null
    });
    // intent: A 20 d, C 20 d and (second visit) 10 d, all left → R: Surv(c(10,20,20), c(1,1,1)) → 20 20 20
    expect(rows[1]).toMatchObject({stage: "intent", count_entries: 3, median_days: 20, p75_days: 20, p90_days: 20});
    // negotiation: A 30 d, C 10 d, D 117 d open (03-06 → 07-01) → S(10) = 2/3, S(30) = 1/3
    // R: Surv(c(10,30,117), c(1,1,0)) → 30 NA NA
    expect(rows[2]).toMatchObject({stage: "negotiation", count_censored: 1, median_days: 30, p75_days: null});
  });
});

describe("salesCycle(ctx)", () => {
  it("summarises closed_at − created_at of the deals won in the period", async () => {
    // A 60 d, F 40 d (created before the period, won in it): mean 50;
    // R: quantile(c(40, 60), c(.5, .75, .9), type = 7) → 50 55 58
    const {rows} = await salesCycle(ctx);
    expect(rows).toEqual([{count_won: 2, mean_days: 50, median_days: 50, p75_days: 55, p90_days: 58}]);
  });
});

describe("lostReasons(ctx)", () => {
  it("puts each loss at the open stage it was lost from", async () => {
    // B lost from potential (price); C lost from intent after falling back from negotiation (budget)
    const {rows} = await lostReasons(ctx);
    expect(rows).toEqual([
      {
        lost_stage: "potential",
        lost_stage_order: 1,
        lost_reason: "价格过高",
        count_lost: 1,
        stage_share_rate: 1,
        share_rate: 0.5
      },
      {
        lost_stage: "intent",
        lost_stage_order: 2,
        lost_reason: "预算取消",
        count_lost: 1,
        stage_share_rate: 1,
        share_rate: 0.5
      }
    ]);
  });
});

describe("stageProbabilities(ctx)", () => {
  it("learns won / reached among the closed, beside configured and CRM probabilities", async () => {
    // closed in H1: A won (reached all), F won (all), B lost (potential), C lost (reached negotiation)
    // potential 2 won / 4; intent 2 / 3 (A C F); negotiation 2 / 3 (A C F)
    const {rows, missing} = await stageProbabilities(ctx);
    expect(rows.map((r) => [r.stage, r.count_closed_reached, r.count_won, r.learned_probability])).toEqual([
      ["potential", 4, 2, 0.5],
      ["intent", 3, 2, 2 / 3],
      ["negotiation", 3, 2, 2 / 3]
    ]);
    expect(rows.map((r) => r.configured_probability)).toEqual([0.1, 0.3, 0.6]);
    expect(rows[0].learned_minus_configured).toBeCloseTo(0.4, 12);
    // the CRM's probability over the open opportunities now in the stage: E 0.2 (potential), D 0.5 (negotiation)
    expect(rows.map((r) => r.crm_probability_avg)).toEqual([0.2, null, 0.5]);
    expect(missing).toEqual([]);
  });
});

describe("stuckOpportunities(ctx)", () => {
  it("lists nothing where no stage has a p90 yet", async () => {
    // potential: 5, 10, 10, 10 (F) left, 30 open → 1 − S peaks at .8; negotiation peaks at 2/3: no p90
    expect((await stuckOpportunities(ctx)).rows).toEqual([]);
  });

  it("lists open opportunities in their stage longer than its p90", async () => {
    const stuck = await emptyWarehouse();
    // S1…S9 left potential after 1…9 days (lost); S10 is in potential since 2026-06-11: 20 days by 07-01
    const values = Array.from({length: 9}, (_, i) => {
      const left = `2026-01-${String(2 + i).padStart(2, "0")}`;
      return `('S${i + 1}', 'lost', 'lost', '2026-01-01', '${left}', ${i + 1})`;
    });
    await stuck.connection.run(`
      INSERT INTO opportunities (opportunity_id, stage, outcome, created_at, closed_at, _line, _ingest_id, _file)
        SELECT *, 1, 'f' FROM (VALUES ${values.join(", ")}, ('S10', 'potential', 'open', '2026-06-11', NULL, 10));
      INSERT INTO stage_history (opportunity_id, stage, entered_at, _ingest_id, _file, _line)
        SELECT opportunity_id, 'potential', created_at, 1, 'h', _line FROM opportunities;
      INSERT INTO stage_history (opportunity_id, stage, entered_at, _ingest_id, _file, _line)
        SELECT opportunity_id, 'lost', closed_at, 1, 'h', 100 + _line FROM opportunities WHERE closed_at IS NOT NULL;`);
    // S(k) = (10 − k)/10; 1 − S(9) = .9 exactly and no later drop → p90 = (9 + 20)/2 = 14.5
    // R: quantile(survfit(Surv(c(1:9, 20), c(rep(1, 9), 0)) ~ 1), .9) → 14.5
    const {rows} = await stuckOpportunities({connection: stuck.connection, period: H1, now: NOW});
    stuck.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      opportunity_id: "S10",
      stage: "potential",
      entered_stage_at: "2026-06-11T00:00:00Z",
      days_in_stage: 20,
      stage_p90_days: 14.5,
      days_over_p90: 5.5
    });
  });
});

describe("stageConversion(ctx)", () => {
  it("returns every result, the same as each pipeline alone", async () => {
    const all = await stageConversion(ctx);
    expect(all.funnel).toEqual(await cohortFunnel(ctx));
    expect(all.transitions).toEqual(await transitionMatrix(ctx));
    expect(all.time_in_stage).toEqual(await timeInStage(ctx));
    expect(all.lost_reasons).toEqual(await lostReasons(ctx));
  });

  it("computes the stage entries once, nested or not, and leaves no table behind", async () => {
    const nested = await withStageEntries(ctx.connection, () => stageConversion(ctx));
    expect(nested).toEqual(await stageConversion(ctx));
    const reader = await ctx.connection.runAndReadAll(
      `SELECT table_name FROM information_schema.tables
       WHERE table_catalog = 'temp' AND table_name IN ('stage_events', 'stage_entries') AND table_type <> 'VIEW'`
    );
    expect(reader.getRows()).toEqual([]);
  });

  it("returns counts of zero and no rates for an empty period", async () => {
    const empty = {...ctx, period: {start: "2030-01-01", end: "2030-02-01"}};
    const all = await stageConversion(empty);
    expect(all.funnel.rows.map((r) => [r.count_cohort, r.reached_rate, r.conversion_rate])).toEqual([
      [0, null, null],
      [0, null, null],
      [0, null, null],
      [0, null, null]
    ]);
    expect(all.transitions.rows).toEqual([]);
    expect(all.win_rates.rows.map((r) => [r.count_opportunities, r.win_rate, r.win_rate_low])).toEqual([
      [0, null, null],
      [0, null, null]
    ]);
    expect(all.time_in_stage.rows.map((r) => [r.count_entries, r.median_days])).toEqual([
      [0, null],
      [0, null],
      [0, null]
    ]);
    expect(all.sales_cycle.rows).toEqual([
      {count_won: 0, mean_days: null, median_days: null, p75_days: null, p90_days: null}
    ]);
    expect(all.lost_reasons.rows).toEqual([]);
    expect(
      all.stage_probabilities.rows.map((r) => [r.learned_probability, r.probability, r.probability_source])
    ).toEqual([
      [null, 0.1, "configured"],
      [null, 0.3, "configured"],
      [null, 0.6, "configured"]
    ]);
  });
});

describe("stage entries without stage_history", () => {
  it("derives the entries from ingest snapshots, created_at and closed_at, and says stage_history is missing", async () => {
    const bare = await emptyWarehouse();
    // G: potential at the first export (03-01), negotiation at the second (05-01), open
    // H: intent at the first export, lost on 04-10 (the second export shows it lost)
    await bare.connection.run(`
      INSERT INTO opportunities (opportunity_id, stage, outcome, created_at, closed_at, _ingest_id, _file, _line) VALUES
        ('G', 'negotiation', 'open', '2026-02-01', NULL, 2, 'f', 1),
        ('H', 'lost', 'lost', '2026-02-15', '2026-04-10', 2, 'f', 2);
      INSERT INTO ingests VALUES
        (1, '2026-03-01', '2026-03-01', '2026-03-01', 1, 2, 2, 0, 'loaded', NULL, 0),
        (2, '2026-05-01', '2026-05-01', '2026-05-01', 1, 2, 2, 0, 'loaded', NULL, 0);
      INSERT INTO opportunity_snapshots (ingest_id, exported_at, opportunity_id, stage, outcome) VALUES
        (1, '2026-03-01', 'G', 'potential', 'open'), (1, '2026-03-01', 'H', 'intent', 'open'),
        (2, '2026-05-01', 'G', 'negotiation', 'open'), (2, '2026-05-01', 'H', 'lost', 'lost');`);
    const bareCtx = {connection: bare.connection, period: H1, now: NOW};
    // G: potential from creation (02-01), negotiation seen at 05-01; H: intent from creation, lost at closed_at
    const transitions = await transitionMatrix(bareCtx);
    const funnel = await cohortFunnel(bareCtx);
    const time = await timeInStage(bareCtx);
    bare.close();
    expect(transitions.rows.map((r) => [r.from_stage, r.to_stage, r.move, r.count_transitions])).toEqual([
      [null, "potential", "start", 1],
      [null, "intent", "start", 1],
      ["potential", "negotiation", "skip", 1],
      ["intent", "lost", "lost", 1]
    ]);
    expect(transitions.missing).toEqual(["stage_history"]);
    // both reached potential and intent (G's negotiation implies it), G negotiation
    expect(funnel.rows.map((r) => r.count_reached)).toEqual([2, 2, 1, 0]);
    // potential: G 02-01 → 05-01 = 89 days; intent: H 02-15 → 04-10 = 54 days
    expect(time.rows.map((r) => r.median_days)).toEqual([89, 54, null]);
  });

  it("shows a reopened opportunity leaving lost", async () => {
    const reopened = await emptyWarehouse();
    // I: potential 01-10 → lost 01-20 → intent 02-01 (reopened), open now
    await reopened.connection.run(`
      INSERT INTO opportunities (opportunity_id, stage, outcome, created_at, _ingest_id, _file, _line) VALUES
        ('I', 'intent', 'open', '2026-01-10', 1, 'f', 1);
      INSERT INTO stage_history (opportunity_id, stage, entered_at, _ingest_id, _file, _line) VALUES
        ('I', 'potential', '2026-01-10', 1, 'h', 1), ('I', 'lost', '2026-01-20', 1, 'h', 2),
        ('I', 'intent', '2026-02-01', 1, 'h', 3);`);
    const reopenedCtx = {connection: reopened.connection, period: H1, now: NOW};
    const transitions = await transitionMatrix(reopenedCtx);
    const funnel = await cohortFunnel(reopenedCtx);
    reopened.close();
    expect(transitions.rows.map((r) => [r.from_stage, r.to_stage, r.move])).toEqual([
      [null, "potential", "start"],
      ["potential", "lost", "lost"],
      ["lost", "intent", "reopened"]
    ]);
    expect(funnel.rows.map((r) => r.count_reached)).toEqual([1, 1, 0, 0]);
  });
});
