import type {PipelineContext} from "../lib/context.ts";
import {learnStageProbabilities, stageProbabilityOf} from "../stage-conversion/stage-probabilities.ts";
import {fitNaiveBayes, fitStageRates, predictNaiveBayes, predictStageRates} from "./baselines.ts";
import {encodeRows, fitEncoder, type EncoderOptions} from "./encode-features.ts";
import {fitLogisticRegression, predictLogistic} from "./logistic-regression.ts";
import {auc, brierScore, calibrationTable, logLoss, type CalibrationBin} from "./metrics.ts";
import {readFeatures, type FeatureTable} from "./read-features.ts";
import {explainOpen, modelCoefficients, type OpenScore, type ScoringCoefficientRow} from "./explain-scores.ts";
import {decide, type ScoreMethod} from "./decide-method.ts";

export type {ScoreMethod} from "./decide-method.ts";

/** Held-out accuracy of one scoring method — grain: one row per method. */
export interface ScoringEvaluationRow {
  method: ScoreMethod;
  /** whether the scores shown come from this method */
  is_used: boolean;
  /** the first close time of the held-out (newest) part; training deals closed before it */
  split_at: string | null;
  /** training and held-out cut-offs (rows) and the won ones among them, and the opportunities behind them */
  n_train_rows: number;
  n_train_won_rows: number;
  n_train_opportunities: number;
  n_test_rows: number;
  n_test_won_rows: number;
  n_test_opportunities: number;
  auc: number | null;
  brier_score: number | null;
  log_loss: number | null;
  /** why this method is (or is not) the one used, in English and Chinese */
  note: string;
  note_zh: string;
}

/** The calibration table of one method on the held-out part — grain: one row per method per bin. */
export interface ScoringCalibrationRow extends CalibrationBin {
  method: ScoreMethod;
}

export interface ScorerOptions extends EncoderOptions {
  /** L2 penalty of the logistic regression (default 1, scikit-learn's C = 1) */
  lambda?: number;
  /** share of the closed opportunities, newest first, held out for testing (default 0.25) */
  testShare?: number;
  /** below this many won or lost training opportunities, scores are stage probabilities (default 40 each) */
  minWon?: number;
  minLost?: number;
  /** landmark ages of the training cut-offs, days (default DEFAULT_LANDMARK_DAYS) */
  landmarkDays?: readonly number[];
  /** the newest closed opportunities trained and tested on, at most (default DEFAULT_MAX_CLOSED) */
  maxClosed?: number;
}

/** Everything a scoring page shows, from one training run. */
export interface TrainedScorer {
  method: ScoreMethod;
  evaluation: ScoringEvaluationRow[];
  calibration: ScoringCalibrationRow[];
  coefficients: ScoringCoefficientRow[];
  table: FeatureTable;
  /** one per open opportunity, in table.open order */
  open: OpenScore[];
}

export const MIN_WON = 40;
export const MIN_LOST = 40;

/**
 * Trains and tests the opportunity scorer on the closed opportunities of the context, and scores the open
 * ones with the method that earned it:
 *
 * 1. features as of cut-offs (featuresSql: landmark ages for the newest `maxClosed` closed deals, now for
 *    open ones);
 * 2. a time-ordered split: the closed opportunities are ordered by close time, the newest `testShare`
 *    held out (all cut-offs of one opportunity fall on the same side), the older ones train;
 * 3. three scorers fitted on the training part — the L2 logistic regression, the stage-only rate and
 *    the naive-Bayes baseline — and measured on the held-out part (AUC, Brier, log loss, calibration);
 * 4. the logistic regression scores the open opportunities when it beats both baselines on both AUC and
 *    Brier; otherwise the better baseline by Brier does, and the evaluation says so. The model that
 *    scores is the one whose held-out accuracy is shown (it is not refitted on the held-out part).
 *
 * Below MIN_WON won or MIN_LOST lost training opportunities (or with a held-out part lacking won or
 * lost deals) no model is trusted: scores are the learned stage probabilities of learnStageProbabilities
 * (configured ones where nothing was learned), and the evaluation says why.
 */
export async function trainScorer(ctx: PipelineContext, options: ScorerOptions = {}): Promise<TrainedScorer> {
  const {lambda = 1, testShare = 0.25, minWon = MIN_WON, minLost = MIN_LOST} = options;
  if (!(testShare > 0 && testShare < 1)) throw new RangeError(`testShare must lie between 0 and 1, got ${testShare}`);
  const table = await readFeatures(ctx.connection, {
    ...ctx,
    landmarkDays: options.landmarkDays,
    maxClosed: options.maxClosed
  });
  const split = timeOrderedSplit(table, testShare);
  const counts = {
    n_train_rows: split.train.length,
    n_train_won_rows: sum(table, split.train),
    n_train_opportunities: split.trainWon + split.trainLost,
    n_test_rows: split.test.length,
    n_test_won_rows: sum(table, split.test),
    n_test_opportunities: split.testOpportunities,
    split_at: split.splitEpoch === null ? null : new Date(split.splitEpoch * 1000).toISOString().replace(".000Z", "Z")
  };
  const tooFew = split.trainWon < minWon || split.trainLost < minLost;
  const testable = counts.n_test_won_rows > 0 && counts.n_test_won_rows < counts.n_test_rows;
  if (tooFew || !testable) {
    const until = ctx.period.end < ctx.now ? ctx.period.end : ctx.now;
    const learned = await learnStageProbabilities(ctx.connection, {
      since: ctx.period.start,
      until,
      filters: ctx.filters
    });
    const probability = stageProbabilityOf(learned);
    const decision = decide(null, {tooFew, split, minWon, minLost});
    const evaluation: ScoringEvaluationRow = {
      method: "stage_probability",
      is_used: true,
      ...counts,
      auc: null,
      brier_score: null,
      log_loss: null,
      ...decision.notes.stage_probability
    };
    return {
      method: "stage_probability",
      evaluation: [evaluation],
      calibration: [],
      coefficients: [],
      table,
      open: explainOpen({kind: "learned_stages", probability}, table)
    };
  }
  const encoder = fitEncoder(table, split.train, options);
  const y = Float64Array.from(split.train, (i) => table.numbers.is_won[i]);
  const model = fitLogisticRegression(encodeRows(encoder, table, split.train), y, {lambda});
  const naiveBayes = fitNaiveBayes(table, split.train);
  const stageRates = fitStageRates(table, split.train);
  const actual = Float64Array.from(split.test, (i) => table.numbers.is_won[i]);
  const predictions: Record<ScoreMethod, Float64Array> = {
    logistic_regression: predictLogistic(model, encodeRows(encoder, table, split.test)),
    naive_bayes: predictNaiveBayes(naiveBayes, table, split.test),
    stage_probability: predictStageRates(stageRates, table, split.test)
  };
  const metrics = Object.fromEntries(
    Object.entries(predictions).map(([method, predicted]) => {
      const scored = {predicted, actual};
      return [method, {auc: auc(scored), brier_score: brierScore(scored), log_loss: logLoss(scored)}];
    })
  ) as Record<ScoreMethod, {auc: number | null; brier_score: number | null; log_loss: number | null}>;
  const decision = decide(metrics, {tooFew, split, minWon, minLost});
  const methods: ScoreMethod[] = ["logistic_regression", "naive_bayes", "stage_probability"];
  const scorer =
    decision.method === "logistic_regression"
      ? ({kind: "logistic", encoder, model} as const)
      : decision.method === "naive_bayes"
        ? ({kind: "naive_bayes", model: naiveBayes} as const)
        : ({kind: "stage_rates", model: stageRates} as const);
  return {
    method: decision.method,
    evaluation: methods.map((method) => ({
      method,
      is_used: method === decision.method,
      ...counts,
      ...metrics[method],
      ...decision.notes[method]
    })),
    calibration: methods.flatMap((method) =>
      calibrationTable({predicted: predictions[method], actual}).map((bin) => ({method, ...bin}))
    ),
    coefficients: modelCoefficients(encoder, model, decision.method === "logistic_regression"),
    table,
    open: explainOpen(scorer, table)
  };
}

function sum(table: FeatureTable, rows: readonly number[]): number {
  let total = 0;
  for (const i of rows) total += table.numbers.is_won[i];
  return total;
}

/** The split of the labelled rows (first in the table, in close-time order) at the newest `testShare` of opportunities. */
export interface TimeSplit {
  train: number[];
  test: number[];
  splitEpoch: number | null;
  trainWon: number;
  trainLost: number;
  testOpportunities: number;
}

function timeOrderedSplit(table: FeatureTable, testShare: number): TimeSplit {
  const {is_won: isWon, label_epoch: epoch, landmark_days: landmark} = table.numbers;
  // every closed opportunity with a row has one at the first landmark: those rows count opportunities
  let first = Infinity;
  let labelled = 0;
  while (labelled < table.length && !Number.isNaN(isWon[labelled])) first = Math.min(first, landmark[labelled++]);
  const starts: number[] = [];
  for (let i = 0; i < labelled; i++) if (landmark[i] === first) starts.push(i);
  const splitEpoch = starts.length
    ? epoch[starts[Math.min(starts.length - 1, Math.floor(starts.length * (1 - testShare)))]]
    : null;
  const train: number[] = [];
  const test: number[] = [];
  let trainWon = 0;
  let trainLost = 0;
  let testOpportunities = 0;
  for (let i = 0; i < labelled; i++) {
    const isTrain = splitEpoch === null || epoch[i] < splitEpoch;
    (isTrain ? train : test).push(i);
    if (landmark[i] !== first) continue;
    if (!isTrain) testOpportunities++;
    else if (isWon[i] === 1) trainWon++;
    else trainLost++;
  }
  return {train, test, splitEpoch, trainWon, trainLost, testOpportunities};
}
