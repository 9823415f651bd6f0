import type {Design, LogisticModel} from "./logistic-regression.ts";
import {OTHER_LEVEL, UNKNOWN_LEVEL} from "./encode-features.ts";

/** Categorical lead columns as text, one array per feature, one entry per lead. */
export type LeadColumns<F extends string> = Record<F, (string | null)[]>;

/** Per feature, the kept levels (index 0 = OTHER_LEVEL) and the index of each value. */
export interface LeadEncoder<F extends string> {
  features: F[];
  levels: Record<F, string[]>;
}

/**
 * Keeps the levels of each feature seen on at least `minLevelCount` training leads (a missing value is the
 * level UNKNOWN_LEVEL); every other, and every value unseen in training, pools into OTHER_LEVEL.
 */
export function fitLeadEncoder<F extends string>(
  columns: LeadColumns<F>,
  features: readonly F[],
  train: readonly number[],
  minLevelCount = 20
): LeadEncoder<F> {
  const levels = {} as Record<F, string[]>;
  for (const feature of features) {
    const counts = new Map<string, number>();
    for (const i of train) {
      const value = columns[feature][i] ?? UNKNOWN_LEVEL;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const kept = [...counts].filter(([, n]) => n >= minLevelCount).map(([value]) => value);
    levels[feature] = [OTHER_LEVEL, ...kept.sort()];
  }
  return {features: [...features], levels};
}

/** The design of `rows` under a lead encoding: categories only. */
export function encodeLeads<F extends string>(
  encoder: LeadEncoder<F>,
  columns: LeadColumns<F>,
  rows: readonly number[]
): Design {
  const categorical = encoder.features.map((feature) => {
    const index = new Map(encoder.levels[feature].map((level, k) => [level, k]));
    return Int32Array.from(rows, (i) => index.get(columns[feature][i] ?? UNKNOWN_LEVEL) ?? 0);
  });
  return {rows: rows.length, numeric: [], categorical, levels: encoder.features.map((f) => encoder.levels[f].length)};
}

/**
 * Each feature's contribution to a lead's log-odds against an average training lead: its level's β/sd
 * less Σ β·mean/sd over the feature's levels (as explainOpen does for opportunities).
 */
export function leadContributions(model: LogisticModel, design: Design, r: number): number[] {
  const {coefficients: beta, means, scales} = model;
  let offset = 0;
  return design.categorical.map((column, c) => {
    let centre = 0;
    for (let l = 0; l < design.levels[c]; l++) centre += (beta[offset + l] * means[offset + l]) / scales[offset + l];
    const j = offset + column[r];
    offset += design.levels[c];
    return beta[j] / scales[j] - centre;
  });
}
