import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import {REPORTING_CURRENCY_SQL} from "../../../pipelines/lib/reporting-amounts.ts";
import {readColumns} from "../../../pipelines/scoring/read-columns.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {compactTable, type CompactTable} from "../compact-table.ts";
import {siteNow} from "../site-now.ts";
import {sitePeriods} from "../site-periods.ts";
import {cubeBuckets, cubeSplitDays, type CubeBucket} from "./cube-buckets.ts";
import {CUBE_MEASURES, CUBE_SQL, type CubeMeasure} from "./cube-sql.ts";

/** A rep who owns opportunities (or null: opportunities without an owner), with the team and region of the reps export. */
export interface CubeRep {
  rep_id: string | null;
  rep_name: string | null;
  team: string | null;
  region: string | null;
}

/** The cube's keys: per cell, a position in `buckets`, `reps`, `channels` and `products`. */
export type CubeKey = "bucket" | "rep" | "channel" | "product";

/**
 * Additive sums over the opportunities, from which the browser derives any filter's figures (src/components/
 * cube.js). Amounts are in `currency`, to the cent.
 */
export interface CubeData {
  /** the reporting currency of every amount; null in a warehouse without amounts */
  currency: string | null;
  /** spans of days, in order: calendar months, cut where a site period starts or ends mid-month (cubeSplitDays) */
  buckets: CompactTable<CubeBucket>;
  /** team and region are the owner's, as every filter reads them (filterCondition) */
  reps: CompactTable<CubeRep>;
  /** the opportunities' sources, in order; null for those without one */
  channels: (string | null)[];
  products: (string | null)[];
  /**
   * column by column, one entry per cell — grain: bucket × rep × channel × product with an opportunity
   * created, won or lost in the bucket:
   * - count_opportunities, amount: created in the bucket, and the sum of their amounts
   * - count_open, open_amount: of those, still open at the export
   * - count_won, count_lost, won_amount: won or lost in the bucket (by closed_at), the won deals' amounts
   * - count_won_without_amount: won deals without an amount (average won deal = won_amount over the others)
   * - sum_cycle_days: days from creation to close of the won deals; count_won_without_cycle: won deals closed
   *   before their creation, which have no cycle (average cycle = sum_cycle_days over the others)
   */
  facts: Record<CubeKey | CubeMeasure, number[]>;
}

/**
 * The cube behind combined filters and the pivot: every additive sum the pages derive their figures from
 * (count, amount, won amount, win rate, average won deal, average cycle), per bucket of days × owner × source ×
 * product — every value of each, not the largest only — so that any combination of filters is a sum of cells.
 * Win rate, average won deal and cycle follow the pipelines' definitions (salesVelocity, channelQuality):
 * deals won or lost in the period by their close, amounts in the reporting currency, cycles of won deals
 * closed after their creation. Team and region are looked up through the owner (`reps`).
 *
 * @example
 * const cube = await cubeData(connection);
 * cube.facts.count_won.reduce((a, b) => a + b, 0); // every deal ever won
 */
export async function cubeData(connection: DuckDBConnection): Promise<CubeData> {
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
  const channels = await distinctValues(connection, "source");
  const products = await distinctValues(connection, "product");
  const keys: (CubeKey | CubeMeasure)[] = ["bucket", "rep", "channel", "product", ...CUBE_MEASURES];
  // no opportunities, no cells (and a list of no values has no type to bind)
  const columns =
    buckets.length === 0
      ? {numbers: Object.fromEntries(keys.map((key) => [key, []]))}
      : await readColumns(connection, CUBE_SQL, {
          bucket_starts: listValue(buckets.map((b) => b.start)),
          reps: listValue(reps.map((r) => r.rep_id)),
          channels: listValue(channels),
          products: listValue(products)
        });
  const [currency] = await readRows<{currency: string | null}>(connection, REPORTING_CURRENCY_SQL);
  return {
    currency: currency?.currency ?? null,
    buckets: compactTable(buckets, ["start", "end"]),
    reps: compactTable(reps, ["rep_id", "rep_name", "team", "region"]),
    channels,
    products,
    facts: Object.fromEntries(keys.map((key) => [key, Array.from(columns.numbers[key])])) as CubeData["facts"]
  };
}

async function distinctValues(connection: DuckDBConnection, column: "source" | "product"): Promise<(string | null)[]> {
  const rows = await readRows<{value: string | null}>(
    connection,
    `SELECT DISTINCT ${column} AS value FROM opportunities ORDER BY 1 NULLS LAST`
  );
  return rows.map((row) => row.value);
}
