import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync} from "node:fs";
import {dirname, join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {CliError, EXIT} from "../config/cli-error.ts";
import {
  ARCHIVE_FORMAT,
  MANIFEST_FILE,
  archiveFolder,
  syncFile,
  writeArchiveManifest,
  type ArchiveManifest,
  type ArchivedTable
} from "./archive-manifest.ts";
import {openWarehouse} from "./open-warehouse.ts";
import {qualifiedName, readCatalog, type CatalogTable} from "./read-catalog.ts";

/**
 * Tables that grow by one slice per ingest: archived one file per ingest, so an ingest writes its own slice
 * and leaves the files of earlier ones as they are. Every other table is archived as one file.
 */
const PER_INGEST_TABLES = new Set(["opportunity_snapshots", "quarantine", "ingest_files"]);
const INTEGER_TYPES = new Set(["TINYINT", "SMALLINT", "INTEGER", "BIGINT"]);

interface Slice {
  /** "all", or "ingest-<id>" */
  key: string;
  /** the WHERE clause that selects it, or "" */
  where: string;
  rows: number;
  fingerprint: string;
}

/**
 * Writes every table of the warehouse, with its sequences, indexes and views, to an archive folder as
 * zstd-compressed Parquet that `shangji restore` turns back into the same warehouse. Files are named by a
 * fingerprint of their rows (count and sum of row hashes), so a slice that has not changed is not written
 * again; new files are written under temporary names and flushed, then the manifest is renamed over the
 * old one, and only then are the files it no longer lists removed: an interrupted archive leaves the
 * previous one whole.
 */
export async function writeArchive(connection: DuckDBConnection, folder: string): Promise<ArchiveManifest> {
  const catalog = await readCatalog(connection);
  const [[duckdb]] = (await connection.runAndReadAll("SELECT version()")).getRowsJS() as [[string]];
  mkdirSync(folder, {recursive: true});
  const tables: ArchivedTable[] = [];
  for (const table of catalog.tables) {
    const folderName = tableFolder(table);
    const files: ArchivedTable["files"] = [];
    for (const slice of await readSlices(connection, table)) {
      const path = `${folderName}/${slice.key}-${slice.fingerprint}.parquet`;
      if (!existsSync(join(folder, path))) await copySlice(connection, table, slice, join(folder, path));
      files.push({path, rows: slice.rows});
    }
    if (files.length) syncFile(join(folder, folderName));
    const rows = files.reduce((sum, file) => sum + file.rows, 0);
    tables.push({schema: table.schema, name: table.name, sql: table.sql, rows, files});
  }
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    duckdb,
    schemas: catalog.schemas,
    sequences: catalog.sequences,
    tables,
    indexes: catalog.indexes,
    views: catalog.views
  };
  writeArchiveManifest(folder, manifest);
  removeUnlisted(folder, manifest);
  return manifest;
}

/** Opens the warehouse (waiting for its lock) and writes its archive, by default next to it. */
export async function archiveWarehouse(path: string, folder = archiveFolder(path)): Promise<ArchiveManifest> {
  if (!existsSync(path)) throw new CliError(`no warehouse at ${path}`, {exitCode: EXIT.missing});
  const warehouse = await openWarehouse(path);
  try {
    return await writeArchive(warehouse.connection, folder);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot write the archive ${folder} of warehouse ${path}: ${message}`, {cause: error});
  } finally {
    warehouse.close();
  }
}

/** Brings the warehouse's archive up to date after a change, or writes it when there is none yet. */
export async function updateArchive(path: string, {changed}: {changed: boolean}): Promise<void> {
  if (changed || !existsSync(join(archiveFolder(path), MANIFEST_FILE))) await archiveWarehouse(path);
}

function tableFolder(table: CatalogTable): string {
  return encodeURIComponent(table.schema === "main" ? table.name : `${table.schema}.${table.name}`);
}

async function readSlices(connection: DuckDBConnection, table: CatalogTable): Promise<Slice[]> {
  const perIngest =
    table.schema === "main" && PER_INGEST_TABLES.has(table.name) && INTEGER_TYPES.has(table.ingestIdType ?? "");
  // a table column named like the alias would shadow the row; this name is not one of ours
  const sql = `SELECT ${perIngest ? "ingest_id::VARCHAR" : "NULL"} AS part, count(*)::VARCHAR AS n,
      coalesce(sum(hash(archived_row)), 0)::VARCHAR AS h
    FROM ${qualifiedName(table)} AS archived_row ${perIngest ? "GROUP BY ingest_id ORDER BY ingest_id" : ""}`;
  const rows = (await connection.runAndReadAll(sql)).getRowsJS() as [string | null, string, string][];
  return rows
    .filter(([, n]) => n !== "0")
    .map(([part, n, h]) => {
      const key = perIngest ? `ingest-${part ?? "null"}` : "all";
      const where = !perIngest ? "" : part === null ? "WHERE ingest_id IS NULL" : `WHERE ingest_id = ${BigInt(part)}`;
      const fingerprint = createHash("sha256")
        .update(JSON.stringify([table.sql, key, n, h]))
        .digest("hex")
        .slice(0, 16);
      return {key, where, rows: Number(n), fingerprint};
    });
}

async function copySlice(connection: DuckDBConnection, table: CatalogTable, slice: Slice, target: string) {
  mkdirSync(dirname(target), {recursive: true});
  const temporary = `${target}.tmp-${process.pid}`;
  await connection.run(
    `COPY (SELECT * FROM ${qualifiedName(table)} ${slice.where}) TO '${temporary.replaceAll("'", "''")}'
      (FORMAT parquet, COMPRESSION zstd)`
  );
  syncFile(temporary);
  renameSync(temporary, target);
}

/** Removes the Parquet files (and leftovers of interrupted writes) that the manifest does not list. */
function removeUnlisted(folder: string, manifest: ArchiveManifest): void {
  const listed = new Set(manifest.tables.flatMap((t) => t.files.map((f) => f.path)));
  for (const entry of readdirSync(folder, {withFileTypes: true})) {
    if (entry.isFile() && entry.name.startsWith(`${MANIFEST_FILE}.tmp-`)) rmSync(join(folder, entry.name));
    if (!entry.isDirectory()) continue;
    const files = readdirSync(join(folder, entry.name));
    for (const file of files) {
      const archived = file.endsWith(".parquet") || /\.parquet\.tmp-\d+$/.test(file);
      if (archived && !listed.has(`${entry.name}/${file}`)) rmSync(join(folder, entry.name, file));
    }
    if (readdirSync(join(folder, entry.name)).length === 0) rmdirSync(join(folder, entry.name));
  }
}
