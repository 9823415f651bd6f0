import type {Design, LogisticModel} from "./logistic-regression.ts";

/** What each column of a design adds to one row's log-odds: per numeric column, per categorical column. */
export interface ColumnContributions {
  numeric: number[];
  categorical: number[];
}

/**
 * Each column's contribution to a row's log-odds against an average training row, under a model fitted on a
 * design encoded like `design`: a numeric column's β(x − mean)/sd; a categorical column's level β/sd less
 * Σ β·mean/sd over its levels (every level's 0 centred). The contributions and the intercept sum to the row's
 * log-odds. Returns a function of the row, the centres computed once.
 *
 * @example
 * const of = contributionsOf(model, design);
 * of(0).numeric[0]; // what the first numeric column adds to the first row's log-odds
 */
export function contributionsOf(model: LogisticModel, design: Design): (r: number) => ColumnContributions {
  const {coefficients: beta, means, scales} = model;
  const offsets: number[] = [];
  const centres: number[] = [];
  let offset = design.numeric.length;
  for (const levels of design.levels) {
    offsets.push(offset);
    let centre = 0;
    for (let l = 0; l < levels; l++) centre += (beta[offset + l] * means[offset + l]) / scales[offset + l];
    centres.push(centre);
    offset += levels;
  }
  return (r) => ({
    numeric: design.numeric.map((column, j) => (beta[j] * (column[r] - means[j])) / scales[j]),
    categorical: design.categorical.map((column, c) => {
      const j = offsets[c] + column[r];
      return beta[j] / scales[j] - centres[c];
    })
  });
}

/** Two designs of the same rows side by side: the first's numeric columns, then the second's; likewise categories. */
export function joinDesigns(first: Design, second: Pick<Design, "numeric" | "categorical" | "levels">): Design {
  return {
    rows: first.rows,
    numeric: [...first.numeric, ...second.numeric],
    categorical: [...first.categorical, ...second.categorical],
    levels: [...first.levels, ...second.levels]
  };
}
