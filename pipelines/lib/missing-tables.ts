import type {DuckDBConnection} from "@duckdb/node-api";
import type {EntityName} from "../../warehouse/schema/entities.ts";
import {rowCountsSql} from "../../warehouse/row-counts-sql.ts";

/** The tables among `names` that hold no rows: the exports a result needed but did not get. */
export async function missingTables(connection: DuckDBConnection, names: EntityName[]): Promise<EntityName[]> {
  if (names.length === 0) return [];
  const reader = await connection.runAndReadAll(
    `SELECT "table" FROM (${rowCountsSql(names)}) WHERE n_rows = 0 ORDER BY "table"`
  );
  return reader.getRows().map((row) => String(row[0]) as EntityName);
}
