import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {scoring, type ScoringResults} from "../../pipelines/scoring.ts";
import {sampleWarehouse} from "./sample-warehouse.ts";

let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
let ctx: PipelineContext;
let results: ScoringResults;

/** Numbers rounded to 6 decimals, so the golden file does not hang on the last bits of a float. */
const rounded = (_: string, value: unknown) => (typeof value === "number" ? Math.round(value * 1e6) / 1e6 : value);

beforeAll(async () => {
  warehouse = await sampleWarehouse();
  // the whole sample: opportunities are created from 2023-11-20 on, the export is of 2026-11-20
  ctx = warehouse.context({start: "2023-01-01", end: "2027-01-01"});
  results = await scoring(ctx);
});
afterAll(() => warehouse.close());

describe("scoring(ctx) on the sample", () => {
  it("matches the golden output", async () => {
    const golden = {
      evaluation: results.evaluation,
      calibration: results.calibration,
      coefficients: results.coefficients,
      top_scores: {rows: results.scores.rows.slice(0, 25), missing: results.scores.missing}
    };
    await expect(JSON.stringify(golden, rounded, 2)).toMatchFileSnapshot("./__snapshots__/scoring.json");
  });

  it("beats both baselines on AUC and Brier on the held-out period, and is the method used", () => {
    const byMethod = Object.fromEntries(results.evaluation.rows.map((row) => [row.method, row]));
    const model = byMethod.logistic_regression;
    // trained on the 1 026 opportunities closed before 2026-04-24 03:55:32 UTC (O001029's close), tested on the 343
    // closed since: 1 369 closed deals with a created date (O000073's is unreadable, so it has no age to score at)
    expect(model.split_at).toBe("2026-04-24T03:55:32Z");
    expect([model.n_train_opportunities, model.n_test_opportunities]).toEqual([1026, 343]);
    for (const baseline of [byMethod.naive_bayes, byMethod.stage_probability]) {
      expect(model.auc!).toBeGreaterThan(baseline.auc!);
      expect(model.brier_score!).toBeLessThan(baseline.brier_score!);
      expect(model.log_loss!).toBeLessThan(baseline.log_loss!);
    }
    expect(model.is_used).toBe(true);
    expect(results.scores.rows.every((row) => row.score_method === "logistic_regression")).toBe(true);
  });

  it("learns the effects the generator built in", () => {
    const coefficient = (feature: string, level: string | null = null) =>
      results.coefficients.rows.find((row) => row.feature === feature && row.level === level)!.coefficient;
    // channels differ: referral and partner deals win more than online ads and weibo
    for (const good of ["referral", "partner"])
      for (const poor of ["online_ads", "weibo"])
        expect(coefficient("source", good)).toBeGreaterThan(coefficient("source", poor));
    // deals whose follow-up kept to the plan win more often than those off it
    expect(coefficient("follow_up", "on_plan")).toBeGreaterThan(coefficient("follow_up", "off_plan"));
    // returning customers, reps strong in the account's industry, and better credit raise the odds
    expect(coefficient("is_returning_customer")).toBeGreaterThan(0);
    expect(coefficient("rep_segment_win_rate")).toBeGreaterThan(0);
    expect(coefficient("credit_rating", "A")).toBeGreaterThan(coefficient("credit_rating", "D"));
  });

  it("ranks by expected value and explains every score in both languages", () => {
    const rows = results.scores.rows;
    expect(rows).toHaveLength(130);
    rows.forEach((row, k) => {
      expect(row.priority_rank).toBe(k + 1);
      if (k > 0) expect(row.expected_value!).toBeLessThanOrEqual(rows[k - 1].expected_value!);
      expect(row.expected_value).toBeCloseTo(row.amount! * row.margin_used! * row.win_probability, 6);
      expect([
        row.reason_1,
        row.reason_2,
        row.reason_3,
        row.reason_1_zh,
        row.reason_2_zh,
        row.reason_3_zh
      ]).not.toContain(null);
    });
  });

  it("is deterministic: a second run gives the same scores", async () => {
    const again = await scoring(ctx);
    expect(JSON.stringify(again)).toBe(JSON.stringify(results));
  });
});
