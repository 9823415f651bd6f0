import type {PipelineContext} from "../lib/context.ts";
import {learnStageProbabilities, stageProbabilityOf} from "../stage-conversion/stage-probabilities.ts";
import {fitNaiveBayes, fitStageRates, predictNaiveBayes, predictStageRates} from "./baselines.ts";
import type {CalibrationMethod} from "./calibrator.ts";
import {chooseAndCalibrate, type MethodCalibrationBin} from "./choose-and-calibrate.ts";
import {decide, type ScoreMethod} from "./decide-method.ts";
import {encodeRows, fitEncoder, type EncoderOptions} from "./encode-features.ts";
import {explainOpen, modelCoefficients, type OpenScore, type ScoringCoefficientRow} from "./explain-scores.ts";
import {checkShares, timeOrderedSplit, type HeldOutSplit, type SplitKind} from "./held-out-split.ts";
import {NO_METRICS, type HeldOutMetrics} from "./held-out-metrics.ts";
import {fitLogisticRegression, predictLogistic} from "./logistic-regression.ts";
import {readFeatures, type FeatureTable} from "./read-features.ts";

export type {ScoreMethod} from "./decide-method.ts";

/** Test-part accuracy of one scoring method — grain: one row per method. */
export interface ScoringEvaluationRow extends HeldOutMetrics {
  method: ScoreMethod;
  /** whether the scores shown come from this method */
  is_used: boolean;
  /** how the closed opportunities were cut: time_ordered (by close time) or random (seeded) */
  split_kind: SplitKind;
  /** the first close time of the validation part and of the test part; training deals closed before both */
  validation_at: string | null;
  split_at: string | null;
  /** training, validation and test cut-offs (rows), the won ones among them, and the opportunities behind them */
  n_train_rows: number;
  n_train_won_rows: number;
  n_train_opportunities: number;
  n_validation_rows: number;
  n_validation_opportunities: number;
  n_test_rows: number;
  n_test_won_rows: number;
  n_test_opportunities: number;
  /** on the validation part, where the method is chosen */
  validation_auc: number | null;
  validation_brier_score: number | null;
  /** the used method only: how it was recalibrated on the validation part, and its test accuracy after */
  calibration_method: CalibrationMethod | null;
  calibrated_auc: number | null;
  calibrated_auc_lower: number | null;
  calibrated_auc_upper: number | null;
  calibrated_brier_score: number | null;
  calibrated_brier_score_lower: number | null;
  calibrated_brier_score_upper: number | null;
  calibrated_log_loss: number | null;
  /** why this method is (or is not) the one used, in English and Chinese */
  note: string;
  note_zh: string;
}

/** The calibration table of one method on the test part, before (and for the used one after) recalibration. */
export type ScoringCalibrationRow = MethodCalibrationBin<ScoreMethod>;

export interface ScorerOptions extends EncoderOptions {
  /** L2 penalty of the logistic regression (default 1, scikit-learn's C = 1) */
  lambda?: number;
  /** share of the closed opportunities, newest first, held out for the final test (default 0.2) */
  testShare?: number;
  /** share of the closed opportunities just before the test ones that choose and recalibrate the method (default 0.2) */
  validationShare?: number;
  /** how the chosen method is recalibrated on the validation part (default platt) */
  calibration?: CalibrationMethod;
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
  /** the three parts of the labelled rows (positions in the table) */
  split: HeldOutSplit;
  /** one per open opportunity, in table.open order */
  open: OpenScore[];
}

export const MIN_WON = 40;
export const MIN_LOST = 40;

const NOT_CALIBRATED = {
  calibration_method: null,
  calibrated_auc: null,
  calibrated_auc_lower: null,
  calibrated_auc_upper: null,
  calibrated_brier_score: null,
  calibrated_brier_score_lower: null,
  calibrated_brier_score_upper: null,
  calibrated_log_loss: null
} as const;

/**
 * Trains, chooses, recalibrates and tests the opportunity scorer on the closed opportunities of the
 * context, and scores the open ones with the method that earned it:
 *
 * 1. features as of cut-offs (featuresSql: landmark ages for the newest `maxClosed` closed deals, now for
 *    open ones);
 * 2. a time-ordered three-way split by close time (all cut-offs of one opportunity on the same side): the
 *    newest `testShare` of the opportunities are the test part, the `validationShare` before them the
 *    validation part, the older ones train;
 * 3. three scorers fitted on the training part — the L2 logistic regression, the stage-only rate and the
 *    naive-Bayes baseline — and measured on the validation part: the logistic regression is used when it
 *    beats both baselines there on both AUC and Brier, otherwise the better baseline by Brier;
 * 4. the chosen method's probabilities are recalibrated on the validation part (Platt scaling by
 *    default), and every method, the recalibrated one too, is measured once on the test part (AUC, Brier
 *    and log loss, 95 % bootstrap intervals drawing opportunities whole, calibration tables). The test
 *    part chose nothing, so its figures are what the open scores can be expected to do.
 *
 * Below MIN_WON won or MIN_LOST lost training opportunities (or with a validation or test part lacking won
 * or lost deals) no model is trusted: scores are the learned stage probabilities of learnStageProbabilities
 * (configured ones where nothing was learned), and the evaluation says why.
 */
export async function trainScorer(ctx: PipelineContext, options: ScorerOptions = {}): Promise<TrainedScorer> {
  const {lambda = 1, testShare = 0.2, validationShare = 0.2, minWon = MIN_WON, minLost = MIN_LOST} = options;
  checkShares({testShare, validationShare});
  const table = await readFeatures(ctx.connection, {
    ...ctx,
    landmarkDays: options.landmarkDays,
    maxClosed: options.maxClosed
  });
  const {split, starts} = splitLabelled(table, {testShare, validationShare});
  const isWon = table.numbers.is_won;
  const opportunities = (rows: number[]) => rows.filter((i) => starts.has(i));
  const trainStarts = opportunities(split.train);
  const trainWon = trainStarts.filter((i) => isWon[i] === 1).length;
  const trainLost = trainStarts.length - trainWon;
  const iso = (epoch: number | null) =>
    epoch === null ? null : new Date(epoch * 1000).toISOString().replace(".000Z", "Z");
  const counts = {
    split_kind: split.kind,
    validation_at: iso(split.validationEpoch),
    split_at: iso(split.testEpoch),
    n_train_rows: split.train.length,
    n_train_won_rows: sum(table, split.train),
    n_train_opportunities: trainStarts.length,
    n_validation_rows: split.validation.length,
    n_validation_opportunities: opportunities(split.validation).length,
    n_test_rows: split.test.length,
    n_test_won_rows: sum(table, split.test),
    n_test_opportunities: opportunities(split.test).length
  };
  const tooFew = trainWon < minWon || trainLost < minLost;
  const bothClasses = (rows: number[]) => {
    const won = sum(table, rows);
    return won > 0 && won < rows.length;
  };
  const testable = bothClasses(split.validation) && bothClasses(split.test);
  const context = {tooFew, split: {splitEpoch: split.testEpoch, trainWon, trainLost}, minWon, minLost};
  if (tooFew || !testable) {
    const until = ctx.period.end < ctx.now ? ctx.period.end : ctx.now;
    const learned = await learnStageProbabilities(ctx.connection, {
      since: ctx.period.start,
      until,
      filters: ctx.filters
    });
    const probability = stageProbabilityOf(learned);
    const decision = decide(null, context);
    const evaluation: ScoringEvaluationRow = {
      method: "stage_probability",
      is_used: true,
      ...counts,
      ...NO_METRICS,
      validation_auc: null,
      validation_brier_score: null,
      ...NOT_CALIBRATED,
      ...decision.notes.stage_probability
    };
    return {
      method: "stage_probability",
      evaluation: [evaluation],
      calibration: [],
      coefficients: [],
      table,
      split,
      open: explainOpen({kind: "learned_stages", probability}, table)
    };
  }
  const encoder = fitEncoder(table, split.train, options);
  const y = Float64Array.from(split.train, (i) => isWon[i]);
  const model = fitLogisticRegression(encodeRows(encoder, table, split.train), y, {lambda});
  const naiveBayes = fitNaiveBayes(table, split.train);
  const stageRates = fitStageRates(table, split.train);
  const predict = (rows: number[]) => ({
    logistic_regression: predictLogistic(model, encodeRows(encoder, table, rows)),
    naive_bayes: predictNaiveBayes(naiveBayes, table, rows),
    stage_probability: predictStageRates(stageRates, table, rows)
  });
  const validation = predict(split.validation);
  const test = predict(split.test);
  const methods: ScoreMethod[] = ["logistic_regression", "naive_bayes", "stage_probability"];
  let notes: ReturnType<typeof decide>["notes"] | undefined;
  const chosen = chooseAndCalibrate(
    Object.fromEntries(methods.map((m) => [m, {validation: validation[m], test: test[m]}])) as Record<
      ScoreMethod,
      {validation: Float64Array; test: Float64Array}
    >,
    {
      validation: Float64Array.from(split.validation, (i) => isWon[i]),
      test: Float64Array.from(split.test, (i) => isWon[i])
    },
    Int32Array.from(split.test, (i) => split.groupOf[i]),
    (metrics) => {
      const decision = decide(metrics, context);
      notes = decision.notes;
      return decision.method;
    },
    options.calibration ?? "platt"
  );
  const scorer =
    chosen.method === "logistic_regression"
      ? ({kind: "logistic", encoder, model} as const)
      : chosen.method === "naive_bayes"
        ? ({kind: "naive_bayes", model: naiveBayes} as const)
        : ({kind: "stage_rates", model: stageRates} as const);
  const {calibrator, calibrated} = chosen;
  return {
    method: chosen.method,
    evaluation: methods.map((method) => ({
      method,
      is_used: method === chosen.method,
      ...counts,
      ...chosen.test[method],
      validation_auc: chosen.validation[method].auc,
      validation_brier_score: chosen.validation[method].brier_score,
      ...(method === chosen.method
        ? {
            calibration_method: calibrator.method,
            calibrated_auc: calibrated.auc,
            calibrated_auc_lower: calibrated.auc_lower,
            calibrated_auc_upper: calibrated.auc_upper,
            calibrated_brier_score: calibrated.brier_score,
            calibrated_brier_score_lower: calibrated.brier_score_lower,
            calibrated_brier_score_upper: calibrated.brier_score_upper,
            calibrated_log_loss: calibrated.log_loss
          }
        : NOT_CALIBRATED),
      ...notes![method]
    })),
    calibration: chosen.calibration,
    coefficients: modelCoefficients(encoder, model, chosen.method === "logistic_regression"),
    table,
    split,
    open: explainOpen(scorer, table, calibrator)
  };
}

function sum(table: FeatureTable, rows: readonly number[]): number {
  let total = 0;
  for (const i of rows) total += table.numbers.is_won[i];
  return total;
}

/**
 * The time-ordered split of the labelled rows (first in the table, in close-time order): every closed
 * opportunity with a row has one at the first landmark, and those rows start the opportunities.
 */
function splitLabelled(table: FeatureTable, shares: {testShare: number; validationShare: number}) {
  const {is_won: isWon, label_epoch: epoch, landmark_days: landmark} = table.numbers;
  let first = Infinity;
  let labelled = 0;
  while (labelled < table.length && !Number.isNaN(isWon[labelled])) first = Math.min(first, landmark[labelled++]);
  const starts: number[] = [];
  for (let i = 0; i < labelled; i++) if (landmark[i] === first) starts.push(i);
  return {split: timeOrderedSplit(epoch.subarray(0, labelled), starts, shares), starts: new Set(starts)};
}
