import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {CliError} from "../../config/cli-error.ts";
import {ingest, type FileReport, type IngestResult} from "../../loaders/ingest/ingest.ts";
import {queryWarehouse, tempDir} from "../ingest/temp-warehouse.ts";
import {silentLosses} from "./accounting.ts";
import {ENCODING_CASES} from "./cases/encodings.ts";
import {FILE_CASES} from "./cases/files.ts";
import {FOLDER_CASES} from "./cases/folders.ts";
import {GUESS_CASES} from "./cases/guesses.ts";
import {LIMIT_CASES} from "./cases/limits.ts";
import {MODEL_CASES} from "./cases/model.ts";
import {NUL_BYTE_CASES} from "./cases/nul-bytes.ts";
import {STRUCTURE_CASES} from "./cases/structure.ts";
import {VALUE_CASES} from "./cases/values.ts";
import {WORKBOOK_CASES} from "./cases/workbooks.ts";
import type {HostileCase, Outcome, Problem, Query} from "./hostile-case.ts";

const CASES = [
  ...FILE_CASES,
  ...ENCODING_CASES,
  ...NUL_BYTE_CASES,
  ...STRUCTURE_CASES,
  ...VALUE_CASES,
  ...GUESS_CASES,
  ...MODEL_CASES,
  ...WORKBOOK_CASES,
  ...LIMIT_CASES,
  ...FOLDER_CASES
];
const tally = {files: 0, crashes: 0, silentLosses: 0};

afterAll(() => {
  console.log(
    `hostile corpus: ${tally.files} files tried, ${tally.crashes} crashes, ${tally.silentLosses} silent losses`
  );
});

async function writeFiles(dir: string, files: HostileCase["files"]): Promise<string[]> {
  const paths: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    if (typeof content === "function") await content(path);
    else writeFileSync(path, content);
    paths.push(path);
  }
  return paths;
}

/** Runs the ingest; any exception other than the case's expected CliError is a crash. */
async function run(c: HostileCase, paths: string[], warehouse: string): Promise<IngestResult | undefined> {
  try {
    const result = await ingest({paths, warehouse, mapping: c.mapping, exportedAt: "2024-04-01"});
    if (c.error) throw new Error(`expected the ingest to fail with ${c.error}`);
    return result;
  } catch (error) {
    if (c.error && error instanceof CliError) {
      expect(error.message).toMatch(c.error);
      return undefined;
    }
    tally.crashes++;
    throw error;
  }
}

type Scope = "row" | "value";

async function expectOutcome(report: FileReport, outcome: Outcome, query: Query) {
  if ("rejected" in outcome) {
    expect([report.status, report.rowsRead]).toEqual(["rejected", 0]);
    if (typeof outcome.rejected === "string") expect(report.message).toBe(outcome.rejected);
    else expect(report.message).toMatch(outcome.rejected);
    return;
  }
  const rows = (
    await query(
      `SELECT line, "column", reason, rule, coalesce(scope, 'row') AS scope FROM quarantine
       WHERE file = '${report.file.replace(/'/g, "''")}'`
    )
  ).sort((a, b) =>
    byLineAndRule(
      [Number(a.line), String(a.rule), a.column as string | null],
      [Number(b.line), String(b.rule), b.column as string | null]
    )
  );
  const expected = [
    ...(outcome.rejectedRows ?? []).map((problem) => ({scope: "row" as Scope, problem})),
    ...(outcome.setAside ?? []).map((problem) => ({scope: "value" as Scope, problem}))
  ].sort((a, b) => byLineAndRule(a.problem, b.problem));
  expect(rows.map((r) => [r.line, r.rule, r.scope])).toEqual(
    expected.map(({scope, problem: [line, rule]}) => [line, rule, scope])
  );
  expected.forEach(({problem: [line, rule, column, reason]}, i) => {
    const which = `${rule} on line ${line}`;
    if (column !== undefined) expect(rows[i].column, `column of ${which}`).toBe(column);
    if (typeof reason === "string") expect(rows[i].reason, `reason of ${which}`).toBe(reason);
    else if (reason) expect(rows[i].reason, `reason of ${which}`).toMatch(reason);
  });
  const rejected = new Set((outcome.rejectedRows ?? []).map(([line]) => line));
  const setAsideLines = (outcome.setAside ?? []).map(([line]) => line);
  expect(
    setAsideLines.filter((line) => rejected.has(line)),
    "a value set aside on a rejected line"
  ).toEqual([]);
  expect(report).toMatchObject({
    status: "loaded",
    rowsRead: outcome.loaded + rejected.size,
    rowsLoaded: outcome.loaded,
    rowsQuarantined: rejected.size,
    valuesSetAside: setAsideLines.length
  });
  expect(report.message).toBe(outcome.message);
}

/** By line, rule and column; columns by code unit, so that Chinese headers sort alike whatever the locale. */
function byLineAndRule(a: Problem, b: Problem): number {
  const [columnA, columnB] = [String(a[2]), String(b[2])];
  return a[0] - b[0] || a[1].localeCompare(b[1]) || (columnA < columnB ? -1 : columnA > columnB ? 1 : 0);
}

describe("ingest of hostile export files", () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    "%s",
    async (_, c) => {
      const dir = tempDir();
      const exportsDir = c.folder ? join(dir, "exports") : dir;
      mkdirSync(exportsDir, {recursive: true});
      const paths = await writeFiles(exportsDir, c.files);
      tally.files += paths.length;
      const warehouse = join(dir, "warehouse.duckdb");
      const result = await run(c, c.folder ? [exportsDir] : paths, warehouse);
      if (!result) return;
      if (c.warnings) expect(result.warnings.map((w) => w.replaceAll(`${exportsDir}/`, ""))).toEqual(c.warnings);
      const query: Query = (sql) => queryWarehouse(warehouse, sql);
      const losses = await silentLosses(result, query);
      if (losses.length > 0) tally.silentLosses++;
      expect(losses).toEqual([]);

      const reports = new Map(result.files.map((report) => [report.file.slice(exportsDir.length + 1), report]));
      expect([...reports.keys()].sort()).toEqual(Object.keys(c.expect).sort());
      for (const [name, outcome] of Object.entries(c.expect)) await expectOutcome(reports.get(name)!, outcome, query);
      await c.check?.(query, result);
    },
    120_000
  );

  it("tries at least 60 files", () => {
    expect(tally.files).toBeGreaterThanOrEqual(60);
  });
});
