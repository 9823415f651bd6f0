/** Successes out of trials for one group (a rep, a team, a rep × industry cell). */
export interface BinomialCount {
  successes: number;
  trials: number;
}

/** A Beta(α, β) prior over the groups' true rates: its mean α/(α+β), its strength α+β in pseudo-trials. */
export interface BetaPrior {
  alpha: number;
  beta: number;
}

export interface EmpiricalBayesFit {
  /** the pooled rate Σ successes / Σ trials, null without trials */
  mean: number | null;
  /** the fitted prior; null when the groups show no spread beyond binomial noise (complete pooling) or hold no trials */
  prior: BetaPrior | null;
  /** one shrunk rate per input group, in input order; null only when no group has a trial */
  shrunk: (number | null)[];
}

/**
 * Empirical-Bayes (beta-binomial) shrinkage of group rates. Each group's true rate is taken to come
 * from a common Beta(α, β); the prior is fitted to the groups by the method of moments, and each group's
 * rate is replaced by its posterior mean
 *
 *   shrunk = (successes + α) / (trials + α + β)
 *
 * so a group with few trials is pulled strongly towards the pooled rate and one with many keeps its own.
 *
 * The moments, for k groups with trials nᵢ > 0, N = Σ nᵢ, observed rates rᵢ = xᵢ / nᵢ (the weighted
 * moment estimator of Kleinman 1973, https://doi.org/10.1080/01621459.1973.10481411):
 *
 *   μ  = Σ xᵢ / N                                        (prior mean: the pooled rate)
 *   Q  = Σ nᵢ (rᵢ − μ)²                                  (weighted spread of the observed rates)
 *   τ² = (Q − (k − 1) μ(1 − μ)) / (N − Σ nᵢ² / N)        (spread of the true rates: observed minus binomial noise)
 *   α + β = μ(1 − μ) / τ² − 1,  α = μ(α + β),  β = (1 − μ)(α + β)
 *
 * Edge cases: when τ² ≤ 0, k < 2 or μ is 0 or 1, the data show no difference between groups beyond
 * chance, so every group gets the pooled rate μ (prior null). When α + β ≤ 0 (the spread is as wide as
 * it can be) no shrinkage is applied and each group keeps its raw rate. A group with no trials gets μ.
 *
 * Why it matters: a rep with 2 wins out of 2 should not top the ranking over a rep with 80 out of 120;
 * ranking by the shrunk rate orders reps by what their record says about them, not by luck of small n.
 * Robinson, "Introduction to Empirical Bayes" (2017) explains the idea with batting averages. Cost: O(k).
 *
 * Input: one count per group. Output: the pooled mean, the prior and one shrunk rate per group.
 *
 * @example
 * empiricalBayes([{successes: 8, trials: 10}, {successes: 2, trials: 10}, {successes: 20, trials: 40}]);
 * // {mean: 0.5, prior: {alpha: 31/13, beta: 31/13}, shrunk: [0.703125, 0.296875, 0.5]}
 */
export function empiricalBayes(groups: readonly BinomialCount[]): EmpiricalBayesFit {
  for (const {successes, trials} of groups)
    if (!(successes >= 0 && trials >= successes))
      throw new RangeError(`empiricalBayes requires 0 ≤ successes ≤ trials, got ${successes}/${trials}`);
  // A canonical order makes the floating-point sums, and so every shrunk rate, independent of the order
  // SQL returned the groups in.
  const observed = groups
    .filter((g) => g.trials > 0)
    .sort((a, b) => a.trials - b.trials || a.successes - b.successes);
  const total = observed.reduce((sum, g) => sum + g.trials, 0);
  if (total === 0) return {mean: null, prior: null, shrunk: groups.map(() => null)};
  const mean = observed.reduce((sum, g) => sum + g.successes, 0) / total;
  const prior = fitPrior(observed, mean, total);
  const shrunk = groups.map(({successes, trials}) => {
    if (trials === 0) return mean;
    if (prior === null) return mean;
    return (successes + prior.alpha) / (trials + prior.alpha + prior.beta);
  });
  return {mean, prior, shrunk};
}

function fitPrior(observed: readonly BinomialCount[], mean: number, total: number): BetaPrior | null {
  const k = observed.length;
  const noise = mean * (1 - mean);
  if (k < 2 || noise === 0) return null;
  const q = observed.reduce((sum, g) => sum + g.trials * (g.successes / g.trials - mean) ** 2, 0);
  const sumSquares = observed.reduce((sum, g) => sum + g.trials * g.trials, 0);
  const tau2 = (q - (k - 1) * noise) / (total - sumSquares / total);
  if (!(tau2 > 0)) return null;
  const strength = Math.max(0, noise / tau2 - 1);
  return {alpha: mean * strength, beta: (1 - mean) * strength};
}
