import type {DuckDBConnection, DuckDBValue} from "@duckdb/node-api";

/** A query result column by column: numeric columns as Float64Arrays (null → NaN), the others as text. */
export interface Columns {
  length: number;
  numbers: Record<string, Float64Array>;
  strings: Record<string, (string | null)[]>;
}

const NUMERIC = /^(DOUBLE|FLOAT|INTEGER|BIGINT|SMALLINT|TINYINT|UINTEGER|UBIGINT|USMALLINT|UTINYINT|DECIMAL)/;

/**
 * Runs a query with bound parameters and returns it column by column: numeric columns as Float64Arrays
 * (null → NaN), VARCHAR columns as strings or nulls (cast anything else to VARCHAR in the SQL). It reads
 * the result's vectors chunk by chunk: on a million rows that takes a fraction of a second, where
 * `getColumnsJS` or row objects take seconds.
 */
export async function readColumns(
  connection: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue> = {}
): Promise<Columns> {
  const result = Object.keys(params).length ? await connection.run(sql, params) : await connection.run(sql);
  const names = result.columnNames();
  const types = result.columnTypes().map((type) => type.toString());
  const length = result.rowCount;
  const numbers: Record<string, Float64Array> = {};
  const strings: Record<string, (string | null)[]> = {};
  const targets = names.map((name, k) => {
    if (NUMERIC.test(types[k])) return (numbers[name] = new Float64Array(length));
    if (types[k] !== "VARCHAR")
      throw new TypeError(`readColumns reads numbers and VARCHAR, got ${types[k]} for ${name}`);
    return (strings[name] = new Array<string | null>(length));
  });
  let offset = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const rows = chunk.rowCount;
    targets.forEach((target, k) => {
      const vector = chunk.getColumnVector(k);
      if (target instanceof Float64Array) {
        for (let i = 0; i < rows; i++) {
          const value = vector.getItem(i);
          target[offset + i] = value === null ? NaN : Number(value);
        }
      } else {
        for (let i = 0; i < rows; i++) target[offset + i] = vector.getItem(i) as string | null;
      }
    });
    offset += rows;
  }
  return {length, numbers, strings};
}
