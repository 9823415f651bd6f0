import type {DuckDBConnection, DuckDBValue} from "@duckdb/node-api";

/**
 * Runs a query with bound parameters and returns plain JS rows: BIGINT and DECIMAL become numbers,
 * DATE becomes "2026-01-31", TIMESTAMP "2026-01-31T08:00:00Z" (UTC), lists become arrays.
 */
export async function readRows<Row>(
  connection: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue> = {}
): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql, params);
  const columns = reader.columnNames();
  const types = reader.columnTypes().map((t) => t.toString());
  return reader.getRowsJS().map((row) => {
    const object: Record<string, unknown> = {};
    columns.forEach((column, i) => (object[column] = toPlain(row[i], types[i])));
    return object as Row;
  });
}

function toPlain(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) {
    if (type === "DATE") return value.toISOString().slice(0, 10);
    return value.toISOString().replace(".000Z", "Z");
  }
  if (Array.isArray(value)) return value.map((v) => toPlain(v, ""));
  return value;
}
