import {bootstrapIntervals} from "./bootstrap-intervals.ts";
import {auc, brierScore, logLoss} from "./metrics.ts";
import {normalIntervals} from "./normal-intervals.ts";

/** One method's accuracy on a held-out part, with 95 % intervals (heldOutMetrics). */
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
 * Held-out parts from which the intervals are the normal approximation's (normalIntervals), when each
 * outcome also has NORMAL_MIN_EACH rows: there the bootstrap's 1,000 resamples would cost seconds per method
 * for the same interval up to their own Monte Carlo error.
 */
export const NORMAL_FROM = 10_000;
export const NORMAL_MIN_EACH = 500;

/**
 * AUC, Brier score and log loss of predictions on a held-out part, the AUC and Brier with 95 % intervals:
 * percentile-bootstrap ones (bootstrapIntervals: `clusters` drawn whole, seeded), or from NORMAL_FROM
 * groups with NORMAL_MIN_EACH won and lost rows the normal approximation's with the same groups.
 */
export function heldOutMetrics(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  clusters: ArrayLike<number>,
  resamples = 1000
): HeldOutMetrics {
  const scored = {predicted, actual};
  let won = 0;
  for (let i = 0; i < actual.length; i++) won += actual[i] === 1 ? 1 : 0;
  const large =
    new Set(Array.from(clusters)).size >= NORMAL_FROM && Math.min(won, actual.length - won) >= NORMAL_MIN_EACH;
  const intervals = large
    ? normalIntervals(scored, clusters)
    : bootstrapIntervals(scored, {clusters, resamples, seed: BOOTSTRAP_SEED});
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
