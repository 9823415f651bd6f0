import type {Design} from "./logistic-regression.ts";
import {keptLevels, levelIndexes} from "./category-levels.ts";

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
  for (const feature of features) levels[feature] = keptLevels(columns[feature], train, minLevelCount);
  return {features: [...features], levels};
}

/** The design of `rows` under a lead encoding: categories only. */
export function encodeLeads<F extends string>(
  encoder: LeadEncoder<F>,
  columns: LeadColumns<F>,
  rows: readonly number[]
): Design {
  const categorical = encoder.features.map((feature) => levelIndexes(encoder.levels[feature], columns[feature], rows));
  return {rows: rows.length, numeric: [], categorical, levels: encoder.features.map((f) => encoder.levels[f].length)};
}
