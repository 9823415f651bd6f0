import {writeFileSync} from "node:fs";
import {join} from "node:path";
import fc from "fast-check";
import {afterEach, describe, expect, it, vi} from "vitest";
import {ingest, type IngestResult} from "../../loaders/ingest/ingest.ts";
import {openWarehouse} from "../../loaders/warehouse/open-warehouse.ts";
import {tempDir} from "../ingest/temp-warehouse.ts";
import {silentLosses} from "./accounting.ts";
import type {Query} from "./hostile-case.ts";
import {exportSpec, renderExport, type ExportSpec, type RenderedExport} from "./random-export.ts";

interface Outcome {
  status: string;
  message?: string;
  rowsRead: number;
  loadedLines: number[];
  problems: string[];
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
  const quarantine = await query(
    `SELECT file, line, "column", reason, rule FROM quarantine ORDER BY line, rule, "column"`
  );
  for (const row of quarantine) {
    expect(row.file).toBe(path);
    expect(row.line).toBeGreaterThan(0);
    expect(row.reason).toMatch(/\w/);
    expect(row.rule).toMatch(/^[a-z_]+$/);
    // a ragged row has no one column to blame; every other problem names its column
    if (row.rule !== "ragged_row") expect(row.column).toEqual(expect.any(String));
  }
  const loadedLines = (await query(`SELECT _line FROM ${file.entity} ORDER BY _line`)).map((r) => Number(r._line));
  const quarantinedLines = [...new Set(quarantine.map((r) => Number(r.line)))];
  expect([...loadedLines, ...quarantinedLines].sort((a, b) => a - b)).toEqual(exported.recordLines);
  return {
    status: file.status,
    rowsRead: file.rowsRead,
    loadedLines,
    problems: quarantine.map((r) => `${r.line} ${r.rule} ${r.column}`)
  };
}

/** Which outcomes a sales-ops user can accept for the file: a mutated file may be refused, with the reason. */
function expectAcceptable(spec: ExportSpec, exported: RenderedExport, outcome: Outcome) {
  const {mutation} = spec;
  if (outcome.status === "loaded") {
    expect(exported.complete).toBe(true);
    return;
  }
  if (mutation.kind === "drop column" && !exported.complete)
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
    const tried = {runs: 0, loaded: 0, rejected: 0, quarantined: 0};
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
        tried.quarantined += fast.problems.length;
      }),
      {numRuns: 40, seed: 20_241_127, endOnFailure: true}
    );
    console.log(
      `random exports: ${tried.runs} tried (${tried.loaded} loaded, ${tried.rejected} rejected), ${tried.quarantined} problems quarantined`
    );
  }, 120_000);
});
