/** A confidence interval for a proportion, as shares 0–1. */
export interface Interval {
  lower: number;
  upper: number;
}

/** The standard normal quantile for 95 % two-sided: scipy.stats.norm.ppf(0.975). */
export const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval for a binomial proportion: the set of true rates p for which the observed
 * share `successes / trials` lies within `z` standard errors √(p(1−p)/n), solved for p:
 *
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half-width = z / (1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²)
 *
 * Why it matters: win rates and conversion rates are often computed on a handful of deals. The
 * textbook (Wald) interval p̂ ± z√(p̂(1−p̂)/n) collapses to zero width at 0/5 or 5/5 and spills outside
 * 0–1; Wilson's stays inside 0–1 and keeps close to its nominal coverage for small n, so "2 of 2" reads
 * as "somewhere between 34 % and 100 %", not "100 %". It is R's `prop.test(x, n, correct = FALSE)`
 * interval (Wilson 1927, https://doi.org/10.1080/01621459.1927.10502953). Cost: O(1).
 *
 * Input: a count of successes and of trials (integers, 0 ≤ successes ≤ trials). Output: the interval's
 * bounds, or null when there are no trials (no evidence, no interval).
 *
 * @example
 * wilsonInterval(8, 10); // {lower: 0.4902, upper: 0.9433} (rounded)
 * wilsonInterval(0, 0); // null
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): Interval | null {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials)
    throw new RangeError(
      `wilsonInterval requires integer counts with 0 ≤ successes ≤ trials, got ${successes}/${trials}`
    );
  if (!(z > 0)) throw new RangeError(`wilsonInterval requires a positive z, got ${z}`);
  if (trials === 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // at 0 or n successes one bound is exactly 0 or 1; rounding would leave it a hair off
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half)
  };
}
