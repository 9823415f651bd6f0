import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import type {ScoringCoefficientRow} from "./explain-scores.ts";
import {
  trainScorer,
  type ScorerOptions,
  type ScoringCalibrationRow,
  type ScoringEvaluationRow,
  type TrainedScorer
} from "./train-scorer.ts";

type Reuse = ScorerOptions & {scorer?: TrainedScorer};

async function trained(ctx: PipelineContext, options: Reuse) {
  const scorer = options.scorer ?? (await trainScorer(ctx, options));
  const missing = await missingTables(ctx.connection, ["accounts", "activities", "stage_history"]);
  return {scorer, missing};
}

/**
 * Scoring accuracy: for the logistic regression and both baselines (stage-only probability, naive Bayes),
 * trained on the older closed opportunities, measured on the validation part (where the method is chosen
 * and recalibrated) and tested once on the newest — AUC and Brier score with 95 % bootstrap intervals, log
 * loss, the used method's figures after recalibration — with the split kind and dates, the counts, which
 * method scores the open opportunities and why (note, note_zh). Why it matters: a score is only worth following if it beats
 * what the CRM already says; the page shows these figures beside every score.
 *
 * Input: as scoreOpportunities. Output grain: one row per method (one row, stage_probability, when too
 * few deals to train: the note says so).
 *
 * @example
 * const {rows} = await scoringEvaluation(ctx);
 * // [{method: "logistic_regression", is_used: true, auc: 0.735, brier_score: 0.205, …}, …]
 */
export async function scoringEvaluation(
  ctx: PipelineContext,
  options: Reuse = {}
): Promise<PipelineResult<ScoringEvaluationRow>> {
  const {scorer, missing} = await trained(ctx, options);
  return {rows: scorer.evaluation, missing};
}

/**
 * Calibration of each method on the test part: predictions cut into ten bins of predicted probability, per
 * bin the count, mean predicted and observed share won (Wilson interval); the used method once more after
 * recalibration (is_calibrated). A calibrated method has observed ≈ predicted. Output grain: one row per
 * method per bin, before or after recalibration (none without a model).
 *
 * @example
 * const {rows} = await scoringCalibration(ctx);
 * // [{method: "logistic_regression", bin: 1, lower: 0, upper: 0.1, count: 52, mean_predicted: 0.07, observed_rate: 0.06, …}, …]
 */
export async function scoringCalibration(
  ctx: PipelineContext,
  options: Reuse = {}
): Promise<PipelineResult<ScoringCalibrationRow>> {
  const {scorer, missing} = await trained(ctx, options);
  return {rows: scorer.calibration, missing};
}

/**
 * The logistic regression's coefficients, per standard deviation of each standardised feature (a
 * category: per level), with the odds ratio exp(coefficient) — what the reasons of the scores are made
 * of. Output grain: one row per intercept, numeric feature and category level (none without a model).
 *
 * @example
 * const {rows} = await scoringCoefficients(ctx);
 * // [{feature: "(intercept)", …}, {feature: "log_amount", level: null, coefficient: -0.07, odds_ratio: 0.93, …}, …]
 */
export async function scoringCoefficients(
  ctx: PipelineContext,
  options: Reuse = {}
): Promise<PipelineResult<ScoringCoefficientRow>> {
  const {scorer, missing} = await trained(ctx, options);
  return {rows: scorer.coefficients, missing};
}
