import type {DuckDBConnection, DuckDBValue} from "@duckdb/node-api";

/**
 * Runs a query and reads every row as a JSON-friendly object. The SQL casts counts to INTEGER and
 * formats timestamps as strings, so the cast to `T` holds without converting bigint or Date values.
 */
export async function readRows<T>(
  connection: DuckDBConnection,
  sql: string,
  values?: Record<string, DuckDBValue>
): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, values);
  return reader.getRowObjectsJson() as unknown as T[];
}
