import {wilsonInterval} from "../stats/wilson-interval.ts";

/** Predicted probabilities and the 0/1 outcomes they predict, same length. */
export type Scored = {predicted: ArrayLike<number>; actual: ArrayLike<number>};

function checked({predicted, actual}: Scored, name: string): number {
  if (predicted.length !== actual.length) throw new RangeError(`${name} requires one outcome per prediction`);
  for (let i = 0; i < actual.length; i++)
    if (actual[i] !== 0 && actual[i] !== 1) throw new RangeError(`${name} requires 0/1 outcomes, got ${actual[i]}`);
  return actual.length;
}

/**
 * Area under the ROC curve, by the Mann–Whitney U statistic: the probability that a randomly chosen won
 * opportunity gets a higher score than a randomly chosen lost one, ties counting one half. Ranks of tied
 * scores are averaged, so AUC = (R₁ − n₁(n₁ + 1)/2) / (n₁ n₀), R₁ the rank sum of the won ones.
 *
 * Why it matters: it says how well a score ranks — 0.5 is a coin, 1 is perfect — whatever its
 * calibration, which is what a priority list needs. Same as scikit-learn's `roc_auc_score`. Cost:
 * O(n log n). Null when either class is absent (no pair to compare).
 *
 * @example
 * auc({predicted: [0.1, 0.4, 0.35, 0.8], actual: [0, 0, 1, 1]}); // 0.75
 */
export function auc(scored: Scored): number | null {
  const n = checked(scored, "auc");
  const order = Array.from({length: n}, (_, i) => i).sort((a, b) => scored.predicted[a] - scored.predicted[b]);
  let rankSumWon = 0;
  let won = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scored.predicted[order[end + 1]] === scored.predicted[order[start]]) end++;
    const averageRank = (start + end + 2) / 2;
    for (let k = start; k <= end; k++)
      if (scored.actual[order[k]] === 1) {
        rankSumWon += averageRank;
        won++;
      }
    start = end + 1;
  }
  const lost = n - won;
  if (won === 0 || lost === 0) return null;
  return (rankSumWon - (won * (won + 1)) / 2) / (won * lost);
}

/**
 * Brier score: the mean squared difference between the predicted probability and the outcome (1 won,
 * 0 lost), Σ (pᵢ − yᵢ)² / n. Lower is better; always predicting the base rate r scores r(1 − r).
 *
 * Why it matters: it rewards probabilities that are both sharp and honest — the number a weighted
 * forecast multiplies by. Brier (1950), https://doi.org/10.1175/1520-0493(1950)078<0001:VOFEIT>2.0.CO;2.
 * Null without predictions.
 *
 * @example
 * brierScore({predicted: [0.9, 0.2, 0.6], actual: [1, 0, 0]}); // (0.01 + 0.04 + 0.36) / 3 = 0.13667
 */
export function brierScore(scored: Scored): number | null {
  const n = checked(scored, "brierScore");
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (scored.predicted[i] - scored.actual[i]) ** 2;
  return sum / n;
}

/** Probabilities are clipped to [ε, 1 − ε] before the logarithm, as scikit-learn's log_loss did (eps=1e-15). */
export const LOG_LOSS_EPSILON = 1e-15;

/**
 * Log loss (cross-entropy): −Σ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] / n, natural logarithm, each pᵢ clipped
 * to [1e-15, 1 − 1e-15]. Lower is better; it punishes a confident wrong prediction much harder than the
 * Brier score does. Null without predictions.
 *
 * @example
 * logLoss({predicted: [0.9, 0.2], actual: [1, 0]}); // −(ln 0.9 + ln 0.8) / 2 = 0.16425
 */
export function logLoss(scored: Scored): number | null {
  const n = checked(scored, "logLoss");
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, scored.predicted[i]));
    sum += scored.actual[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return -sum / n;
}

/** One bin of a calibration table. */
export interface CalibrationBin {
  /** 1 … 10 */
  bin: number;
  /** the bin's predicted-probability range [lower, upper) (the last bin includes 1) */
  lower: number;
  upper: number;
  count: number;
  count_won: number;
  /** mean predicted probability in the bin; null when empty */
  mean_predicted: number | null;
  /** share won in the bin, with its 95 % Wilson interval; null when empty */
  observed_rate: number | null;
  observed_rate_lower: number | null;
  observed_rate_upper: number | null;
}

/**
 * Calibration table: predictions cut into `bins` equal-width bins of predicted probability ([0, 0.1),
 * [0.1, 0.2) … [0.9, 1]); per bin the number of predictions, the mean predicted probability and the share
 * actually won with its Wilson interval. A calibrated score has observed ≈ predicted in every bin.
 *
 * Why it matters: a score can rank well (high AUC) and still say 70 % for deals that win 40 % of the
 * time; the weighted pipeline and the expected values then overstate. Grain: one row per bin, empty bins
 * included.
 *
 * @example
 * calibrationTable({predicted: [0.05, 0.15, 0.12], actual: [0, 1, 0]})[1];
 * // {bin: 2, lower: 0.1, upper: 0.2, count: 2, count_won: 1, mean_predicted: 0.135, observed_rate: 0.5, …}
 */
export function calibrationTable(scored: Scored, bins = 10): CalibrationBin[] {
  const n = checked(scored, "calibrationTable");
  const count = new Array<number>(bins).fill(0);
  const won = new Array<number>(bins).fill(0);
  const sum = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const p = scored.predicted[i];
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[b]++;
    won[b] += scored.actual[i];
    sum[b] += p;
  }
  return count.map((c, b) => {
    const interval = wilsonInterval(won[b], c);
    return {
      bin: b + 1,
      lower: b / bins,
      upper: (b + 1) / bins,
      count: c,
      count_won: won[b],
      mean_predicted: c ? sum[b] / c : null,
      observed_rate: c ? won[b] / c : null,
      observed_rate_lower: interval?.lower ?? null,
      observed_rate_upper: interval?.upper ?? null
    };
  });
}
