import type {DuckDBConnection} from "@duckdb/node-api";
import {DEFAULT_DUPLICATE_WINDOW_DAYS} from "./duplicate-leads.ts";
import {duplicateMatchesSql} from "./duplicate-matches-sql.ts";

/**
 * Runs `work` with the TEMP TABLE `duplicate_lead_flags` — lead_id, created_at of every lead that is a
 * duplicate (duplicateMatchesSql, default window) — which channelQuality then reads instead of matching
 * the leads again; dropped afterwards. Whether a lead is a duplicate depends on the leads before it only,
 * not on the period asked: one pass over all leads serves every period. A table already there (an outer
 * call) is used as it is.
 *
 * @example
 * await withDuplicateLeadFlags(connection, () => Promise.all(periods.map((period) => channelQuality({...ctx, period}))));
 */
export async function withDuplicateLeadFlags<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  if (await hasDuplicateLeadFlags(connection)) return work();
  await connection.run(
    `CREATE TEMP TABLE duplicate_lead_flags AS
     WITH ${duplicateMatchesSql()}
     SELECT DISTINCT lead_id, created_at FROM duplicate_matches`,
    {start: "0001-01-01", end: "9999-01-01", window_days: DEFAULT_DUPLICATE_WINDOW_DAYS}
  );
  try {
    return await work();
  } finally {
    await connection.run(`DROP TABLE temp.main.duplicate_lead_flags`);
  }
}

export async function hasDuplicateLeadFlags(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    `SELECT 1 FROM information_schema.tables WHERE table_catalog = 'temp' AND table_name = 'duplicate_lead_flags'`
  );
  return reader.currentRowCount > 0;
}
