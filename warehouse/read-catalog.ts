import type {DuckDBConnection} from "@duckdb/node-api";

export interface CatalogSequence {
  schema: string;
  name: string;
  /**
   * the CREATE SEQUENCE statement DuckDB keeps for it, which STARTs at the value nextval returns next
   * (its last_value is not kept across a reopen, this is)
   */
  sql: string;
}

export interface CatalogTable {
  schema: string;
  name: string;
  /** the CREATE TABLE statement DuckDB keeps for it: columns, types, defaults, keys */
  sql: string;
  /** the type of its ingest_id column, when it has one */
  ingestIdType: string | null;
}

/** What a warehouse holds besides its rows: every schema, sequence, table, index and view a user created. */
export interface WarehouseCatalog {
  /** schemas other than main */
  schemas: string[];
  sequences: CatalogSequence[];
  tables: CatalogTable[];
  /** CREATE INDEX statements */
  indexes: string[];
  /** CREATE VIEW statements, in the order they were created */
  views: string[];
}

type Row = Record<string, string | null>;

async function read(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Row[];
}

// temporary objects (the ingest's lookups and macros) live in the database "temp", not in the warehouse's own
const OWN = "database_name = current_database()";

export async function readCatalog(connection: DuckDBConnection): Promise<WarehouseCatalog> {
  const schemas = await read(
    connection,
    `SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database() AND NOT internal
       AND schema_name <> 'main' ORDER BY oid`
  );
  const sequences = await read(
    connection,
    `SELECT schema_name, sequence_name, sql FROM duckdb_sequences() WHERE ${OWN} ORDER BY sequence_oid`
  );
  const tables = await read(
    connection,
    `SELECT t.schema_name, t.table_name, t.sql, c.data_type AS ingest_id_type
     FROM duckdb_tables() t
     LEFT JOIN duckdb_columns() c ON c.table_oid = t.table_oid AND c.column_name = 'ingest_id'
     WHERE t.database_name = current_database() AND NOT t.internal AND NOT t.temporary
     ORDER BY t.schema_name, t.table_name`
  );
  // the indexes of primary keys and unique constraints have no statement: the table's own creates them
  const indexes = await read(
    connection,
    `SELECT sql FROM duckdb_indexes() WHERE ${OWN} AND sql IS NOT NULL ORDER BY index_oid`
  );
  const views = await read(
    connection,
    `SELECT sql FROM duckdb_views() WHERE ${OWN} AND NOT internal ORDER BY view_oid`
  );
  return {
    schemas: schemas.map((s) => String(s.schema_name)),
    sequences: sequences.map((s) => ({
      schema: String(s.schema_name),
      name: String(s.sequence_name),
      sql: String(s.sql)
    })),
    tables: tables.map((t) => ({
      schema: String(t.schema_name),
      name: String(t.table_name),
      sql: String(t.sql),
      ingestIdType: t.ingest_id_type === null ? null : String(t.ingest_id_type)
    })),
    indexes: indexes.map((i) => String(i.sql)),
    views: views.map((v) => String(v.sql))
  };
}

/** A quoted, schema-qualified name: identifiers cannot be bound as parameters. */
export function qualifiedName({schema, name}: {schema: string; name: string}): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
