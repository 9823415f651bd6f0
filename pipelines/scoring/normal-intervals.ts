import type {Interval} from "./bootstrap-intervals.ts";
import type {Scored} from "./metrics.ts";

/** The 97.5th percentile of the standard normal distribution. */
const Z_975 = 1.959963984540054;

/**
 * 95 % normal-approximation intervals of the AUC and Brier score, each row's group (`clusters`, default
 * each row alone) counted as one independent unit: estimate ± 1.96 standard errors, kept within [0, 1].
 *
 * The AUC's variance is DeLong's structural components summed by group (Obuchowski 1997, Biometrics 53:
 * 567–578). With V₁₀ the share of the N lost rows each won row outranks (ties one half), V₀₁ the share of
 * the M won rows that outrank each lost row, and for each of the G groups dₖ = ΣV₁₀ − mₖθ over its mₖ won
 * rows and eₖ = ΣV₀₁ − nₖθ over its nₖ lost rows: var = G/(G − 1) Σ (dₖ/M + eₖ/N)². Rows alone, that is
 * DeLong's variance up to the factor G/(G − 1). The Brier score B's is the clustered variance of a mean,
 * G/(G − 1) Σ (Eₖ − (mₖ + nₖ) B)² / n², Eₖ a group's summed squared errors.
 *
 * Why: from some tens of thousands of test rows the bootstrap's 1,000 resamples cost seconds for an interval
 * the normal approximation gives to within the bootstrap's own Monte Carlo error (heldOutMetrics switches at
 * NORMAL_FROM groups). Cost O(n log n), deterministic. Null where the metric is (one class only, no rows).
 *
 * @example
 * normalIntervals({predicted, actual}, clusters);
 * // {auc: {lower: 0.801, upper: 0.812}, brier_score: {lower: 0.161, upper: 0.164}}
 */
export function normalIntervals(
  {predicted, actual}: Scored,
  clusters?: ArrayLike<number>
): {auc: Interval | null; brier_score: Interval | null} {
  const n = predicted.length;
  if (n === 0) return {auc: null, brier_score: null};
  const groupIds = new Map<number, number>();
  const groupOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = clusters ? clusters[i] : i;
    let g = groupIds.get(key);
    if (g === undefined) groupIds.set(key, (g = groupIds.size));
    groupOf[i] = g;
  }
  const groups = groupIds.size;
  const order = Int32Array.from({length: n}, (_, i) => i).sort((a, b) => predicted[a] - predicted[b]);
  let won = 0;
  for (let i = 0; i < n; i++) won += actual[i] === 1 ? 1 : 0;
  const lost = n - won;

  // per group: won rows, lost rows, summed V₁₀ of its won rows (in lost rows outranked), summed V₀₁ of its
  // lost rows (in won rows outranking), summed squared error
  const wonIn = new Float64Array(groups);
  const lostIn = new Float64Array(groups);
  const beaten = new Float64Array(groups);
  const beating = new Float64Array(groups);
  const squared = new Float64Array(groups);
  let pairs = 0;
  let lostBelow = 0;
  let wonBelow = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && predicted[order[end + 1]] === predicted[order[start]]) end++;
    let blockWon = 0;
    for (let k = start; k <= end; k++) blockWon += actual[order[k]] === 1 ? 1 : 0;
    const blockLost = end - start + 1 - blockWon;
    const wonAbove = won - wonBelow - blockWon;
    for (let k = start; k <= end; k++) {
      const i = order[k];
      const g = groupOf[i];
      if (actual[i] === 1) {
        wonIn[g]++;
        beaten[g] += lostBelow + blockLost / 2;
      } else {
        lostIn[g]++;
        beating[g] += wonAbove + blockWon / 2;
      }
    }
    pairs += blockWon * (lostBelow + blockLost / 2);
    lostBelow += blockLost;
    wonBelow += blockWon;
    start = end + 1;
  }
  for (let i = 0; i < n; i++) squared[groupOf[i]] += (predicted[i] - actual[i]) ** 2;

  const inflation = groups > 1 ? groups / (groups - 1) : Infinity;
  let errors = 0;
  for (let g = 0; g < groups; g++) errors += squared[g];
  const brier = errors / n;
  let brierSpread = 0;
  for (let g = 0; g < groups; g++) brierSpread += (squared[g] - (wonIn[g] + lostIn[g]) * brier) ** 2;
  const brierInterval = around(brier, Math.sqrt((inflation * brierSpread) / (n * n)));
  if (won === 0 || lost === 0) return {auc: null, brier_score: brierInterval};

  const theta = pairs / (won * lost);
  let spread = 0;
  for (let g = 0; g < groups; g++) {
    const d = beaten[g] / lost - wonIn[g] * theta;
    const e = beating[g] / won - lostIn[g] * theta;
    spread += (d / won + e / lost) ** 2;
  }
  const variance = inflation * spread;
  return {auc: around(theta, Math.sqrt(variance)), brier_score: brierInterval};
}

function around(estimate: number, standardError: number): Interval | null {
  if (!Number.isFinite(standardError)) return null;
  return {
    lower: Math.max(0, estimate - Z_975 * standardError),
    upper: Math.min(1, estimate + Z_975 * standardError)
  };
}
