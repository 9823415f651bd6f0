import {DuckDBInstance} from "@duckdb/node-api";

export interface WarehouseDifference {
  /** tables of each warehouse, from duckdb_tables() */
  tables: {a: string[]; b: string[]};
  /** per table present in both: rows of each, and rows of one missing from the other (EXCEPT ALL both ways) */
  rows: Record<string, {a: number; b: number; onlyA: number; onlyB: number}>;
  /** the CREATE statements of tables and sequences (a sequence's STARTs at the value nextval returns next) */
  definitions: {a: string[]; b: string[]};
}

/**
 * Compares two warehouse files opened side by side, read-only, in one DuckDB: every table row for row, the
 * definitions of the tables and the state of the sequences. `exclude` leaves columns out of a table's rows.
 */
export async function compareWarehouses(
  a: string,
  b: string,
  {exclude = {} as Record<string, string[]>} = {}
): Promise<WarehouseDifference> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowsJS();
  try {
    await connection.run(`ATTACH '${a}' AS a (READ_ONLY); ATTACH '${b}' AS b (READ_ONLY)`);
    const tables = async (db: string) =>
      (await read(`SELECT table_name FROM duckdb_tables() WHERE database_name = '${db}' ORDER BY 1`)).map((r) =>
        String(r[0])
      );
    const definitions = async (db: string) =>
      (
        await read(
          `SELECT sql FROM duckdb_tables() WHERE database_name = '${db}'
           UNION ALL SELECT sql FROM duckdb_sequences() WHERE database_name = '${db}' ORDER BY 1`
        )
      ).map((r) => String(r[0]));
    const [tablesA, tablesB] = [await tables("a"), await tables("b")];
    const rows: WarehouseDifference["rows"] = {};
    for (const table of tablesA.filter((t) => tablesB.includes(t))) {
      const columns = exclude[table] ? `* EXCLUDE (${exclude[table].join(", ")})` : "*";
      const [[countA, countB, onlyA, onlyB]] = await read(`SELECT
        (SELECT count(*) FROM a.${table})::INTEGER, (SELECT count(*) FROM b.${table})::INTEGER,
        (SELECT count(*) FROM (SELECT ${columns} FROM a.${table} EXCEPT ALL SELECT ${columns} FROM b.${table}))::INTEGER,
        (SELECT count(*) FROM (SELECT ${columns} FROM b.${table} EXCEPT ALL SELECT ${columns} FROM a.${table}))::INTEGER`);
      rows[table] = {a: Number(countA), b: Number(countB), onlyA: Number(onlyA), onlyB: Number(onlyB)};
    }
    return {
      tables: {a: tablesA, b: tablesB},
      rows,
      definitions: {a: await definitions("a"), b: await definitions("b")}
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
