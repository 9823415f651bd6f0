import type {DuckDBConnection} from "@duckdb/node-api";
import {ENTITIES, ENTITY_NAMES} from "../../warehouse/schema/entities.ts";

/** An export whose newest record is at least this much older than its ingest is dated by that record. */
export const STALE_EXPORT_DAYS = 7;

/** The newest time something happened in the rows an ingest loaded, and where: null when none holds one. */
export async function newestRecord(
  connection: DuckDBConnection,
  ingestId: number
): Promise<{at: string; table: string; column: string} | null> {
  const parts = ENTITY_NAMES.flatMap((name) =>
    ENTITIES[name].columns
      .filter((c) => c.happened)
      .map(
        (c) =>
          `SELECT '${name}' AS tbl, '${c.name}' AS col, max(CAST(${c.name} AS TIMESTAMP)) AS newest_at FROM ${name} WHERE _ingest_id = $ingest`
      )
  );
  const reader = await connection.runAndReadAll(
    `SELECT tbl, col, strftime(newest_at, '%Y-%m-%dT%H:%M:%SZ') FROM (${parts.join(" UNION ALL ")})
     WHERE newest_at IS NOT NULL ORDER BY newest_at DESC, tbl, col LIMIT 1`,
    {ingest: ingestId}
  );
  const [row] = reader.getRowsJS() as [string, string, string][];
  return row ? {table: row[0], column: row[1], at: row[2]} : null;
}

/**
 * When an export was taken, for one given no date: the newest record it holds when that is more than
 * STALE_EXPORT_DAYS older than the ingest (a historical export; with a warning), else the time of the ingest
 * — a live export's newest record is hours old, and "now" is when it was read.
 */
export function dateExport(
  ingestedAt: string,
  newest: {at: string; table: string; column: string} | null
): {exportedAt: string; warning?: string} {
  if (!newest) return {exportedAt: ingestedAt};
  const days = (Date.parse(ingestedAt) - Date.parse(newest.at)) / 86_400_000;
  if (days < STALE_EXPORT_DAYS) return {exportedAt: ingestedAt};
  return {
    exportedAt: newest.at,
    warning:
      `no export date was given, and the newest record is ${Math.floor(days).toLocaleString("en")} days old ` +
      `(${newest.table}.${newest.column} ${newest.at.slice(0, 10)}): the export is dated ${newest.at.slice(0, 10)}, ` +
      `and the site's periods run up to it; give --exported-at, or change it later with ` +
      `\`shangji redate <date>\``
  };
}
