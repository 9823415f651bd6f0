/**
 * Opportunity scoring (docs/method.md §3): the win probability, value, priority, reasons and risks of every open
 * opportunity, from a logistic regression that has to beat the stage-only and naive-Bayes baselines on a
 * validation part before it is used — with its accuracy on the newest closed deals shown beside the scores;
 * and the conversion scores of open leads (scoreLeads), checked the same way.
 */
import type {PipelineContext, PipelineResult} from "./lib/context.ts";
import type {ScoringCoefficientRow} from "./scoring/explain-scores.ts";
import {scoreOpportunities, type OpportunityScoreRow, type ScoringOptions} from "./scoring/score-opportunities.ts";
import {scoringGlossary} from "./scoring/scoring-glossary.ts";
import {trainScorer, type ScoringCalibrationRow, type ScoringEvaluationRow} from "./scoring/train-scorer.ts";

export {fitNaiveBayes, fitStageRates, predictNaiveBayes, predictStageRates} from "./scoring/baselines.ts";
export {MODEL_CATEGORICAL_FEATURES, MODEL_NUMERIC_FEATURES} from "./scoring/encode-features.ts";
export type {ScoringCoefficientRow} from "./scoring/explain-scores.ts";
export {DEFAULT_LANDMARK_DAYS, DEFAULT_MAX_CLOSED, featuresSql} from "./scoring/features.ts";
export {
  fitLogisticRegression,
  predictLogistic,
  type Design,
  type LogisticModel
} from "./scoring/logistic-regression.ts";
export {auc, brierScore, calibrationTable, logLoss, type CalibrationBin} from "./scoring/metrics.ts";
export {readFeatures, type FeatureTable} from "./scoring/read-features.ts";
export {scoreOpportunities, type OpportunityScoreRow, type ScoringOptions} from "./scoring/score-opportunities.ts";
export {scoringCalibration, scoringCoefficients, scoringEvaluation} from "./scoring/scoring-evaluation.ts";
export {scoringGlossary} from "./scoring/scoring-glossary.ts";
export {scoreLeads, type LeadEvaluationRow, type LeadScoreRow, type LeadScoring} from "./scoring/score-leads.ts";
export {
  MIN_LOST,
  MIN_WON,
  trainScorer,
  type ScoreMethod,
  type ScorerOptions,
  type ScoringCalibrationRow,
  type ScoringEvaluationRow,
  type TrainedScorer
} from "./scoring/train-scorer.ts";

export const glossary = scoringGlossary;

export interface ScoringResults {
  scores: PipelineResult<OpportunityScoreRow>;
  evaluation: PipelineResult<ScoringEvaluationRow>;
  calibration: PipelineResult<ScoringCalibrationRow>;
  coefficients: PipelineResult<ScoringCoefficientRow>;
}

/**
 * Every scoring result a page needs, from one training run: the scores of the open opportunities, the
 * evaluation of the model and both baselines (chosen on the validation part, tested on the newest deals),
 * their calibration tables before and after recalibration, and the coefficients.
 *
 * @example
 * const {scores, evaluation} = await scoring(ctx);
 * evaluation.rows.find((row) => row.is_used)?.note; // "Used: beats both baselines on the validation opportunities (…)"
 */
export async function scoring(ctx: PipelineContext, options: ScoringOptions = {}): Promise<ScoringResults> {
  const scorer = options.scorer ?? (await trainScorer(ctx, options));
  const scores = await scoreOpportunities(ctx, {...options, scorer});
  const missing = scores.missing.filter((name) => ["accounts", "activities", "stage_history"].includes(name));
  return {
    scores,
    evaluation: {rows: scorer.evaluation, missing},
    calibration: {rows: scorer.calibration, missing},
    coefficients: {rows: scorer.coefficients, missing}
  };
}
