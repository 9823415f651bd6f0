import type {DuckDBConnection} from "@duckdb/node-api";
import type {EntityName} from "../../loaders/schema/entities.ts";

/** The tables among `names` that hold no rows: the exports a result needed but did not get. */
export async function missingTables(connection: DuckDBConnection, names: EntityName[]): Promise<EntityName[]> {
  if (names.length === 0) return [];
  const counts = names
    .map((name) => `SELECT '${name}' AS name, (SELECT count(*) FROM ${name}) AS n`)
    .join(" UNION ALL ");
  const reader = await connection.runAndReadAll(`SELECT name FROM (${counts}) WHERE n = 0 ORDER BY name`);
  return reader.getRows().map((row) => String(row[0]) as EntityName);
}
