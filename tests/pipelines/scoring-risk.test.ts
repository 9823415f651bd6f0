import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {scoreOpportunities} from "../../pipelines/scoring.ts";
import {decide} from "../../pipelines/scoring/decide-method.ts";
import {readRiskContext} from "../../pipelines/scoring/risk-context.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

/**
 * Twelve closed deals created 2026-01-01: C1–C6 lost on 02-01 with competitor X named; C7–C12 won after
 * 10, 20, 30, 40, 50 and 60 days, C7 naming competitor Y. Open: P1 (X), P2 (Y), P3 (none). Three exports
 * (05-01, 06-01, 06-15) snapshot the open deals' expected close dates:
 *   P1 06-01 → 06-20 → 07-10 (pushed twice); P2 06-01 → 05-25 → 06-30 (pulled in, pushed once); P3 07-01 (once seen)
 */
const FIXTURE = `
INSERT INTO reps (rep_id, name, team, _ingest_id, _file, _line) VALUES ('R1', 'Rep One', 'East', 1, 'r', 1);
INSERT INTO opportunities (opportunity_id, owner_rep_id, source, stage, outcome, amount, currency, expected_margin,
  created_at, closed_at, competitor, _ingest_id, _file, _line)
SELECT 'C' || i, 'R1', 'web', CASE WHEN i <= 6 THEN 'lost' ELSE 'won' END, CASE WHEN i <= 6 THEN 'lost' ELSE 'won' END,
  1000, 'CNY', 0.5, TIMESTAMP '2026-01-01',
  CASE WHEN i <= 6 THEN TIMESTAMP '2026-02-01' ELSE TIMESTAMP '2026-01-01' + to_days(((i - 6) * 10)::INTEGER) END,
  CASE WHEN i <= 6 THEN 'X' WHEN i = 7 THEN 'Y' END, 1, 'o', i
FROM range(1, 13) t(i);
INSERT INTO opportunities (opportunity_id, owner_rep_id, source, stage, outcome, amount, currency, expected_margin,
  created_at, competitor, _ingest_id, _file, _line) VALUES
  ('P1', 'R1', 'web', 'intent', 'open', 1000, 'CNY', 0.5, '2026-04-01', 'X', 1, 'o', 13),
  ('P2', 'R1', 'web', 'intent', 'open', 1000, 'CNY', 0.5, '2026-04-01', 'Y', 1, 'o', 14),
  ('P3', 'R1', 'web', 'intent', 'open', 1000, 'CNY', 0.5, '2026-04-01', NULL, 1, 'o', 15);
INSERT INTO ingests (ingest_id, started_at, exported_at, files, rows_read, rows_loaded, rows_quarantined, status) VALUES
  (1, '2026-05-01', '2026-05-01', 1, 0, 0, 0, 'loaded'), (2, '2026-06-01', '2026-06-01', 1, 0, 0, 0, 'loaded'),
  (3, '2026-06-15', '2026-06-15', 1, 0, 0, 0, 'loaded');
INSERT INTO opportunity_snapshots (ingest_id, exported_at, opportunity_id, stage, outcome, expected_close_at) VALUES
  (1, '2026-05-01', 'P1', 'intent', 'open', '2026-06-01'), (2, '2026-06-01', 'P1', 'intent', 'open', '2026-06-20'),
  (3, '2026-06-15', 'P1', 'intent', 'open', '2026-07-10'),
  (1, '2026-05-01', 'P2', 'intent', 'open', '2026-06-01'), (2, '2026-06-01', 'P2', 'intent', 'open', '2026-05-25'),
  (3, '2026-06-15', 'P2', 'intent', 'open', '2026-06-30'),
  (3, '2026-06-15', 'P3', 'intent', 'open', '2026-07-01');`;

describe("risk flags", () => {
  let warehouse: {connection: DuckDBConnection; close(): void};
  let ctx: PipelineContext;
  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await warehouse.connection.run(FIXTURE);
    ctx = {
      connection: warehouse.connection,
      period: {start: "2026-01-01", end: "2026-07-01"},
      now: "2026-07-01T00:00:00Z"
    };
  });
  afterAll(() => warehouse.close());

  it("readRiskContext(ctx) finds the median won cycle, strong competitors and close-date pushes", async () => {
    const risk = await readRiskContext(ctx);
    // won cycles 10, 20, 30, 40, 50, 60 days → median (30 + 40) / 2 = 35
    expect(risk.median_won_cycle_days).toBe(35);
    // overall win rate 6/12 = 0.5; against X 0 of 6: Wilson upper = z²/(n + z²) = 3.8415/9.8415 = 0.390 < 0.5 → strong;
    // against Y 1 of 1: upper bound 1 → not strong
    expect([...risk.strong_competitors]).toEqual(["X"]);
    expect(Object.fromEntries(risk.close_date_pushes!)).toEqual({P1: 2, P2: 1, P3: 0});
  });

  it("scoreOpportunities(ctx) raises the strong-competitor and pushed-twice flags", async () => {
    const {rows, missing} = await scoreOpportunities(ctx);
    expect(missing).toEqual(["accounts", "activities", "stage_history"]);
    const flags = Object.fromEntries(
      rows.map((r) => [r.opportunity_id, [r.has_strong_competitor, r.count_close_date_pushes, r.is_close_date_pushed]])
    );
    expect(flags).toEqual({P1: [true, 2, true], P2: [false, 1, false], P3: [false, 0, false]});
    // P1 is also open 91 days (04-01 → 07-01), beyond 2 × the 35-day median won cycle
    expect(rows.find((r) => r.opportunity_id === "P1")!.risks).toBe(
      "strong competitor X; open 91 days, beyond 70; close date pushed 2 times"
    );
  });
});

describe("decide(metrics, context)", () => {
  const context = {tooFew: false, split: {splitEpoch: 0, trainWon: 50, trainLost: 60}, minWon: 40, minLost: 40};
  const metrics = (lr: [number, number], nb: [number, number], stage: [number, number]) => ({
    logistic_regression: {auc: lr[0], brier_score: lr[1], log_loss: 0.6},
    naive_bayes: {auc: nb[0], brier_score: nb[1], log_loss: 0.6},
    stage_probability: {auc: stage[0], brier_score: stage[1], log_loss: 0.6}
  });

  it("uses the logistic regression when it beats both baselines on AUC and Brier", () => {
    const {method, notes} = decide(metrics([0.75, 0.2], [0.7, 0.22], [0.62, 0.23]), context);
    expect(method).toBe("logistic_regression");
    expect(notes.logistic_regression.note).toBe(
      "Used: beats both baselines on the validation opportunities (AUC 0.750 vs 0.700 and 0.620, Brier 0.200 vs 0.220 and 0.230)."
    );
  });

  it("falls back to the baseline with the lower Brier score when the model loses on either measure", () => {
    // better AUC, but a Brier score worse than naive Bayes' → naive Bayes (0.22 < 0.23)
    expect(decide(metrics([0.75, 0.225], [0.7, 0.22], [0.62, 0.23]), context).method).toBe("naive_bayes");
    // better Brier, worse AUC than both → the stage-only baseline (0.24 < 0.25)
    const {method, notes} = decide(metrics([0.6, 0.2], [0.7, 0.25], [0.65, 0.24]), context);
    expect(method).toBe("stage_probability");
    expect(notes.logistic_regression.note).toMatch(/^Not used: does not beat both baselines/);
  });
});
