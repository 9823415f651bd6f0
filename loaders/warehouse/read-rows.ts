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
  return (await readRowsWithColumns(connection, sql, params)).rows as Row[];
}

/** readRows, plus the column names in order (a query may return none). */
export async function readRowsWithColumns(
  connection: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue> = {}
): Promise<{columns: string[]; rows: Record<string, unknown>[]}> {
  // without parameters the SQL runs unprepared, so a syntax error reads as DuckDB's parser states it
  const reader = Object.keys(params).length
    ? await connection.runAndReadAll(sql, params)
    : await connection.runAndReadAll(sql);
  const columns = reader.columnNames();
  const types = reader.columnTypes().map((t) => t.toString());
  const rows = reader.getRowsJS().map((row) => {
    const object: Record<string, unknown> = {};
    columns.forEach((column, i) => (object[column] = toPlain(row[i], types[i])));
    return object;
  });
  return {columns, rows};
}

function toPlain(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) {
    if (type === "DATE") return value.toISOString().slice(0, 10);
    return value.toISOString().replace(".000Z", "Z");
  }
  if (Array.isArray(value)) return value.map((v) => toPlain(v, ""));
  return value;
}
