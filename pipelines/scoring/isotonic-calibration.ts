/** An isotonic calibration: increasing score thresholds and the fitted share won at each (non-decreasing). */
export interface IsotonicCalibration {
  thresholds: number[];
  values: number[];
}

/**
 * Isotonic calibration (Zadrozny & Elkan 2002) by the pool-adjacent-violators algorithm: the non-decreasing
 * function of the score closest to the outcomes in squared error. Rows are sorted by score (equal scores
 * pooled first), then neighbouring blocks whose shares won decrease are merged into their weighted mean
 * until none do. Each block keeps its lowest and highest score as thresholds; a score between two
 * thresholds is interpolated linearly, beyond the extremes it takes the extreme's value — scikit-learn's
 * `IsotonicRegression(out_of_bounds="clip")`.
 *
 * Why it matters: unlike Platt scaling it assumes no shape, only that a higher score never means a lower
 * chance; it needs more validation rows to be steady, and it can tie scores that were apart.
 *
 * @example
 * fitIsotonic({predicted: [0.1, 0.2, 0.3, 0.4], actual: [0, 1, 0, 1]});
 * // {thresholds: [0.1, 0.2, 0.3, 0.4], values: [0, 0.5, 0.5, 1]} — 0.2 and 0.3 pooled into one block
 */
export function fitIsotonic({
  predicted,
  actual
}: {
  predicted: ArrayLike<number>;
  actual: ArrayLike<number>;
}): IsotonicCalibration {
  const n = predicted.length;
  if (n !== actual.length) throw new RangeError("fitIsotonic requires one outcome per prediction");
  if (n === 0) throw new RangeError("fitIsotonic requires at least one prediction");
  const order = Array.from({length: n}, (_, i) => i).sort((i, j) => predicted[i] - predicted[j]);
  // blocks: lowest and highest score, summed outcome, weight
  const low: number[] = [];
  const score: number[] = [];
  const won: number[] = [];
  const weight: number[] = [];
  for (const i of order) {
    const last = score.length - 1;
    if (last >= 0 && score[last] === predicted[i]) {
      won[last] += actual[i];
      weight[last]++;
    } else {
      low.push(predicted[i]);
      score.push(predicted[i]);
      won.push(actual[i]);
      weight.push(1);
    }
    while (score.length > 1) {
      const k = score.length - 1;
      if (won[k - 1] / weight[k - 1] <= won[k] / weight[k]) break;
      score[k - 1] = score[k];
      won[k - 1] += won[k];
      weight[k - 1] += weight[k];
      low.pop();
      score.pop();
      won.pop();
      weight.pop();
    }
  }
  const thresholds: number[] = [];
  const values: number[] = [];
  score.forEach((high, k) => {
    const value = won[k] / weight[k];
    for (const threshold of low[k] === high ? [high] : [low[k], high]) {
      thresholds.push(threshold);
      values.push(value);
    }
  });
  return {thresholds, values};
}

export function applyIsotonic({thresholds, values}: IsotonicCalibration, p: number): number {
  if (p <= thresholds[0]) return values[0];
  const last = thresholds.length - 1;
  if (p >= thresholds[last]) return values[last];
  let k = 0;
  while (thresholds[k + 1] < p) k++;
  const share = (p - thresholds[k]) / (thresholds[k + 1] - thresholds[k]);
  return values[k] + share * (values[k + 1] - values[k]);
}
