// arquero's own entry imports node:fs, which the browser cannot load; its table module alone does not
import {table} from "arquero/src/table/index.js";
import {decodeIntegers} from "./cube-integers.js";

/** What a filter narrows and a pivot groups by: the owner's team and region, the source, the product, the owner. */
export const CUBE_DIMENSIONS = ["team", "region", "channel", "product", "rep"];

/** What a pivot can group by besides the dimensions: the calendar month, quarter or year of each measure's date. */
export const CUBE_TIMES = ["month", "quarter", "year"];

const tables = new WeakMap();

/**
 * Whether a filter or grouping needs the cube by rep (cubeLoader): data/cube.json sums the reps of
 * each team and region together, which keeps it small at any number of reps, and answers everything else.
 *
 * @example
 * const cube = cubeNeedsReps(filter, groupBy) ? await cubeByRep : await cubeByTeam;
 */
export function cubeNeedsReps(filter = {}, groupBy = []) {
  return Boolean(filter.rep?.length) || groupBy.includes("rep");
}

/**
 * Every value of a dimension or time the cube knows, in the order cubeSums gives its groups (null last): the
 * choices of a filter. The cube without reps lists the reps too, from `reps`, though it cannot sum by them.
 *
 * @example cubeLabels(cube, "rep") // ["R001", "R002", …, null]
 */
export function cubeLabels(cube, key) {
  if (![...CUBE_DIMENSIONS, ...CUBE_TIMES].includes(key))
    throw new RangeError(`cubeLabels lists ${[...CUBE_DIMENSIONS, ...CUBE_TIMES].join(", ")}, not ${key}`);
  if (CUBE_TIMES.includes(key)) return cubeTable(cube).labels[key];
  return ownerLabels(cube)[key];
}

/** The labels of the dimensions, from the cube's lists alone: data/cube-keys.json, which has no cells, has them too. */
function ownerLabels(cube) {
  const reps = objects(cube.reps);
  const owners = cube.teams ? objects(cube.teams) : reps;
  const distinct = (values) => [...new Set(values)].sort(byValue);
  return {
    team: distinct(owners.map((o) => o.team)),
    region: distinct(owners.map((o) => o.region)),
    channel: cube.channels,
    product: cube.products,
    rep: reps.map((rep) => rep.rep_id)
  };
}

/**
 * The cube's figures for a filter, in total or per group: every additive sum, and what derives from them —
 * win rate (won / (won + lost) among deals closed in the period), average won deal (won amount over the won
 * deals with an amount) and average sales cycle (days, over the won deals closed after their creation), null
 * where nothing was closed or won. Creation sums count the opportunities created in the period, close sums the
 * deals won or lost in it, as every page counts them.
 *
 * `filter`: {start, end} (ISO dates, half-open; a period of whole buckets, as every site period is; absent: all
 * of the cube) and per dimension a list of values to keep (absent or empty: all). `groupBy`: dimensions
 * (CUBE_DIMENSIONS) or times (CUBE_TIMES) — no groups gives one row, zeros when nothing matches. Groups without
 * a cell in the filter are left out; rows come in the order of the cube's values (null last), times in order.
 * A filter or grouping by rep needs the cube by rep (cubeNeedsReps); the cube without reps refuses it.
 *
 * @example
 * cubeSums(cube, {start: "2026-01-01", end: "2026-11-21", team: ["华东"], channel: ["trade_show"]});
 * // [{count_opportunities: 41, won_amount: 1_830_000, win_rate: 0.38, avg_won_amount: 305_000, …}]
 * cubeSums(cube, {product: ["CRM"]}, ["quarter", "channel"]);
 * // [{quarter: "2024-Q1", channel: "referral", count_won: 3, …}, …]
 */
export function cubeSums(cube, filter = {}, groupBy = []) {
  const {facts, labels, measures} = cubeTable(cube);
  for (const group of groupBy) {
    if (![...CUBE_DIMENSIONS, ...CUBE_TIMES].includes(group))
      throw new RangeError(`cubeSums groups by ${[...CUBE_DIMENSIONS, ...CUBE_TIMES].join(", ")}, not ${group}`);
  }
  if (!labels.rep && cubeNeedsReps(filter, groupBy))
    throw new RangeError("cubeSums filters or groups by rep in the cube by rep (cubeLoader) only");
  const masks = {bucket: bucketMask(cube, filter)};
  for (const dimension of CUBE_DIMENSIONS) {
    const wanted = filter[dimension];
    if (wanted?.length) masks[dimension] = labels[dimension].map((value) => wanted.includes(value));
  }
  const test = Object.keys(masks)
    .map((key) => `$.${key}[d.${key}]`)
    .join(" && ");
  const sums = Object.fromEntries(Object.keys(measures).map((m) => [m, `d => op.sum(d.${m})`]));
  const rows = facts.params(masks).filter(`(d, $) => ${test}`).groupby(groupBy).rollup(sums).orderby(groupBy).objects();
  const found = groupBy.length === 0 && rows.length === 0 ? [{}] : rows;
  return found.map((row) => ({
    ...Object.fromEntries(groupBy.map((group) => [group, labels[group][row[group]]])),
    ...figures(row, measures)
  }));
}

/**
 * The sums of one row, summed as the integers the cube holds and scaled once, and the figures derived from them
 * (a cube of some measures only, as a file of the cube by rep per period holds, derives those it holds the sums of).
 */
function figures(row, measures) {
  const sums = Object.fromEntries(
    Object.entries(measures).map(([m, decimals]) => {
      const sum = row[m] ?? 0;
      return [m, decimals > 0 ? sum / 10 ** decimals : sum * 10 ** -decimals];
    })
  );
  const has = (...names) => names.every((m) => m in sums);
  const closed = sums.count_won + sums.count_lost;
  const withAmount = sums.count_won - sums.count_won_without_amount;
  const withCycle = sums.count_won - sums.count_won_without_cycle;
  return {
    ...sums,
    ...(has("count_won", "count_lost") && {win_rate: closed ? sums.count_won / closed : null}),
    ...(has("won_amount", "count_won", "count_won_without_amount") && {
      avg_won_amount: withAmount ? sums.won_amount / withAmount : null
    }),
    ...(has("sum_cycle_days", "count_won", "count_won_without_cycle") && {
      avg_cycle_days: withCycle ? sums.sum_cycle_days / withCycle : null
    })
  };
}

/**
 * Cubes of the same keys, as one: shards of the cube by rep (the same measures and decimals, each holding some
 * reps' cells), whose cells are concatenated — each text kept as it is, decoded one by one (cubeTable) — or
 * files of the same cells holding different measures, whose sums are put together.
 *
 * @example const cube = mergeCubes(await Promise.all([shard3, shard17]));
 */
export function mergeCubes(cubes) {
  if (cubes.length === 1) return cubes[0];
  const [first] = cubes;
  const measures = (cube) => Object.keys(cube.sums).sort().join();
  if (cubes.every((cube) => measures(cube) === measures(first))) {
    const sums = Object.fromEntries(
      Object.entries(first.sums).map(([m, {decimals}]) => {
        const other = cubes.find((cube) => cube.sums[m].decimals !== decimals);
        if (other) throw new RangeError(`mergeCubes requires the same decimals of ${m} in every cube`);
        return [m, {decimals, values: cubes.flatMap((cube) => cube.sums[m].values)}];
      })
    );
    return {...first, cells: cubes.flatMap((cube) => cube.cells), sums};
  }
  if (cubes.some((cube) => cube.cells !== first.cells))
    throw new RangeError("mergeCubes requires cubes of the same measures or of the same cells");
  return {...first, sums: Object.assign({}, ...cubes.map((cube) => cube.sums))};
}

/** Whether each bucket is in the period; a period that cuts a bucket has no answer in the cube. */
function bucketMask(cube, {start, end}) {
  return cube.buckets.rows.map(([bucketStart, bucketEnd]) => {
    const inside = (start === undefined || bucketStart >= start) && (end === undefined || bucketEnd <= end);
    const outside = (start !== undefined && bucketEnd <= start) || (end !== undefined && bucketStart >= end);
    if (!inside && !outside) {
      throw new RangeError(
        `cubeSums requires a period of whole buckets: ${start} to ${end} cuts ${bucketStart} to ${bucketEnd}`
      );
    }
    return inside;
  });
}

/**
 * The cube as an arquero table of codes, its cells' positions taken apart into keys, each cell's team, region
 * and times looked up once, and per grouping the label of each code; `measures` gives each sum's decimals.
 * Kept per cube: a filter applied to the same cube reuses it.
 */
function cubeTable(cube) {
  if (tables.has(cube)) return tables.get(cube);
  const reps = objects(cube.reps);
  const owners = cube.teams ? objects(cube.teams) : reps;
  const sizes = [cube.buckets.rows.length, owners.length, cube.channels.length, cube.products.length];
  // merged cubes (mergeCubes) hold a text per part, each of gaps from -1
  const parts = [cube.cells].flat().map(decodeIntegers);
  const gaps = parts.flat();
  const keys = sizes.map(() => new Int32Array(gaps.length));
  let i = 0;
  for (const part of parts) {
    let position = -1;
    for (const gap of part) {
      position += gap + 1;
      for (let k = sizes.length - 1, rest = position; k >= 0; k--) {
        keys[k][i] = rest % sizes[k];
        rest = Math.floor(rest / sizes[k]);
      }
      i++;
    }
  }
  const [bucket, owner, channel, product] = keys;
  const columns = {bucket, channel, product};
  const measures = {};
  for (const [m, {decimals, values}] of Object.entries(cube.sums)) {
    columns[m] = Float64Array.from([values].flat().flatMap(decodeIntegers));
    if (columns[m].length !== gaps.length)
      throw new RangeError(`the cube holds ${gaps.length} cells but ${columns[m].length} of ${m}`);
    measures[m] = decimals;
  }
  const labels = {channel: cube.channels, product: cube.products};
  if (!cube.teams) {
    labels.rep = reps.map((rep) => rep.rep_id);
    columns.rep = owner;
  }
  const months = cube.buckets.rows.map(([start]) => start.slice(0, 7));
  const quarter = (month) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`;
  const lookUps = [
    ["team", owner, owners.map((o) => o.team)],
    ["region", owner, owners.map((o) => o.region)],
    ["month", bucket, months],
    ["quarter", bucket, months.map(quarter)],
    ["year", bucket, months.map((month) => month.slice(0, 4))]
  ];
  for (const [key, codes, values] of lookUps) {
    const distinct = [...new Set(values)].sort(byValue);
    const position = values.map((value) => distinct.indexOf(value));
    labels[key] = distinct;
    columns[key] = Int32Array.from(codes, (code) => position[code]);
  }
  const built = {facts: table(columns), labels, measures};
  tables.set(cube, built);
  return built;
}

/** A compact table's rows as objects. */
function objects({columns, rows}) {
  return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
}

/** Values in order, null last. */
function byValue(a, b) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
