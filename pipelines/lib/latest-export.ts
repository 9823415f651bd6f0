import type {DuckDBConnection} from "@duckdb/node-api";

/** "Now" for a warehouse: the export time of its latest ingest (ISO, UTC), or null for an empty warehouse. */
export async function latestExport(connection: DuckDBConnection): Promise<string | null> {
  const reader = await connection.runAndReadAll(`SELECT max(exported_at) FROM ingests`);
  const value = reader.getRowsJS()[0][0];
  return value instanceof Date ? value.toISOString().replace(".000Z", "Z") : null;
}
