import type {DuckDBConnection} from "@duckdb/node-api";
import {compactTable} from "../compact-table.ts";
import {readSitePeriods} from "../site-now.ts";
import type {SitePeriod} from "../site-periods.ts";
import {compactCube, cubeCells, cubeDecimals, type CubeCells, type CubeData} from "./cube-data.ts";
import {CUBE_MEASURE_GROUPS} from "../../src/components/cube-measure-groups.js";
import {CUBE_MEASURES, type CubeMeasure} from "./cube-sql.ts";

/**
 * The number of files the cube by rep is split into: a rep's cells are in the shard of its position in `reps`
 * modulo this (src/components/cube-files.js lists them).
 */
export const CUBE_REP_SHARDS = 64;

/**
 * The cube by rep as the files a page loads a part of, each a cube (CubeData) with every rep in `reps`, so that
 * codes agree between files:
 * - `data/cube-reps/NN.json`: the monthly cells of the reps of shard NN (CUBE_REP_SHARDS), every measure with the
 *   same decimals in every shard, so that shards merge by concatenating their cells (src/components/cube.js);
 * - `data/cube-reps-period/<period>-<group>.json`: per site period, one bucket — the period — with the sums of
 *   its buckets per rep × source × product, for a grouping by rep over the period without a time: bounded
 *   (reps × sources × products cells at most) whatever the number of opportunities, and written as one file
 *   per group of measures (CUBE_MEASURE_GROUPS), all of the same cells.
 * All computed from one query (cubeCells).
 */
export async function cubeRepFiles(connection: DuckDBConnection): Promise<Record<string, CubeData>> {
  const cells = await cubeCells(connection, "rep");
  const periods = await readSitePeriods(connection);
  const decimals = cubeDecimals(cells.integers);
  const owners = cells.reps.rows.length;
  const perBucket = owners * cells.channels.length * cells.products.length;
  const ownerOf = (position: number) =>
    Math.floor((position % perBucket) / (cells.channels.length * cells.products.length));
  const files: Record<string, CubeData> = {};
  const shards: number[][] = Array.from({length: CUBE_REP_SHARDS}, () => []);
  cells.positions.forEach((p, i) => shards[ownerOf(p) % CUBE_REP_SHARDS].push(i));
  shards.forEach((kept, shard) => {
    files[`data/cube-reps/${String(shard).padStart(2, "0")}.json`] = compactCube(pick(cells, kept), decimals);
  });
  for (const period of periods) {
    const cube = compactCube(periodCells(cells, period, perBucket));
    for (const [group, measures] of Object.entries(CUBE_MEASURE_GROUPS)) {
      const sums = Object.fromEntries(measures.map((m) => [m, cube.sums[m as CubeMeasure]]));
      files[`data/cube-reps-period/${period.id}-${group}.json`] = {...cube, sums: sums as CubeData["sums"]};
    }
  }
  return files;
}

/** The cube's cells at the indices `kept`, in their order. */
function pick(cells: CubeCells, kept: number[]): CubeCells {
  return {
    ...cells,
    positions: kept.map((i) => cells.positions[i]),
    integers: Object.fromEntries(
      CUBE_MEASURES.map((m) => [m, kept.map((i) => cells.integers[m][i])])
    ) as CubeCells["integers"]
  };
}

/** The period as one bucket: per owner × source × product, the sum of its cells in the buckets inside the period. */
function periodCells(cells: CubeCells, period: SitePeriod, perBucket: number): CubeCells {
  const inside = cells.buckets.rows.map(([start, end]) => String(start) >= period.start && String(end) <= period.end);
  const sums = new Map<number, number[]>();
  cells.positions.forEach((position, i) => {
    if (!inside[Math.floor(position / perBucket)]) return;
    const key = position % perBucket;
    const row = sums.get(key) ?? CUBE_MEASURES.map(() => 0);
    CUBE_MEASURES.forEach((m, k) => (row[k] += cells.integers[m][i]));
    sums.set(key, row);
  });
  const positions = [...sums.keys()].sort((a, b) => a - b);
  return {
    ...cells,
    buckets: compactTable([{start: period.start, end: period.end}], ["start", "end"]),
    positions,
    integers: Object.fromEntries(
      CUBE_MEASURES.map((m, k) => [m, positions.map((p) => sums.get(p)?.[k] ?? 0)])
    ) as CubeCells["integers"]
  };
}
