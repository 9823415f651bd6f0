import type {DuckDBConnection} from "@duckdb/node-api";
import {ENTITIES} from "../../warehouse/schema/entities.ts";
import {LINEAGE_COLUMNS, REMOVED_OPPORTUNITIES} from "../../warehouse/ddl.ts";

// the schema's columns: whatever a later step derives beside them (converted amounts) is derived again
const COLUMNS = [...ENTITIES.opportunities.columns.map((c) => c.name), ...LINEAGE_COLUMNS];

export interface Removed {
  /** opportunities this ingest found removed */
  count: number;
  /** the first of them, by id */
  examples: string[];
}

/**
 * An opportunity last exported before the newest full export was no longer in it: it was deleted or merged in
 * the CRM, as of the first full export after its last appearance. Such rows move to removed_opportunities (out of
 * every metric), and back when an export newer than every full one holds them again (or an ingest is re-dated).
 * The rule depends only on which exports there are, not on the order they came in.
 */
export async function removeVanished(
  connection: DuckDBConnection,
  current?: {ingestId: number; exportedAt: string; full: boolean}
): Promise<Removed> {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sj_export_versions AS
     SELECT ingest_id, exported_at, ingest_id IN (SELECT ingest_id FROM full_exports) AS full_export FROM ingests
     ${current ? "UNION ALL SELECT $ingest, CAST($exported AS TIMESTAMP), $full" : ""}`,
    current ? {ingest: current.ingestId, exported: current.exportedAt.replace("Z", ""), full: current.full} : {}
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sj_removal AS
     SELECT v.ingest_id, min(f.exported_at) AS removed_at, arg_min(f.ingest_id, f.exported_at) AS removed_ingest_id
     FROM sj_export_versions v JOIN sj_export_versions f ON f.full_export AND f.exported_at > v.exported_at
     GROUP BY v.ingest_id`
  );
  await connection.run(`
    INSERT INTO opportunities BY NAME
    SELECT * EXCLUDE (removed_at, removed_ingest_id) FROM ${REMOVED_OPPORTUNITIES}
    WHERE _ingest_id NOT IN (SELECT ingest_id FROM sj_removal);
    DELETE FROM ${REMOVED_OPPORTUNITIES} WHERE _ingest_id NOT IN (SELECT ingest_id FROM sj_removal);
    UPDATE ${REMOVED_OPPORTUNITIES} r SET removed_at = m.removed_at, removed_ingest_id = m.removed_ingest_id
    FROM sj_removal m WHERE m.ingest_id = r._ingest_id AND r.removed_ingest_id <> m.removed_ingest_id;
    INSERT INTO ${REMOVED_OPPORTUNITIES} BY NAME
    SELECT ${COLUMNS.map((c) => `o.${c}`).join(", ")}, m.removed_at, m.removed_ingest_id
    FROM opportunities o JOIN sj_removal m ON m.ingest_id = o._ingest_id;
    DELETE FROM opportunities WHERE _ingest_id IN (SELECT ingest_id FROM sj_removal);`);
  if (!current) return {count: 0, examples: []};
  const reader = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER, coalesce(list(opportunity_id ORDER BY opportunity_id)[1:5], [])
     FROM ${REMOVED_OPPORTUNITIES} WHERE removed_ingest_id = $ingest`,
    {ingest: current.ingestId}
  );
  const [[count, examples]] = reader.getRowsJS() as [[number, string[]]];
  return {count, examples};
}
