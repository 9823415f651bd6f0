import {CUBE_DIMENSIONS, CUBE_TIMES, cubeLabels, cubeNeedsReps, cubeSums, mergeCubes} from "./cube.js";
import {CUBE_MEASURE_GROUPS, cubeMeasureGroups} from "./cube-measure-groups.js";
import {chosen} from "./slices.js";

/** Every value of each dimension the cube holds, for the filter bar to offer (none for a value left empty). */
export function cubeValues(cube) {
  return Object.fromEntries(
    CUBE_DIMENSIONS.map((dimension) => [dimension, cubeLabels(cube, dimension).filter((value) => value !== null)])
  );
}

/** At most the bytes of the cube by rep a view loads (the files' sizes as built). */
export const CUBE_BUDGET = 500_000;

/**
 * The cube a filter and grouping needs, as `cubeFor(filter, groupBy, figures)` gives it: the one by team
 * (data/cube.json) unless it narrows or groups by rep, otherwise the least of the cube by rep that answers it —
 * - grouped by rep without a time, over a site period (the filter bar's `period`, or a pivot's `start` and
 *   `end`): that period's file of each group of measures `figures` needs (all by default), a cube of one
 *   bucket, the period, which answers that period only;
 * - otherwise the shards holding the reps chosen (every shard without a choice), merged: the monthly cells, which
 *   answer every period and comparison;
 * and null when those files pass `budget` bytes together: the view asks to narrow instead. Each file is loaded
 * once (`read`), then kept.
 *
 * @example
 * const cubeFor = cubeLoader(cube, {shards: CUBE_REP_SHARDS, periods: CUBE_REP_PERIODS, sitePeriods: site.periods, read: readJson});
 * const byRep = await cubeFor({period: "ytd", team: ["华东"]}, ["rep"], ["count_won", "win_rate"]);
 */
export function cubeLoader(byTeam, {shards, periods, sitePeriods, read, budget = CUBE_BUDGET}) {
  const loaded = new Map();
  const load = (file) => {
    if (!loaded.has(file)) loaded.set(file, read(file));
    return loaded.get(file);
  };
  const repIds = cubeLabels(byTeam, "rep");
  return async (filter, groupBy = [], figures = ALL_SUMS) => {
    const reps = chosen(filter, "rep");
    if (!cubeNeedsReps({rep: reps}, groupBy)) return byTeam;
    const period = sitePeriods.find((p) =>
      filter.period === undefined ? p.start === filter.start && p.end === filter.end : p.id === filter.period
    );
    let files;
    if (period && groupBy.includes("rep") && !groupBy.some((group) => CUBE_TIMES.includes(group))) {
      files = cubeMeasureGroups(figures).map((group) => periods[period.id][group]);
    } else {
      const codes = reps.length ? reps.map((rep) => repIds.indexOf(rep)) : repIds.map((_, i) => i);
      // a rep no shard knows has no cells: the first shard answers with zeros
      const wanted = new Set(codes.map((code) => Math.max(code, 0) % shards.length));
      files = [...wanted].sort((a, b) => a - b).map((shard) => shards[shard]);
    }
    if (files.reduce((bytes, file) => bytes + file.size, 0) > budget) return null;
    return mergeCubes(await Promise.all(files.map(load)));
  };
}

const ALL_SUMS = Object.values(CUBE_MEASURE_GROUPS).flat();

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
