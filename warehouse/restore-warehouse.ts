import {existsSync, mkdirSync, renameSync, rmSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {CliError, EXIT} from "../config/cli-error.ts";
import {readArchiveManifest, type ArchiveManifest} from "./archive-manifest.ts";
import {withFileLock} from "./file-lock.ts";
import {DEFAULT_MEMORY_LIMIT, warehouseLockPath} from "./open-warehouse.ts";
import {qualifiedName, quoteIdentifier} from "./read-catalog.ts";

export interface Restored {
  warehouse: string;
  tables: number;
  rows: number;
  /** the id the next ingest takes, when the warehouse numbers its ingests */
  nextIngestId: number | null;
}

/**
 * Builds a warehouse from an archive written by writeArchive: the same schemas, tables (row for row),
 * sequences (at the value they had reached), indexes and views. The warehouse is built under a temporary
 * name and renamed into place once complete and checked against the manifest's row counts; an existing
 * warehouse is only replaced with `force`.
 */
export async function restoreWarehouse(archive: string, warehouse: string, {force = false} = {}): Promise<Restored> {
  const folder = resolve(archive);
  const target = resolve(warehouse);
  const manifest = readArchiveManifest(folder);
  for (const file of manifest.tables.flatMap((t) => t.files))
    if (!existsSync(join(folder, file.path)))
      throw new CliError(`archive ${folder} is incomplete: ${file.path} is missing`, {exitCode: EXIT.missing});
  mkdirSync(dirname(target), {recursive: true});
  return withFileLock(warehouseLockPath(target), {what: `warehouse ${target}`}, async () => {
    if (existsSync(target) && !force)
      throw new CliError(`warehouse ${target} already exists; pass --force to replace it with the archive`);
    const building = `${target}.restoring`;
    removeDatabase(building);
    try {
      await build(folder, manifest, building);
    } catch (error) {
      removeDatabase(building);
      if (error instanceof CliError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new CliError(`cannot restore ${folder}: ${message}`, {cause: error});
    }
    // a write-ahead log left beside the old warehouse would be replayed into the restored one
    rmSync(`${target}.wal`, {force: true});
    renameSync(building, target);
    const ingests = manifest.sequences.find((s) => s.schema === "main" && s.name === "ingest_id_seq");
    const next = ingests?.sql.match(/ START (\d+)\b/);
    return {
      warehouse: target,
      tables: manifest.tables.length,
      rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0),
      nextIngestId: next ? Number(next[1]) : null
    };
  });
}

function removeDatabase(path: string): void {
  for (const file of [path, `${path}.wal`]) rmSync(file, {force: true});
}

async function build(folder: string, manifest: ArchiveManifest, path: string): Promise<void> {
  const instance = await DuckDBInstance.create(path, {
    memory_limit: process.env.SHANGJI_MEMORY_LIMIT ?? DEFAULT_MEMORY_LIMIT
  });
  const connection = await instance.connect();
  try {
    await connection.run("BEGIN TRANSACTION");
    for (const schema of manifest.schemas) await connection.run(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
    for (const sequence of manifest.sequences) await connection.run(sequence.sql);
    for (const table of manifest.tables) {
      await connection.run(table.sql);
      if (table.files.length === 0) continue;
      const files = table.files.map((f) => `'${join(folder, f.path).replaceAll("'", "''")}'`);
      await connection.run(
        `INSERT INTO ${qualifiedName(table)} BY NAME SELECT * FROM read_parquet([${files.join(", ")}])`
      );
    }
    for (const sql of [...manifest.indexes, ...manifest.views]) await connection.run(sql);
    await checkRestored(connection, manifest);
    await connection.run("COMMIT");
    await connection.run("CHECKPOINT");
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function checkRestored(connection: DuckDBConnection, manifest: ArchiveManifest): Promise<void> {
  for (const table of manifest.tables) {
    const [[rows]] = (
      await connection.runAndReadAll(`SELECT count(*)::VARCHAR FROM ${qualifiedName(table)}`)
    ).getRowsJS() as [[string]];
    if (Number(rows) !== table.rows)
      throw new CliError(
        `archive is damaged: table ${table.name} restored ${rows} rows, the manifest lists ${table.rows}`
      );
  }
  const reader = await connection.runAndReadAll(
    "SELECT schema_name, sequence_name, sql FROM duckdb_sequences() WHERE database_name = current_database()"
  );
  const restored = new Map(
    (reader.getRowsJS() as [string, string, string][]).map(([schema, name, sql]) => [`${schema}.${name}`, sql])
  );
  for (const sequence of manifest.sequences)
    if (restored.get(`${sequence.schema}.${sequence.name}`) !== sequence.sql)
      throw new CliError(`archive is damaged: sequence ${sequence.name} could not be restored as ${sequence.sql}`);
}
