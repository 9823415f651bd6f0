import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import {REPORTING_CURRENCY_SQL} from "../../pipelines/lib/reporting-amounts.ts";
import {readColumns} from "../../pipelines/scoring/read-columns.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {compactTable, type CompactTable} from "../compact-table.ts";
import {siteNow} from "../site-now.ts";
import {sitePeriods} from "../site-periods.ts";
import {cubeBuckets, cubeSplitDays, type CubeBucket} from "./cube-buckets.ts";
import {encodeIntegers} from "./cube-integers.ts";
import {CUBE_HUNDREDTHS, CUBE_MEASURES, CUBE_SQL, type CubeMeasure} from "./cube-sql.ts";

/** A rep who owns opportunities (or null: opportunities without an owner), with the team and region of the reps export. */
export interface CubeRep {
  rep_id: string | null;
  rep_name: string | null;
  team: string | null;
  region: string | null;
}

/** The digits of a measure's values (encodeIntegers): a value is its integer divided by 10^decimals. */
export interface CubeColumn {
  decimals: number;
  values: string;
}

/**
 * Additive sums over the opportunities, from which the browser derives any filter's figures (src/components/
 * cube.js), written compact: the cells' keys as one position each, every measure as integers in text. Amounts
 * are in `currency`, to the cent.
 */
export interface CubeData {
  /** the reporting currency of every amount; null in a warehouse without amounts */
  currency: string | null;
  /** spans of days, in order: calendar months, cut where a site period starts or ends mid-month (cubeSplitDays) */
  buckets: CompactTable<CubeBucket>;
  /** team and region are the owner's, as every filter reads them (filterCondition) */
  reps: CompactTable<CubeRep>;
  /**
   * in the cube without reps, the owners' distinct team and region pairs, in order, none last: the owners the
   * cells sum over; absent in the cube by rep, whose owners are `reps`
   */
  teams?: CompactTable<{team: string | null; region: string | null}>;
  /** the opportunities' sources, in order; null for those without one */
  channels: (string | null)[];
  products: (string | null)[];
  /**
   * the cells, in order, as the gaps between their positions (encodeIntegers; the first from -1), a cell's
   * position being ((bucket × owners + owner) × channels + channel) × products + product, each key its
   * index in its list — grain: bucket × owner × source × product with an opportunity created, won or lost in
   * the bucket
   */
  cells: string;
  /**
   * per measure, one value per cell:
   * - count_opportunities, amount: created in the bucket, and the sum of their amounts
   * - count_open, open_amount: of those, still open at the export
   * - count_won, count_lost, won_amount: won or lost in the bucket (by closed_at), the won deals' amounts
   * - count_won_without_amount: won deals without an amount (average won deal = won_amount over the others)
   * - sum_cycle_days: days from creation to close of the won deals, to 0.01 day per cell;
   *   count_won_without_cycle: won deals closed before their creation, which have no cycle (average cycle =
   *   sum_cycle_days over the others)
   */
  sums: Record<CubeMeasure, CubeColumn>;
}

/**
 * The cube behind combined filters and the pivot: every additive sum the pages derive their figures from
 * (count, amount, won amount, win rate, average won deal, average cycle), per bucket of days × owner × source ×
 * product — every value of each, not the largest only — so that any combination of filters is a sum of cells.
 * Win rate, average won deal and cycle follow the pipelines' definitions (salesVelocity, channelQuality):
 * deals won or lost in the period by their close, amounts in the reporting currency, cycles of won deals
 * closed after their creation. By "team" the owners are their team and region pairs (`teams`), which keeps the
 * cube's size bounded by its keys whatever the number of reps or opportunities; by "rep" each owner is a rep,
 * whose team and region are looked up through `reps`.
 *
 * @example
 * const cube = await cubeData(connection, "rep");
 * decodeIntegers(cube.sums.count_won.values).reduce((a, b) => a + b, 0); // every deal ever won
 */
export async function cubeData(connection: DuckDBConnection, owners: "team" | "rep" = "team"): Promise<CubeData> {
  return compactCube(await cubeCells(connection, owners));
}

/** What a page needs of the cube before any filter: every value to offer, and the shard of each rep (cubeLoader). */
export type CubeKeys = Omit<CubeData, "cells" | "sums">;

/** data/cube-keys.json: the cube's lists without its cells, a few kB whatever the number of opportunities. */
export function cubeKeys({cells: _cells, sums: _sums, ...keys}: CubeData): CubeKeys {
  return keys;
}

/** A cube before it is written: each cell's position and, per measure, its integer (CUBE_HUNDREDTHS in hundredths). */
export interface CubeCells extends Omit<CubeData, "cells" | "sums"> {
  positions: number[];
  integers: Record<CubeMeasure, number[]>;
}

/** The cube's cells as cubeData computes them, before they are written compact (compactCube). */
export async function cubeCells(connection: DuckDBConnection, owners: "team" | "rep"): Promise<CubeCells> {
  const [range] = await readRows<{first: string | null; last: string | null}>(
    connection,
    `SELECT strftime(least(min(created_at), min(closed_at) FILTER (WHERE outcome IN ('won', 'lost'))), '%Y-%m-%d') AS first,
       strftime(greatest(max(created_at), max(closed_at) FILTER (WHERE outcome IN ('won', 'lost'))), '%Y-%m-%d') AS last
     FROM opportunities`
  );
  const buckets: CubeBucket[] = [];
  if (range.first && range.last) {
    // all time starts on the month of the first record, where the first bucket starts: it cuts no month
    const periods = sitePeriods(await siteNow(connection), `${range.first.slice(0, 7)}-01`);
    buckets.push(...cubeBuckets(range.first, range.last, cubeSplitDays(periods)));
  }
  const reps = await readRows<CubeRep>(
    connection,
    `SELECT o.owner_rep_id AS rep_id, r.name AS rep_name, r.team, r.region
     FROM (SELECT DISTINCT owner_rep_id FROM opportunities) o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
     ORDER BY o.owner_rep_id NULLS LAST`
  );
  const teams = owners === "team" ? teamsOf(reps) : undefined;
  const ownerCodes = teams
    ? reps.map((rep) => teams.findIndex((t) => t.team === rep.team && t.region === rep.region))
    : reps.map((_, i) => i);
  const channels = await distinctValues(connection, "source");
  const products = await distinctValues(connection, "product");
  // no opportunities, no cells (and a list of no values has no type to bind)
  const columns =
    buckets.length === 0
      ? null
      : await readColumns(connection, CUBE_SQL, {
          bucket_starts: listValue(buckets.map((b) => b.start)),
          reps: listValue(reps.map((r) => r.rep_id)),
          owners: listValue(ownerCodes),
          channels: listValue(channels),
          products: listValue(products)
        });
  const column = (key: string) => columns?.numbers[key] ?? new Float64Array(0);
  const [bucket, owner, channel, product] = ["bucket", "owner", "channel", "product"].map(column);
  const ownerCount = teams?.length ?? reps.length;
  const [currency] = await readRows<{currency: string | null}>(connection, REPORTING_CURRENCY_SQL);
  return {
    currency: currency?.currency ?? null,
    buckets: compactTable(buckets, ["start", "end"]),
    reps: compactTable(reps, ["rep_id", "rep_name", "team", "region"]),
    ...(teams && {teams: compactTable(teams, ["team", "region"])}),
    channels,
    products,
    positions: Array.from(
      bucket,
      (b, i) => ((b * ownerCount + owner[i]) * channels.length + channel[i]) * products.length + product[i]
    ),
    integers: Object.fromEntries(CUBE_MEASURES.map((m) => [m, Array.from(column(m))])) as CubeCells["integers"]
  };
}

/**
 * The cube written compact: positions as gaps, each measure with the decimals `decimals` gives it (by default
 * as few as its integers' trailing zeros allow), so that cubes written with the same decimals can be merged.
 */
export function compactCube(
  {positions, integers, ...cube}: CubeCells,
  decimals: Record<CubeMeasure, number> = cubeDecimals(integers)
): CubeData {
  return {
    ...cube,
    cells: encodeIntegers(positions.map((p, i) => p - (i === 0 ? -1 : positions[i - 1]) - 1)),
    sums: Object.fromEntries(
      CUBE_MEASURES.map((m) => {
        const scale = 10 ** (baseDecimals(m) - decimals[m]);
        return [m, {decimals: decimals[m], values: encodeIntegers(integers[m].map((v) => v / scale))}];
      })
    ) as CubeData["sums"]
  };
}

/** Per measure, the fewest decimals its integers' trailing zeros allow (thousands of yuan: -3). */
export function cubeDecimals(integers: Record<CubeMeasure, number[]>): Record<CubeMeasure, number> {
  return Object.fromEntries(
    CUBE_MEASURES.map((m) => {
      let decimals = baseDecimals(m);
      const values = integers[m];
      for (let scale = 10; values.some((v) => v !== 0) && values.every((v) => v % scale === 0); scale *= 10) decimals--;
      return [m, decimals];
    })
  ) as Record<CubeMeasure, number>;
}

function baseDecimals(measure: CubeMeasure): number {
  return CUBE_HUNDREDTHS.includes(measure) ? 2 : 0;
}

/** The owners' distinct team and region pairs, in order, none last. */
function teamsOf(reps: CubeRep[]): {team: string | null; region: string | null}[] {
  const pairs = new Map(reps.map((r) => [JSON.stringify([r.team, r.region]), {team: r.team, region: r.region}]));
  const byValue = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
  return [...pairs.values()].sort((a, b) => byValue(a.team, b.team) || byValue(a.region, b.region));
}

async function distinctValues(connection: DuckDBConnection, column: "source" | "product"): Promise<(string | null)[]> {
  const rows = await readRows<{value: string | null}>(
    connection,
    `SELECT DISTINCT ${column} AS value FROM opportunities ORDER BY 1 NULLS LAST`
  );
  return rows.map((row) => row.value);
}
