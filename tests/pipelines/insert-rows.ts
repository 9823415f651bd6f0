import type {DuckDBConnection} from "@duckdb/node-api";

export type Value = string | number | null;

/**
 * Inserts literal fixture rows; strings are cast by DuckDB to the column's type. Core tables get
 * fixture lineage (_ingest_id 1, _file 'fixture', _line = position); pass lineage = false for
 * bookkeeping tables such as quarantine.
 */
export async function insert(
  connection: DuckDBConnection,
  table: string,
  columns: string[],
  rows: Value[][],
  lineage = true
) {
  const literal = (v: Value) =>
    v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`;
  const values = rows.map(
    (row, i) => `(${[...row.map(literal), ...(lineage ? [1, "'fixture'", i + 1] : [])].join(", ")})`
  );
  const names = lineage ? [...columns, "_ingest_id", "_file", "_line"] : columns;
  await connection.run(`INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(", ")}) VALUES ${values.join(", ")}`);
}
