import {mkdirSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {DuckDBConnection, DuckDBInstance} from "@duckdb/node-api";
import {CliError} from "../config/cli-error.ts";
import {warehouseDdl} from "./ddl.ts";
import {acquireFileLock} from "./file-lock.ts";
import {migrateWarehouse} from "./migrate-warehouse.ts";

export const DEFAULT_WAREHOUSE = "data/warehouse.duckdb";
/** DuckDB's memory limit unless SHANGJI_MEMORY_LIMIT sets one. */
export const DEFAULT_MEMORY_LIMIT = "3GB";

/** The warehouse path: --warehouse, then SHANGJI_WAREHOUSE, then data/warehouse.duckdb. */
export function warehousePath(option?: string): string {
  return resolve(option ?? process.env.SHANGJI_WAREHOUSE ?? DEFAULT_WAREHOUSE);
}

export interface Warehouse {
  path: string;
  connection: DuckDBConnection;
  /** another connection to the same database (for queries in parallel), closed with the warehouse */
  connect(): Promise<DuckDBConnection>;
  close(): void;
}

/** The lock file that serialises writers of a warehouse and site builds reading it. */
export function warehouseLockPath(path: string): string {
  return `${resolve(path)}.lock`;
}

/**
 * What a read-only open allows besides reading the warehouse: nothing. SQL that a user (`shangji query`) or a
 * page author (a data loader) wrote runs there, so it must not read or write files (COPY, EXPORT DATABASE,
 * read_csv, glob, ATTACH), reach the network or load extensions; once opened the configuration is locked, so
 * the SQL cannot turn any of this back on. DuckDB still spills to its own temporary folder.
 */
const SANDBOX = {
  enable_external_access: "false",
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false",
  allow_community_extensions: "false",
  allow_unsigned_extensions: "false"
};

/**
 * Opens the warehouse file. Read-write opens create the schema and hold the warehouse's lock file until
 * closed: a second writer, or a site build, waits for it (SHANGJI_LOCK_TIMEOUT seconds, then exit 4)
 * instead of failing at once. Read-only opens never write, let several readers (site loaders,
 * `shangji query`) share the file, and are sandboxed (SANDBOX). `threads` and `memoryLimit` bound one of several
 * processes reading at once (DuckDB's defaults: every core; SHANGJI_MEMORY_LIMIT or DEFAULT_MEMORY_LIMIT).
 */
export async function openWarehouse(
  path: string,
  {readOnly = false, threads, memoryLimit}: {readOnly?: boolean; threads?: number; memoryLimit?: string} = {}
): Promise<Warehouse> {
  if (!readOnly) mkdirSync(dirname(path), {recursive: true});
  const release = readOnly ? () => {} : await acquireFileLock(warehouseLockPath(path), {what: `warehouse ${path}`});
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, {
      ...(readOnly ? {access_mode: "READ_ONLY", ...SANDBOX} : {}),
      // DuckDB would take 80% of the machine's memory; beyond this it spills to <warehouse>.tmp/. 3 GB keeps
      // the whole process, Node.js and DuckDB's own overhead included, within 4 GiB on a million opportunities
      memory_limit: memoryLimit ?? process.env.SHANGJI_MEMORY_LIMIT ?? DEFAULT_MEMORY_LIMIT,
      ...(threads ? {threads: String(threads)} : {})
    });
  } catch (error) {
    release();
    throw warehouseOpenError(path, error);
  }
  const connection = await instance.connect();
  try {
    // global, so that the connections opened later have it too, and set before the configuration is locked
    await connection.run("SET GLOBAL TimeZone = 'UTC'");
    if (readOnly) await connection.run("SET lock_configuration = true");
    else {
      await connection.run(warehouseDdl());
      await migrateWarehouse(connection);
    }
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    release();
    throw error;
  }
  const others: DuckDBConnection[] = [];
  return {
    path,
    connection,
    async connect() {
      const other = await instance.connect();
      others.push(other);
      return other;
    },
    close() {
      for (const other of others) other.closeSync();
      connection.closeSync();
      instance.closeSync();
      release();
    }
  };
}

function warehouseOpenError(path: string, error: unknown): CliError {
  const message = error instanceof Error ? error.message : String(error);
  if (/lock/i.test(message)) {
    return new CliError(`warehouse ${path} is in use by another shangji process; try again when it has finished`, {
      exitCode: 4,
      cause: error
    });
  }
  if (/No such file|does not exist|Cannot open/i.test(message)) {
    return new CliError(`no warehouse at ${path}; run \`shangji ingest <exports>\` first`, {exitCode: 3, cause: error});
  }
  return new CliError(`cannot open warehouse ${path}: ${message}`, {exitCode: 3, cause: error});
}
