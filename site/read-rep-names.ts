import type {DuckDBConnection} from "@duckdb/node-api";
import {readRows} from "../warehouse/read-rows.ts";

/** Every rep's name by rep_id (reps without a name are absent). */
export async function readRepNames(connection: DuckDBConnection): Promise<Map<string, string>> {
  const rows = await readRows<{rep_id: string; name: string}>(
    connection,
    "SELECT rep_id, name FROM reps WHERE name IS NOT NULL"
  );
  return new Map(rows.map((row) => [row.rep_id, row.name]));
}
