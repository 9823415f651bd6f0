import {closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync} from "node:fs";
import {basename, dirname, extname, join} from "node:path";
import {z} from "zod";
import {CliError, EXIT} from "../config/cli-error.ts";

/** The file that lists an archive's contents; an archive is complete once it is written. */
export const MANIFEST_FILE = "manifest.json";
export const ARCHIVE_FORMAT = 1;

const archivedFile = z.object({
  /** relative to the archive folder */
  path: z.string().min(1),
  rows: z.number().int().min(0)
});

const archiveManifestSchema = z.object({
  format: z.number().int(),
  /** the DuckDB version that wrote the files */
  duckdb: z.string(),
  schemas: z.array(z.string()),
  sequences: z.array(z.object({schema: z.string(), name: z.string(), sql: z.string()})),
  tables: z.array(
    z.object({
      schema: z.string(),
      name: z.string(),
      sql: z.string(),
      rows: z.number().int().min(0),
      files: z.array(archivedFile)
    })
  ),
  indexes: z.array(z.string()),
  views: z.array(z.string())
});

export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;
export type ArchivedTable = ArchiveManifest["tables"][number];

/** Where a warehouse's archive lives: data/warehouse.duckdb → data/warehouse.archive/. */
export function archiveFolder(warehouse: string): string {
  return besideWarehouse(warehouse, "archive");
}

/** A folder kept beside a warehouse and named after it: data/warehouse.duckdb → data/warehouse.<suffix>/. */
export function besideWarehouse(warehouse: string, suffix: string): string {
  const name = basename(warehouse, extname(warehouse)) || basename(warehouse);
  return join(dirname(warehouse), `${name}.${suffix}`);
}

export function readArchiveManifest(folder: string): ArchiveManifest {
  const file = join(folder, MANIFEST_FILE);
  if (!existsSync(file)) {
    const what = existsSync(folder) ? `${folder} is not an archive (no ${MANIFEST_FILE})` : `no archive at ${folder}`;
    throw new CliError(what, {exitCode: EXIT.missing});
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, {cause: error});
  }
  const format = (raw as {format?: unknown})?.format;
  if (typeof format === "number" && format > ARCHIVE_FORMAT)
    throw new CliError(
      `${folder} was written in archive format ${format}; this version of shangji reads format ${ARCHIVE_FORMAT}`
    );
  const parsed = archiveManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new CliError(
      `${file} is not an archive manifest: ${issue.path.join(".") || "(top level)"}: ${issue.message}`
    );
  }
  return parsed.data;
}

/** Writes the manifest beside a temporary name, flushed to disk, then renames it over the old one. */
export function writeArchiveManifest(folder: string, manifest: ArchiveManifest): void {
  const file = join(folder, MANIFEST_FILE);
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  syncFile(temporary);
  renameSync(temporary, file);
  syncFile(folder);
}

/** Flushes a file (or a folder's entries) to disk: a rename is only as durable as what it points at. */
export function syncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
