import {fitCalibrator, type CalibrationMethod, type Calibrator} from "./calibrator.ts";
import {heldOutMetrics, type HeldOutMetrics} from "./held-out-metrics.ts";
import {auc, brierScore, calibrationTable, logLoss, type CalibrationBin} from "./metrics.ts";

/** One method's predictions on the validation and the test part. */
export interface MethodPredictions {
  validation: Float64Array;
  test: Float64Array;
}

export interface ValidationMetrics {
  auc: number | null;
  brier_score: number | null;
  log_loss: number | null;
}

/** A calibration bin of a method on the test part, before or after recalibration. */
export interface MethodCalibrationBin<M extends string> extends CalibrationBin {
  method: M;
  /** true: the chosen method after recalibration on the validation part */
  is_calibrated: boolean;
}

export interface ChosenMethod<M extends string> {
  method: M;
  validation: Record<M, ValidationMetrics>;
  test: Record<M, HeldOutMetrics>;
  calibrator: Calibrator;
  /** the chosen method on the test part after recalibration */
  calibrated: HeldOutMetrics;
  calibration: MethodCalibrationBin<M>[];
}

/**
 * The honest order of a held-out evaluation: every method is measured on the validation part and one is
 * chosen there (`choose`); the chosen method's probabilities are recalibrated on the validation part
 * (Platt or isotonic); then all of them — and the recalibrated one — are measured once on the test part,
 * which played no part in either choice. The test figures carry 95 % bootstrap intervals (`testClusters`
 * drawn whole), and the calibration tables of every method on the test part, plus the chosen one after
 * recalibration, show the reliability before and after.
 */
export function chooseAndCalibrate<M extends string>(
  predictions: Record<M, MethodPredictions>,
  actual: {validation: Float64Array; test: Float64Array},
  testClusters: ArrayLike<number>,
  choose: (validation: Record<M, ValidationMetrics>) => M,
  calibrationMethod: CalibrationMethod
): ChosenMethod<M> {
  const methods = Object.keys(predictions) as M[];
  const each = <T>(f: (method: M) => T) => Object.fromEntries(methods.map((m) => [m, f(m)])) as Record<M, T>;
  const validation = each((m) => {
    const scored = {predicted: predictions[m].validation, actual: actual.validation};
    return {auc: auc(scored), brier_score: brierScore(scored), log_loss: logLoss(scored)};
  });
  const method = choose(validation);
  const calibrator = fitCalibrator(calibrationMethod, {
    predicted: predictions[method].validation,
    actual: actual.validation
  });
  const calibratedTest = predictions[method].test.map(calibrator.apply);
  const bins = (m: M, predicted: Float64Array, isCalibrated: boolean) =>
    calibrationTable({predicted, actual: actual.test}).map((bin) => ({method: m, is_calibrated: isCalibrated, ...bin}));
  return {
    method,
    validation,
    test: each((m) => heldOutMetrics(predictions[m].test, actual.test, testClusters)),
    calibrator,
    calibrated: heldOutMetrics(calibratedTest, actual.test, testClusters),
    calibration: [...methods.flatMap((m) => bins(m, predictions[m].test, false)), ...bins(method, calibratedTest, true)]
  };
}
