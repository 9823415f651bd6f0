import {CUBE_DIMENSIONS, cubeLabels, cubeNeedsReps, cubeSums} from "./cube.js";
import {chosen} from "./slices.js";

/** Every value of each dimension the cube holds, for the filter bar to offer (none for a value left empty). */
export function cubeValues(cube) {
  return Object.fromEntries(
    CUBE_DIMENSIONS.map((dimension) => [dimension, cubeLabels(cube, dimension).filter((value) => value !== null)])
  );
}

/**
 * The cube a filter and grouping needs: the one by team (data/cube.json) unless it narrows or groups by rep; the
 * one by rep is loaded (`loadByRep`) the first time, then kept.
 *
 * @example const cubeFor = cubeLoader(cube, () => readJson(FileAttachment("data/cube-reps.json")));
 */
export function cubeLoader(byTeam, loadByRep) {
  let byRep = null;
  return (filter, groupBy = []) => {
    if (!cubeNeedsReps({rep: chosen(filter, "rep")}, groupBy)) return Promise.resolve(byTeam);
    byRep ??= loadByRep();
    return byRep;
  };
}

/**
 * The cube's figures for a filter-bar value over a span of days ({start, end} of a site period, its previous
 * period or last year's; null: all of the cube), grouped by `groupBy`. Null when the span cuts a bucket.
 */
export function cubeFigures(cube, filter, span, groupBy = []) {
  const narrowed = Object.fromEntries(CUBE_DIMENSIONS.map((d) => [d, chosen(filter, d)]));
  try {
    return cubeSums(cube, {...narrowed, ...(span ? {start: span.start, end: span.end} : {})}, groupBy);
  } catch (error) {
    if (error instanceof RangeError && error.message.includes("whole buckets")) return null;
    throw error;
  }
}
