import type {DuckDBConnection} from "@duckdb/node-api";
import {readRows} from "../warehouse/read-rows.ts";

/** The name under which a page that asks the catalog (which tables and columns exist) records it. */
export const CATALOG = "(catalog)";

const CATALOG_WORDS =
  /\b(information_schema|duckdb_tables|duckdb_columns|duckdb_views|pragma_table_info|table_info)\b/i;

/**
 * Each table of the warehouse and a fingerprint of its columns and rows (count and an order-free sum of row
 * hashes), plus the catalog's own fingerprint: equal fingerprints mean a page reading them would compute the
 * same data. One statement, so DuckDB scans the tables in parallel.
 */
export async function tableFingerprints(connection: DuckDBConnection): Promise<Map<string, string>> {
  const columns = await readRows<{table_name: string; columns: string}>(
    connection,
    `SELECT table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_index) AS columns
     FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
       AND table_name IN (SELECT table_name FROM duckdb_tables()
                          WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary)
     GROUP BY table_name ORDER BY table_name`
  );
  const fingerprints = new Map<string, string>();
  fingerprints.set(CATALOG, columns.map((t) => `${t.table_name}(${t.columns})`).join("; "));
  if (columns.length === 0) return fingerprints;
  const rows = await readRows<{table_name: string; fingerprint: string}>(
    connection,
    columns
      .map(
        ({table_name}) =>
          `SELECT '${table_name.replaceAll("'", "''")}' AS table_name,
             count(*)::VARCHAR || ':' || coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR AS fingerprint
           FROM main."${table_name.replaceAll('"', '""')}" t`
      )
      .join(" UNION ALL ")
  );
  const shape = new Map(columns.map((t) => [t.table_name, t.columns]));
  for (const row of rows) fingerprints.set(row.table_name, `${shape.get(row.table_name)} | ${row.fingerprint}`);
  return fingerprints;
}

/**
 * The tables of `known` that statements name, and the catalog when they ask it. A name counts wherever it
 * appears (also in a string or a comment): a table read for nothing only costs a recomputation.
 */
export function tablesNamedIn(statements: string[], known: Iterable<string>): Set<string> {
  const names = new Set([...known].map((name) => name.toLowerCase()));
  const found = new Set<string>();
  for (const statement of statements) {
    for (const word of statement.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []) if (names.has(word)) found.add(word);
    if (CATALOG_WORDS.test(statement)) found.add(CATALOG);
  }
  return found;
}
