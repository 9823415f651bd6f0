import type {DuckDBConnection} from "@duckdb/node-api";
import {ENTITIES, ENTITY_NAMES, isKeyColumn} from "./schema/entities.ts";
import {CONVERTED_AMOUNTS} from "./convert-amounts.ts";
import {REMOVED_OPPORTUNITIES, sqlType} from "./ddl.ts";

/** Columns added to bookkeeping tables since their first version, with their definition. */
const ADDED_COLUMNS: [table: string, column: string, definition: string][] = [
  ["ingests", "values_set_aside", "BIGINT DEFAULT 0"],
  ["ingest_files", "values_set_aside", "BIGINT DEFAULT 0"],
  ["quarantine", "scope", "VARCHAR DEFAULT 'row'"]
];

/**
 * Brings a warehouse written by an earlier version to the current schema (the DDL's CREATE … IF NOT EXISTS
 * leaves existing tables as they are): adds the bookkeeping and core columns it lacks (a core column added to the
 * schema is missing in the rows loaded before, as it would be in an export without it), and drops NOT NULL from the
 * columns that are no longer keys — their rows now load with the value missing. Only what is out of date is
 * altered, so an up-to-date warehouse is not written to.
 */
export async function migrateWarehouse(connection: DuckDBConnection): Promise<void> {
  const reader = await connection.runAndReadAll(
    `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'main'`
  );
  const columns = new Map(reader.getRowsJS().map(([table, column, nullable]) => [`${table}.${column}`, nullable]));
  const statements: string[] = [];
  for (const [table, column, definition] of ADDED_COLUMNS) {
    if (!columns.has(`${table}.${column}`)) statements.push(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
  // amounts in the reporting currency, beside the original: written by convertAmounts, not read from exports
  // (the removed opportunities too, moved back and forth by name)
  const converted = [...CONVERTED_AMOUNTS, {table: REMOVED_OPPORTUNITIES, converted: "amount_reporting"}];
  for (const {table, converted: column} of converted)
    if (!columns.has(`${table}.${column}`)) statements.push(`ALTER TABLE ${table} ADD COLUMN ${column} DECIMAL(18,2)`);
  const tables = ENTITY_NAMES.map((name) => [name, ENTITIES[name]] as const);
  for (const [table, entity] of [...tables, [REMOVED_OPPORTUNITIES, ENTITIES.opportunities] as const]) {
    for (const column of entity.columns)
      if (!columns.has(`${table}.${column.name}`))
        statements.push(`ALTER TABLE ${table} ADD COLUMN ${column.name} ${sqlType(column.type)}`);
  }
  const nullable = [
    ...ENTITY_NAMES.flatMap((name) =>
      ENTITIES[name].columns.filter((c) => !isKeyColumn(ENTITIES[name], c.name)).map((c) => `${name}.${c.name}`)
    ),
    "opportunity_snapshots.stage"
  ];
  for (const column of nullable) {
    if (columns.get(column) === "NO") {
      const [table, name] = column.split(".");
      statements.push(`ALTER TABLE ${table} ALTER COLUMN ${name} DROP NOT NULL`);
    }
  }
  for (const statement of statements) await connection.run(statement);
}
