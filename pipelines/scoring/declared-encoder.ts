import type {FeatureKind} from "../../warehouse/schema/declared-features.ts";
import {keptLevels, levelIndexes} from "./category-levels.ts";
import type {ColumnContributions} from "./column-contributions.ts";
import type {Design} from "./logistic-regression.ts";

/** A declared feature's values, one per table row: numbers (NaN where missing) or text (null where missing). */
export type DeclaredColumn =
  | {name: string; kind: "numeric"; values: Float64Array}
  | {name: string; kind: "categorical"; values: (string | null)[]};

/** How one declared feature is encoded, as fitted on the training rows. */
export type DeclaredEncoding =
  | {name: string; kind: "numeric"; column: number; median: number; indicator: boolean}
  | {name: string; kind: "categorical"; column: number; levels: string[]};

/** The declared features' part of a design, and which of its columns each feature owns. */
export interface DeclaredDesign extends Pick<Design, "numeric" | "categorical" | "levels"> {
  /** per encoding: its numeric columns (value, then missing indicator) or its one categorical column */
  groups: {name: string; kind: FeatureKind; numeric: number[]; categorical: number[]}[];
}

/**
 * Fits the encoding of the declared features on the training rows only, so nothing of the validation or test
 * rows decides a transformation: a numeric feature's missing values are imputed with its training median, and a
 * 0/1 "missing" column is added when training rows lack it (the standardisation is the regression's own, on the
 * training rows); a categorical feature keeps the levels of at least `minLevelCount` training rows (a missing value
 * is the level UNKNOWN_LEVEL) and pools every other, and every value unseen in training, into OTHER_LEVEL. A
 * numeric feature no training row has is left out.
 */
export function fitDeclaredEncoder(
  columns: readonly DeclaredColumn[],
  train: readonly number[],
  minLevelCount = 20
): DeclaredEncoding[] {
  return columns.flatMap((feature, column): DeclaredEncoding[] => {
    if (feature.kind === "numeric") {
      const seen = train.map((i) => feature.values[i]).filter((v) => !Number.isNaN(v));
      if (seen.length === 0) return [];
      return [
        {name: feature.name, kind: "numeric", column, median: median(seen), indicator: seen.length < train.length}
      ];
    }
    return [
      {name: feature.name, kind: "categorical", column, levels: keptLevels(feature.values, train, minLevelCount)}
    ];
  });
}

/** The declared features' columns of `rows` (positions in the table) under a fitted encoding. */
export function encodeDeclared(
  encodings: readonly DeclaredEncoding[],
  columns: readonly DeclaredColumn[],
  rows: readonly number[]
): DeclaredDesign {
  const design: DeclaredDesign = {numeric: [], categorical: [], levels: [], groups: []};
  for (const encoding of encodings) {
    const feature = columns[encoding.column];
    if (encoding.kind === "numeric" && feature.kind === "numeric") {
      const values = feature.values;
      const numeric = [design.numeric.length];
      design.numeric.push(Float64Array.from(rows, (i) => (Number.isNaN(values[i]) ? encoding.median : values[i])));
      if (encoding.indicator) {
        numeric.push(design.numeric.length);
        design.numeric.push(Float64Array.from(rows, (i) => (Number.isNaN(values[i]) ? 1 : 0)));
      }
      design.groups.push({name: encoding.name, kind: "numeric", numeric, categorical: []});
    } else if (encoding.kind === "categorical" && feature.kind === "categorical") {
      design.groups.push({name: encoding.name, kind: "categorical", numeric: [], categorical: [design.levels.length]});
      design.categorical.push(levelIndexes(encoding.levels, feature.values, rows));
      design.levels.push(encoding.levels.length);
    }
  }
  return design;
}

/** The median of a non-empty list (the mean of the two middle values of an even one). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * What a declared feature says about row i, [English, Chinese]: its name made readable (underscores as spaces)
 * and its value as exported — "time on site 1,532", "occupation Working Professional", "visits unknown".
 */
export function describeDeclared(feature: DeclaredColumn, i: number): [string, string] {
  const name = feature.name.replaceAll("_", " ").trim();
  const value =
    feature.kind === "numeric"
      ? Number.isNaN(feature.values[i])
        ? null
        : feature.values[i].toLocaleString("en-US", {maximumFractionDigits: 2})
      : feature.values[i];
  return value === null ? [`${name} unknown`, `${name}未知`] : [`${name} ${value}`, `${name}为${value}`];
}

/**
 * Each declared feature's contribution to row i's log-odds — its value's and missing indicator's, or its level's,
 * summed — with its words (describeDeclared), for the reasons. `contributions` are the whole design's; the
 * declared columns start at `offset` among its numeric and its categorical columns.
 */
export function declaredContributions(
  encodings: readonly DeclaredEncoding[],
  groups: DeclaredDesign["groups"],
  columns: readonly DeclaredColumn[],
  {numeric, categorical}: ColumnContributions,
  offset: {numeric: number; categorical: number},
  i: number
): {feature: string; contribution: number; words: [string, string]}[] {
  return groups.map((group, g) => {
    let contribution = 0;
    for (const j of group.numeric) contribution += numeric[offset.numeric + j];
    for (const c of group.categorical) contribution += categorical[offset.categorical + c];
    return {feature: group.name, contribution, words: describeDeclared(columns[encodings[g].column], i)};
  });
}
