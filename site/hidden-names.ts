import type {DuckDBConnection} from "@duckdb/node-api";
import {readdirSync, readFileSync} from "node:fs";
import {extname, join, relative} from "node:path";
import {CliError} from "../config/cli-error.ts";
import {readRows} from "../warehouse/read-rows.ts";

import {HIDDEN_DIMENSIONS, type HiddenDimension} from "../config/project-config.ts";

export type {HiddenDimension};

/** The fields of page data that carry each dimension's names; loaders drop them when it is hidden. */
const NAME_FIELDS: Record<HiddenDimension, string[]> = {
  accounts: ["account_name", "account_names"],
  reps: ["rep_name", "owner_name", "rep_names", "from_rep_name", "to_rep_name"]
};

/** The hidden dimensions for this build: SHANGJI_HIDE ("accounts,reps"), set by the site build from the config. */
export function hiddenDimensions(value = process.env.SHANGJI_HIDE ?? ""): HiddenDimension[] {
  return value
    .split(",")
    .map((d) => d.trim())
    .filter((d): d is HiddenDimension => (HIDDEN_DIMENSIONS as readonly string[]).includes(d));
}

/**
 * Page data without the name fields of the hidden dimensions, at any depth — in objects, and in compact
 * tables written as {columns: [names], rows: [[values]]}.
 */
export function withoutHiddenNames(data: unknown, hidden: HiddenDimension[]): unknown {
  if (hidden.length === 0) return data;
  const fields = new Set(hidden.flatMap((d) => NAME_FIELDS[d]));
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== "object") return value;
    if (isCompactTable(value)) {
      const kept = value.columns.map((c, i) => [c, i] as const).filter(([c]) => !fields.has(c));
      return {
        ...(strip(
          Object.fromEntries(Object.entries(value).filter(([k]) => k !== "columns" && k !== "rows"))
        ) as object),
        columns: kept.map(([c]) => c),
        rows: value.rows.map((row) => kept.map(([, i]) => strip(row[i])))
      };
    }
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !fields.has(key))
        .map(([key, inner]) => [key, strip(inner)])
    );
  };
  return strip(data);
}

function isCompactTable(value: object): value is {columns: string[]; rows: unknown[][]} {
  const {columns, rows} = value as {columns?: unknown; rows?: unknown};
  return (
    Array.isArray(columns) &&
    columns.every((c) => typeof c === "string") &&
    Array.isArray(rows) &&
    rows.every((r) => Array.isArray(r))
  );
}

const NAMES_SQL: Record<HiddenDimension, string> = {
  accounts: `SELECT DISTINCT name FROM accounts WHERE length(name) >= 2`,
  reps: `SELECT DISTINCT name FROM reps WHERE length(name) >= 2`
};

/** Every name of the hidden dimensions in the warehouse. */
export async function readHiddenNames(connection: DuckDBConnection, hidden: HiddenDimension[]): Promise<string[]> {
  const names: string[] = [];
  for (const dimension of hidden) {
    const rows = await readRows<{name: string}>(connection, NAMES_SQL[dimension]);
    names.push(...rows.map((r) => r.name));
  }
  return names;
}

const TEXT_FILES = new Set([".html", ".js", ".json", ".css", ".csv", ".txt", ".md"]);

/**
 * Fails the build when a built file holds a name the publishing configuration hides — the last line of
 * defence behind the loaders' field filter: a name in any other field, text or chart is caught here.
 * Names are searched as written and as JSON escapes them.
 */
export function checkHiddenNames(folder: string, names: string[]): void {
  if (names.length === 0) return;
  const needles = names.flatMap((name) => [name, JSON.stringify(name).slice(1, -1)]);
  for (const entry of readdirSync(folder, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile() || !TEXT_FILES.has(extname(entry.name))) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, "utf8");
    const found = needles.find((needle) => text.includes(needle));
    if (found) {
      throw new CliError(
        `the publishing configuration hides this name, but ${relative(folder, file)} holds "${found}"; nothing was published`
      );
    }
  }
}
