import {CUBE_DIMENSIONS, CUBE_TIMES, cubeLabels, cubeNeedsReps, cubeSums, mergeCubes} from "./cube.js";
import {CUBE_MEASURE_GROUPS, cubeMeasureGroups} from "./cube-measure-groups.js";
import {chosen} from "./slices.js";

/**
 * Every value of each dimension the cube knows, for the filter bar to offer (none for a value left empty): of a
 * cube, or of data/cube-keys.json, its keys without cells.
 */
export function cubeValues(cube) {
  return Object.fromEntries(
    CUBE_DIMENSIONS.map((dimension) => [dimension, cubeLabels(cube, dimension).filter((value) => value !== null)])
  );
}

/** At most the bytes a view of a page loads: its own data files and the cube's it needs. */
export const CUBE_BUDGET = 500_000;

/**
 * The cubes a view needs, loaded on demand: `cubeFor(filter, groupBy, figures)` gives the cube for one filter
 * and grouping, `cubeFor.all([[filter, groupBy, figures], …])` one per request, loaded together. Each is
 * - the cube by team (`byTeam`, data/cube.json) unless it narrows or groups by rep; otherwise the least of the
 *   cube by rep that answers it:
 * - grouped by rep without a time, over a site period (the filter bar's `period`, or a pivot's `start` and
 *   `end`): that period's file of each group of measures `figures` needs (all by default), a cube of one
 *   bucket, the period, which answers that period only;
 * - otherwise the shards holding the reps chosen (every shard without a choice), merged: the monthly cells, which
 *   answer every period and comparison.
 * Null when those files and the page's own (`spent(filter)`, of the first request) pass `budget` bytes
 * together: the view asks to narrow instead. `keys` (data/cube-keys.json) tells the shard of each rep. Each
 * file is read once (`read`), each merge made once, then kept.
 *
 * @example
 * const cubeFor = cubeLoader(keys, {byTeam, shards: CUBE_REP_SHARDS, periods: CUBE_REP_PERIODS, sitePeriods: site.periods, read: readJson});
 * const byRep = await cubeFor({period: "ytd", team: ["华东"]}, ["rep"], ["count_won", "win_rate"]);
 *
 * @param {any} keys
 * @param {{byTeam: any, shards: any[], periods: any, sitePeriods: any[], read: (file: any) => Promise<any>,
 *   budget?: number, spent?: (filter: any) => {size: number}[]}} files
 */
export function cubeLoader(keys, {byTeam, shards, periods, sitePeriods, read, budget = CUBE_BUDGET, spent = () => []}) {
  const loaded = new Map();
  const load = (file) => {
    if (!loaded.has(file)) loaded.set(file, read(file));
    return loaded.get(file);
  };
  const merged = new Map();
  const ids = new Map();
  const idOf = (file) => ids.get(file) ?? ids.set(file, ids.size).get(file);
  const cubeOf = (files) => {
    // a merge keeps its decoded table (cubeTable) only while the same object is asked for again
    const key = files.map(idOf).join();
    if (!merged.has(key)) merged.set(key, Promise.all(files.map(load)).then(mergeCubes));
    return merged.get(key);
  };
  const repIds = cubeLabels(keys, "rep");
  const filesFor = (filter, groupBy = [], figures = ALL_SUMS) => {
    const reps = chosen(filter, "rep");
    if (!cubeNeedsReps({rep: reps}, groupBy)) return [byTeam];
    const period = sitePeriods.find((p) =>
      filter.period === undefined ? p.start === filter.start && p.end === filter.end : p.id === filter.period
    );
    if (period && groupBy.includes("rep") && !groupBy.some((group) => CUBE_TIMES.includes(group)))
      return cubeMeasureGroups(figures).map((group) => periods[period.id][group]);
    const codes = reps.length ? reps.map((rep) => repIds.indexOf(rep)) : repIds.map((_, i) => i);
    // a rep no shard knows has no cells: the first shard answers with zeros
    const wanted = new Set(codes.map((code) => Math.max(code, 0) % shards.length));
    return [...wanted].sort((a, b) => a - b).map((shard) => shards[shard]);
  };
  const all = async (requests) => {
    const lists = requests.map(([filter, groupBy, figures]) => filesFor(filter, groupBy, figures));
    const needed = new Set([...spent(requests[0]?.[0] ?? {}), ...lists.flat()]);
    if ([...needed].reduce((bytes, file) => bytes + file.size, 0) > budget) return null;
    return Promise.all(lists.map(cubeOf));
  };
  const cubeFor = async (filter, groupBy, figures) => (await all([[filter, groupBy, figures]]))?.[0] ?? null;
  cubeFor.all = all;
  return cubeFor;
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
