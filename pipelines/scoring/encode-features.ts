import {empiricalBayes, type BetaPrior} from "../stats/empirical-bayes.ts";
import {OTHER_LEVEL, UNKNOWN_LEVEL} from "./category-levels.ts";
import {joinDesigns} from "./column-contributions.ts";
import {encodeDeclared, fitDeclaredEncoder, type DeclaredDesign, type DeclaredEncoding} from "./declared-encoder.ts";
import type {Design} from "./logistic-regression.ts";
import type {CategoricalColumn, FeatureTable} from "./read-features.ts";

/** The numeric model features, each computed from the feature table. */
export const MODEL_NUMERIC_FEATURES = [
  "log_amount",
  "log_age_days",
  "log_days_since_touch",
  "log_activity_count",
  "rep_win_rate",
  "rep_segment_win_rate",
  "is_returning_customer",
  "has_competitor"
] as const;

/** The categorical model features (one-hot, rare levels pooled). */
export const MODEL_CATEGORICAL_FEATURES = [
  "source",
  "industry",
  "province",
  "size_band",
  "credit_rating",
  "stage",
  "follow_up"
] as const satisfies readonly CategoricalColumn[];

export type NumericModelFeature = (typeof MODEL_NUMERIC_FEATURES)[number];
export type CategoricalModelFeature = (typeof MODEL_CATEGORICAL_FEATURES)[number];
export type ModelFeature = NumericModelFeature | CategoricalModelFeature;

export {OTHER_LEVEL, UNKNOWN_LEVEL} from "./category-levels.ts";

/** How a categorical column is encoded: its kept levels (index 0 = OTHER_LEVEL) and each table code's index. */
export interface CategoryEncoding {
  column: CategoricalModelFeature;
  levels: string[];
  /** table code (0 = unknown, k = table level k − 1) → index into `levels` */
  map: Int32Array;
}

export interface Encoder {
  numeric: NumericModelFeature[];
  categorical: CategoryEncoding[];
  /** training means, standing in for a numeric feature that is unknown on a row */
  imputations: Float64Array;
  /** training range of each numeric feature: a value beyond it counts as the extreme seen (no extrapolation) */
  lows: Float64Array;
  highs: Float64Array;
  /** empirical-Bayes priors the rep's record is shrunk with (null: no spread between reps, the pooled rate) */
  rep: {prior: BetaPrior | null; mean: number};
  repSegment: {prior: BetaPrior | null; mean: number};
  /** the features a mapping file declared (fitDeclaredEncoder): their columns follow the built-in ones */
  declared: DeclaredEncoding[];
}

export interface EncoderOptions {
  /** a level seen on fewer training rows than this is pooled into "(other)" (default 20) */
  minLevelCount?: number;
  /** also use "competitor named" as a feature — only when the CRM records competitors before the close */
  useCompetitor?: boolean;
}

/**
 * Fits the encoding on the training rows (the declared features' with fitDeclaredEncoder): which levels of each category are frequent enough to keep
 * (≥ minLevelCount rows; the others, unknowns included when rare, pool into "(other)"), the mean of each
 * numeric feature (imputed where a row lacks it) and its range (a value beyond it is clamped to it: an
 * open deal untouched for a year, beyond any training cut-off, is not extrapolated into), and the
 * empirical-Bayes priors that shrink each rep's and rep × industry cell's record (fitted to the training
 * rows' rep and cell win rates).
 */
export function fitEncoder(table: FeatureTable, train: readonly number[], options: EncoderOptions = {}): Encoder {
  const {minLevelCount = 20, useCompetitor = false} = options;
  const categorical = MODEL_CATEGORICAL_FEATURES.map((column): CategoryEncoding => {
    const tableLevels = table.levels[column];
    const counts = new Array<number>(tableLevels.length + 1).fill(0);
    for (const i of train) counts[table.codes[column][i]]++;
    const levels = [OTHER_LEVEL];
    const map = new Int32Array(tableLevels.length + 1);
    counts.forEach((count, code) => {
      if (count < minLevelCount) return;
      map[code] = levels.length;
      levels.push(code === 0 ? UNKNOWN_LEVEL : tableLevels[code - 1]);
    });
    return {column, levels, map};
  });
  const rep = shrinkage(table, train, "owner_rep_id");
  const repSegment = shrinkage(table, train, "segment");
  const numeric = MODEL_NUMERIC_FEATURES.filter((f) => useCompetitor || f !== "has_competitor");
  const shrinkages = {rep, repSegment};
  const ranges = numeric.map((feature) => {
    let sum = 0;
    let n = 0;
    let low = Infinity;
    let high = -Infinity;
    for (const value of numericColumn(shrinkages, table, feature, train))
      if (Number.isFinite(value)) {
        sum += value;
        n++;
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
    return n ? {mean: sum / n, low, high} : {mean: 0, low: -Infinity, high: Infinity};
  });
  return {
    numeric,
    categorical,
    imputations: Float64Array.from(ranges, (r) => r.mean),
    lows: Float64Array.from(ranges, (r) => r.low),
    highs: Float64Array.from(ranges, (r) => r.high),
    rep,
    repSegment,
    declared: fitDeclaredEncoder(table.declared, train, minLevelCount)
  };
}

/** A design of the table's rows: the built-in columns, then the declared features' (which columns each owns). */
export interface EncodedRows extends Design {
  declared: DeclaredDesign["groups"];
}

/**
 * The design matrix of `rows` (positions in the table) under a fitted encoding: the built-in numeric features, the
 * declared numeric ones, the built-in categories, the declared ones.
 */
export function encodeRows(encoder: Encoder, table: FeatureTable, rows: readonly number[]): EncodedRows {
  const numeric = encoder.numeric.map((feature, j) => {
    const column = numericColumn(encoder, table, feature, rows);
    const {imputations, lows, highs} = encoder;
    for (let r = 0; r < column.length; r++)
      column[r] = Number.isFinite(column[r]) ? Math.min(highs[j], Math.max(lows[j], column[r])) : imputations[j];
    return column;
  });
  const categorical = encoder.categorical.map(({column, map}) => {
    const codes = table.codes[column];
    const encoded = new Int32Array(rows.length);
    for (let r = 0; r < rows.length; r++) encoded[r] = map[codes[rows[r]]];
    return encoded;
  });
  const builtIn = {rows: rows.length, numeric, categorical, levels: encoder.categorical.map((c) => c.levels.length)};
  const declared = encodeDeclared(encoder.declared, table.declared, rows);
  return {...joinDesigns(builtIn, declared), declared: declared.groups};
}

/** One numeric model feature for `rows` (positions in the table); NaN where unknown. */
export function numericColumn(
  encoder: Pick<Encoder, "rep" | "repSegment">,
  table: FeatureTable,
  feature: NumericModelFeature,
  rows: readonly number[]
): Float64Array {
  const n = table.numbers;
  const out = new Float64Array(rows.length);
  const each = (value: (i: number) => number) => {
    for (let r = 0; r < rows.length; r++) out[r] = value(rows[r]);
  };
  switch (feature) {
    case "log_amount":
      each((i) => (n.amount[i] > 0 ? Math.log(n.amount[i]) : NaN));
      break;
    case "log_age_days":
      each((i) => Math.log1p(Math.max(0, n.age_days[i])));
      break;
    case "log_days_since_touch":
      each((i) => Math.log1p(Math.max(0, n.days_since_touch[i])));
      break;
    case "log_activity_count":
      each((i) => Math.log1p(n.activity_count[i]));
      break;
    case "rep_win_rate":
      each((i) => shrunk(encoder.rep, n.rep_won_before[i], n.rep_closed_before[i]));
      break;
    case "rep_segment_win_rate":
      each((i) => shrunk(encoder.repSegment, n.rep_segment_won_before[i], n.rep_segment_closed_before[i]));
      break;
    case "is_returning_customer":
      each((i) => n.is_returning_customer[i]);
      break;
    case "has_competitor":
      each((i) => n.has_competitor[i]);
      break;
  }
  return out;
}

function shrunk({prior, mean}: {prior: BetaPrior | null; mean: number}, won: number, closed: number): number {
  if (prior === null) return mean;
  return (won + prior.alpha) / (closed + prior.alpha + prior.beta);
}

/** The prior for a rep's (or rep × industry cell's) record, fitted to the training rows' groups. */
function shrinkage(
  table: FeatureTable,
  train: readonly number[],
  group: "owner_rep_id" | "segment"
): {prior: BetaPrior | null; mean: number} {
  const counts = new Map<number, {successes: number; trials: number}>();
  const reps = table.codes.owner_rep_id;
  const industries = table.codes.industry;
  const width = table.levels.industry.length + 1;
  for (const i of train) {
    if (reps[i] === 0 || (group === "segment" && industries[i] === 0)) continue;
    const key = group === "segment" ? reps[i] * width + industries[i] : reps[i];
    const count = counts.get(key) ?? {successes: 0, trials: 0};
    count.trials++;
    count.successes += table.numbers.is_won[i];
    counts.set(key, count);
  }
  const keys = [...counts.keys()].sort((a, b) => a - b);
  const fit = empiricalBayes(keys.map((key) => counts.get(key)!));
  return {prior: fit.prior, mean: fit.mean ?? 0.5};
}
