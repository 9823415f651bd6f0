import {bootstrapIntervals} from "./bootstrap-intervals.ts";
import {auc, brierScore, logLoss} from "./metrics.ts";

/** One method's accuracy on a held-out part, with 95 % bootstrap intervals. */
export interface HeldOutMetrics {
  auc: number | null;
  auc_lower: number | null;
  auc_upper: number | null;
  brier_score: number | null;
  brier_score_lower: number | null;
  brier_score_upper: number | null;
  log_loss: number | null;
}

/**
 * Whether the candidate beats every baseline on both AUC (higher) and Brier score (lower); a baseline
 * without a figure is beaten on it.
 */
export function beatsBaselines<M extends string>(
  metrics: Record<M, {auc: number | null; brier_score: number | null}>,
  candidate: M,
  baselines: readonly M[]
): boolean {
  const {auc, brier_score: brier} = metrics[candidate];
  return baselines.every((b) => {
    const baseline = metrics[b];
    return (
      auc !== null &&
      brier !== null &&
      (baseline.auc === null || auc > baseline.auc) &&
      (baseline.brier_score === null || brier < baseline.brier_score)
    );
  });
}

/** A method that could not be measured. */
export const NO_METRICS: HeldOutMetrics = {
  auc: null,
  auc_lower: null,
  auc_upper: null,
  brier_score: null,
  brier_score_lower: null,
  brier_score_upper: null,
  log_loss: null
};

/** The seed every scoring bootstrap draws from, so a rebuild shows the same intervals. */
export const BOOTSTRAP_SEED = 20_261_206;

/**
 * AUC, Brier score and log loss of predictions on a held-out part, the AUC and Brier with 95 %
 * percentile-bootstrap intervals (bootstrapIntervals: `clusters` drawn whole, seeded).
 */
export function heldOutMetrics(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  clusters: ArrayLike<number>,
  resamples = 1000
): HeldOutMetrics {
  const scored = {predicted, actual};
  const intervals = bootstrapIntervals(scored, {clusters, resamples, seed: BOOTSTRAP_SEED});
  return {
    auc: auc(scored),
    auc_lower: intervals.auc?.lower ?? null,
    auc_upper: intervals.auc?.upper ?? null,
    brier_score: brierScore(scored),
    brier_score_lower: intervals.brier_score?.lower ?? null,
    brier_score_upper: intervals.brier_score?.upper ?? null,
    log_loss: logLoss(scored)
  };
}
