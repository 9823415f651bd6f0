import {randomUUID} from "node:crypto";
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

/** A DECIMAL or a large integer as DuckDB holds it, digit for digit (a JS number would round 9999999999999999.99). */
export class ExactNumber {
  constructor(readonly text: string) {}
}

const EXACT_TYPES = /^(DECIMAL|HUGEINT|UHUGEINT|BIGINT|UBIGINT)\b/;

/**
 * readRows, plus the column names in order (a query may return none). With `exactNumbers`, DECIMAL and
 * 64/128-bit integer values are ExactNumbers instead of numbers.
 */
export async function readRowsWithColumns(
  connection: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue> = {},
  {exactNumbers = false} = {}
): Promise<{columns: string[]; rows: Record<string, unknown>[]}> {
  // without parameters the SQL runs unprepared, so a syntax error reads as DuckDB's parser states it
  const reader = Object.keys(params).length
    ? await connection.runAndReadAll(sql, params)
    : await connection.runAndReadAll(sql);
  const columns = reader.columnNames();
  const types = reader.columnTypes().map((t) => t.toString());
  const exact = types.map((type) => exactNumbers && EXACT_TYPES.test(type));
  const values = exact.some(Boolean) ? reader.getRows() : [];
  const rows = reader.getRowsJS().map((row, r) => {
    const object: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const value = values[r]?.[i];
      object[column] = exact[i] && value !== null ? new ExactNumber(String(value)) : toPlain(row[i], types[i]);
    });
    return object;
  });
  return {columns, rows};
}

/** JSON.stringify(value, null, 2), with ExactNumbers written as JSON numbers of all their digits. */
export function jsonWithExactNumbers(value: unknown): string {
  const marker = `exact-${randomUUID()}:`;
  const text = JSON.stringify(value, (_key, inner) => (inner instanceof ExactNumber ? marker + inner.text : inner), 2);
  return text.replaceAll(new RegExp(`"${marker}(-?[0-9]+(?:\\.[0-9]+)?)"`, "g"), "$1");
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
