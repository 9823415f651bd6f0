import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Json} from "@duckdb/node-api";
import {onTestFinished} from "vitest";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";

/** tests/fixtures, as ingest reports it: relative to the repository root, where vitest runs */
export const FIXTURES = "tests/fixtures";
export const REPOSITORY = fileURLToPath(new URL("../../", import.meta.url));

/** A new temp folder, removed when the current test finishes. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "shangji-test-"));
  onTestFinished(() => rmSync(dir, {recursive: true, force: true}));
  return dir;
}

/** A warehouse path in a new temp folder (the file does not exist yet). */
export function tempWarehouse(): string {
  return join(tempDir(), "warehouse.duckdb");
}

/** Writes a file into a folder and returns its path. */
export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Runs SQL against a warehouse opened read-only; rows as JSON (BIGINT and DECIMAL as strings). */
export async function queryWarehouse(path: string, sql: string): Promise<Record<string, Json>[]> {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    return (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    warehouse.close();
  }
}

/** Row counts of the given tables, as numbers. */
export async function countRows(path: string, tables: string[]): Promise<Record<string, number>> {
  const sql = `SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})::INTEGER AS ${t}`).join(", ")}`;
  return (await queryWarehouse(path, sql))[0] as Record<string, number>;
}
