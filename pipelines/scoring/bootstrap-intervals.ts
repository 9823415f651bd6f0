import {Random} from "../stats/random.ts";
import {auc, brierScore, type Scored} from "./metrics.ts";

/** A 95 % interval; null where no resample could compute the metric. */
export interface Interval {
  lower: number;
  upper: number;
}

export interface BootstrapOptions {
  /** the group of each row (an opportunity's several cut-offs): groups are drawn whole (default: each row alone) */
  clusters?: ArrayLike<number>;
  /** resamples drawn (default 1000) */
  resamples?: number;
  /** the seed of the mulberry32 stream the draws come from (default 1) */
  seed?: number;
}

/**
 * 95 % percentile-bootstrap intervals of the AUC and Brier score: draw as many groups as there are, with
 * replacement (group k = floor(u × groups) for each uniform u of a mulberry32 stream seeded with `seed`),
 * take every row of each drawn group, compute the metric, and report the 2.5th and 97.5th percentiles of
 * the resampled values (linear interpolation between order statistics, numpy's default). A resample with
 * only won or only lost rows has no AUC and is left out of the AUC's percentiles.
 *
 * Why it matters: a held-out part of 300 deals gives an AUC that moves by several hundredths from one
 * quarter to the next; the interval says how much of a difference between two methods is noise. Groups
 * are drawn whole because an opportunity's cut-offs are not independent of each other. Deterministic.
 *
 * @example
 * bootstrapIntervals({predicted, actual}, {seed: 7, resamples: 1000});
 * // {auc: {lower: 0.69, upper: 0.78}, brier_score: {lower: 0.19, upper: 0.22}}
 */
export function bootstrapIntervals(
  scored: Scored,
  options: BootstrapOptions = {}
): {auc: Interval | null; brier_score: Interval | null} {
  const {resamples = 1000, seed = 1} = options;
  const n = scored.predicted.length;
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const key = options.clusters ? options.clusters[i] : i;
    let rows = members.get(key);
    if (!rows) members.set(key, (rows = []));
    rows.push(i);
  }
  const groups = [...members.values()];
  if (!groups.length) return {auc: null, brier_score: null};
  const random = new Random(seed);
  const aucs: number[] = [];
  const briers: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const predicted: number[] = [];
    const actual: number[] = [];
    for (let k = 0; k < groups.length; k++)
      for (const i of groups[Math.floor(random.next() * groups.length)]) {
        predicted.push(scored.predicted[i]);
        actual.push(scored.actual[i]);
      }
    const area = auc({predicted, actual});
    if (area !== null) aucs.push(area);
    briers.push(brierScore({predicted, actual})!);
  }
  return {auc: percentileInterval(aucs), brier_score: percentileInterval(briers)};
}

/** The 2.5th and 97.5th percentiles, interpolated linearly between order statistics (numpy's default). */
export function percentileInterval(values: number[]): Interval | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const position = q * (sorted.length - 1);
    const below = Math.floor(position);
    const above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  };
  return {lower: at(0.025), upper: at(0.975)};
}
