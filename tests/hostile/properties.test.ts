import {writeFileSync} from "node:fs";
import {join} from "node:path";
import fc from "fast-check";
import {afterEach, describe, expect, it, vi} from "vitest";
import {ingest, type IngestResult} from "../../loaders/ingest/ingest.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {tempDir} from "../ingest/temp-warehouse.ts";
import {silentLosses} from "./accounting.ts";
import type {Query} from "./hostile-case.ts";
import {ENTITIES, exportSpec, renderExport, type ExportSpec, type RenderedExport} from "./random-export.ts";

interface Outcome {
  status: string;
  message?: string;
  rowsRead: number;
  loadedLines: number[];
  problems: string[];
}

/** What must become of a record: loaded, rejected for its key, or either where the mutation damaged it. */
type Fate = "loaded" | "missing_required" | "duplicate_key" | "either";

/** Rules that reject a row whatever its column; any other rejects it only in the key column. */
const ROW_RULES = ["ragged_row", "invalid_encoding", "duplicate_key"];
/** How the reason of a value set aside or flagged ends. */
const LOADED_ANYWAY = /; (the row is loaded without it|loaded as exported|the outcome is taken from the stage)$/;

/**
 * Only a key decides whether a row loads: a record without one is rejected, as is one repeating the key of a
 * record before it; every other record loads, whatever its other values. A damaged record may go either way,
 * and so may a later one with its key, which it may or may not have claimed first.
 */
function fates(exported: RenderedExport): Fate[] {
  const claimed = new Set<string>();
  const maybe = new Set<string>();
  return exported.keys.map((cell, i) => {
    const key = cell.trim();
    if (i === exported.damaged) {
      maybe.add(key);
      return "either";
    }
    if (key === "") return "missing_required";
    if (claimed.has(key)) return "duplicate_key";
    if (maybe.has(key)) return "either";
    claimed.add(key);
    return "loaded";
  });
}

/** Ingests the file into a new warehouse, by DuckDB's reader or record by record, and checks the invariants. */
async function ingestChecked(path: string, exported: RenderedExport, recordByRecord: boolean): Promise<Outcome> {
  vi.stubEnv("SHANGJI_NO_FAST_PATH", recordByRecord ? "1" : "");
  const warehouse = join(tempDir(), "warehouse.duckdb");
  const result: IngestResult = await ingest({paths: [path], warehouse, exportedAt: "2024-04-01"});
  const opened = await openWarehouse(warehouse, {readOnly: true});
  try {
    return await check(path, exported, result, async (sql) =>
      (await opened.connection.runAndReadAll(sql)).getRowObjectsJson()
    );
  } finally {
    opened.close();
  }
}

async function check(path: string, exported: RenderedExport, result: IngestResult, query: Query): Promise<Outcome> {
  expect(await silentLosses(result, query)).toEqual([]);
  const [file] = result.files;
  expect(result.files).toHaveLength(1);
  if (file.status !== "loaded") {
    expect(file.message).toMatch(/\w/);
    return {status: file.status, message: file.message, rowsRead: 0, loadedLines: [], problems: []};
  }
  const key = ENTITIES[file.entity as keyof typeof ENTITIES].required[0];
  const quarantine = await query(
    `SELECT file, line, "column", reason, rule, coalesce(scope, 'row') AS scope FROM quarantine ORDER BY line, rule, "column"`
  );
  for (const row of quarantine) {
    expect(row.file).toBe(path);
    expect(row.line).toBeGreaterThan(0);
    expect(row.reason).toMatch(/\w/);
    expect(row.rule).toMatch(/^[a-z_]+$/);
    // a ragged row has no one column to blame; every other problem names its column
    if (row.rule !== "ragged_row") expect(row.column).toEqual(expect.any(String));
    // a problem rejects its row where it has no place in the warehouse; any other sets a value of a loaded row aside
    const rejects = ROW_RULES.includes(String(row.rule)) || row.column === key;
    expect(row.scope, `scope of ${row.rule} in ${row.column} on line ${row.line}`).toBe(rejects ? "row" : "value");
    if (!rejects) expect(row.reason).toMatch(LOADED_ANYWAY);
  }
  const loadedLines = (await query(`SELECT _line FROM ${file.entity} ORDER BY _line`)).map((r) => Number(r._line));
  const rejectedLines = [...new Set(quarantine.filter((r) => r.scope === "row").map((r) => Number(r.line)))];
  expect([...loadedLines, ...rejectedLines].sort((a, b) => a - b)).toEqual(exported.recordLines);
  const fateOf = fates(exported);
  exported.recordLines.forEach((line, i) => {
    const fate = fateOf[i];
    const rules = quarantine.filter((r) => r.line === line && r.scope === "row").map((r) => `${r.rule} ${r.column}`);
    if (fate === "loaded") expect(rules, `line ${line}, whose key is "${exported.keys[i]}"`).toEqual([]);
    else if (fate !== "either")
      expect(rules, `line ${line}, whose key is "${exported.keys[i]}"`).toEqual([`${fate} ${key}`]);
  });
  return {
    status: file.status,
    message: file.message,
    rowsRead: file.rowsRead,
    loadedLines,
    problems: quarantine.map((r) => `${r.line} ${r.rule} ${r.column} ${r.scope}`)
  };
}

/** Which outcomes a sales-ops user can accept for the file: a mutated file may be refused, with the reason. */
function expectAcceptable(spec: ExportSpec, exported: RenderedExport, outcome: Outcome) {
  const {mutation} = spec;
  if (outcome.status === "loaded") {
    // a file without its key column places no row; one without another required column loads without it
    expect(exported.keyed).toBe(true);
    expect(outcome.message).toBe(
      exported.lacking.length ? `no column holds ${exported.lacking.join(", ")}: loaded without it` : undefined
    );
    return;
  }
  if (mutation.kind === "drop column" && !exported.keyed)
    expect(outcome.message).toMatch(/has no column for|cannot tell which table this file holds/);
  else if (mutation.kind === "truncate") expect(outcome.message).toMatch(/a quote opened in this row is never closed/);
  else if (mutation.kind === "garbage" && mutation.bytes.includes(0) && !spec.encoding.startsWith("utf-16"))
    expect(outcome.message).toBe("not a text export: the file holds binary data");
  else expect.fail(`a ${mutation.kind} export was rejected: ${outcome.message}`);
}

describe("ingest of random exports with random damage", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("never crashes, and accounts for every record exactly once, by either reader", async () => {
    const tried = {runs: 0, loaded: 0, rejected: 0, rowsRejected: 0, valuesSetAside: 0};
    await fc.assert(
      fc.asyncProperty(exportSpec, async (spec) => {
        const exported = renderExport(spec);
        const path = join(tempDir(), `${spec.entity}.csv`);
        writeFileSync(path, exported.bytes);
        const fast = await ingestChecked(path, exported, false);
        const slow = await ingestChecked(path, exported, true);
        // the reader is an implementation detail: both read the same rows the same way
        expect(slow).toEqual(fast);
        expectAcceptable(spec, exported, fast);
        tried.runs++;
        if (fast.status === "loaded") tried.loaded++;
        else tried.rejected++;
        tried.rowsRejected += fast.rowsRead - fast.loadedLines.length;
        tried.valuesSetAside += fast.problems.filter((p) => p.endsWith(" value")).length;
      }),
      {numRuns: 40, seed: 20_241_127, endOnFailure: true}
    );
    console.log(
      `random exports: ${tried.runs} tried (${tried.loaded} loaded, ${tried.rejected} rejected), ` +
        `${tried.rowsRejected} rows rejected, ${tried.valuesSetAside} values set aside`
    );
  }, 120_000);
});
