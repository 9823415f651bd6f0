import type {DuckDBConnection} from "@duckdb/node-api";
import type {CubeData} from "../../site/pages/cube-data.ts";
import {encodeIntegers} from "../../site/pages/cube-integers.ts";
import {insert, type Value} from "../pipelines/insert-rows.ts";

/**
 * Four opportunities, exported on 2026-11-20 in a warehouse reporting in CNY: o1 (r1, referral, A) created
 * on October 5th for 1000 and won on November 10th, 36 days later; o2 (r1, referral, A) created on November
 * 1st for 100 USD, converted at ingest to 720 CNY, and lost on the 21st; o3 (r2, no channel, no product)
 * won without an amount on November 2nd, the day before it was created (no cycle); o4 (no owner,
 * trade_show, B) created on October 20th for 500, still open. Fill an empty warehouse (emptyWarehouse).
 */
export async function insertSmallCubeRows(connection: DuckDBConnection): Promise<void> {
  await insertCubeRows(
    connection,
    [
      ["r1", "Li Lei", "East", "Shanghai"],
      ["r2", "Han Meimei", "North", "Beijing"]
    ],
    [
      ["o1", "r1", "referral", "A", 1000, "CNY", 1000, "won", "won", "2026-10-05 00:00:00", "2026-11-10 00:00:00"],
      ["o2", "r1", "referral", "A", 100, "USD", 720, "lost", "lost", "2026-11-01 12:00:00", "2026-11-21 06:00:00"],
      ["o3", "r2", null, null, null, "CNY", null, "won", "won", "2026-11-03 00:00:00", "2026-11-02 00:00:00"],
      ["o4", null, "trade_show", "B", 500, "CNY", 500, "intent", "open", "2026-10-20 00:00:00", null]
    ]
  );
}

/**
 * An export of 2026-11-20 in CNY into an empty warehouse: reps as [rep_id, name, team, region], opportunities
 * as [opportunity_id, owner_rep_id, source, product, amount, currency, amount_reporting, stage, outcome,
 * created_at, closed_at].
 */
export async function insertCubeRows(connection: DuckDBConnection, reps: Value[][], opportunities: Value[][]) {
  await connection.run(`INSERT INTO ingests (ingest_id, started_at, exported_at, files, rows_read, rows_loaded,
    rows_quarantined, status) VALUES (1, '2026-11-20 08:00:00', '2026-11-20 00:00:00', 1, ${reps.length + opportunities.length},
    ${reps.length + opportunities.length}, 0, 'loaded')`);
  await connection.run(`INSERT INTO reporting_currency VALUES ('CNY', 'configured')`);
  await insert(connection, "reps", ["rep_id", "name", "team", "region"], reps);
  const columns = ["opportunity_id", "owner_rep_id", "source", "product", "amount", "currency", "amount_reporting"];
  await insert(connection, "opportunities", [...columns, "stage", "outcome", "created_at", "closed_at"], opportunities);
}

/**
 * The cube by rep of those four, worked out by hand: October, November to the 21st (where the quarter to date
 * ends) and the rest of November; o1 and o4 created in October; o2 and o3 created, o1 and o3 won in the
 * first part of November; o2 lost in the second.
 */
export const SMALL_CUBE: CubeData = {
  currency: "CNY",
  buckets: {
    columns: ["start", "end"],
    rows: [
      ["2026-10-01", "2026-11-01"],
      ["2026-11-01", "2026-11-21"],
      ["2026-11-21", "2026-12-01"]
    ]
  },
  reps: {
    columns: ["rep_id", "rep_name", "team", "region"],
    rows: [
      ["r1", "Li Lei", "East", "Shanghai"],
      ["r2", "Han Meimei", "North", "Beijing"],
      [null, null, null, null]
    ]
  },
  channels: ["referral", "trade_show", null],
  products: ["A", "B", null],
  // positions ((bucket × 3 + owner) × 3 + channel) × 3 + product: 0, 22, 27, 44 and 54
  cells: encodeIntegers([0, 21, 4, 16, 9]),
  sums: {
    count_opportunities: {decimals: 0, values: encodeIntegers([1, 1, 1, 1, 0])},
    // 1000, 500 and 720 in tens
    amount: {decimals: -1, values: encodeIntegers([100, 50, 72, 0, 0])},
    count_open: {decimals: 0, values: encodeIntegers([0, 1, 0, 0, 0])},
    open_amount: {decimals: -2, values: encodeIntegers([0, 5, 0, 0, 0])},
    count_won: {decimals: 0, values: encodeIntegers([0, 0, 1, 1, 0])},
    count_lost: {decimals: 0, values: encodeIntegers([0, 0, 0, 0, 1])},
    won_amount: {decimals: -3, values: encodeIntegers([0, 0, 1, 0, 0])},
    count_won_without_amount: {decimals: 0, values: encodeIntegers([0, 0, 0, 1, 0])},
    sum_cycle_days: {decimals: 0, values: encodeIntegers([0, 0, 36, 0, 0])},
    count_won_without_cycle: {decimals: 0, values: encodeIntegers([0, 0, 0, 1, 0])}
  }
};

/** The same cube by team: each rep has a team and region of their own, so the cells are those by rep. */
export const SMALL_CUBE_BY_TEAM: CubeData = {
  ...SMALL_CUBE,
  teams: {
    columns: ["team", "region"],
    rows: [
      ["East", "Shanghai"],
      ["North", "Beijing"],
      [null, null]
    ]
  }
};
