import {copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, it} from "vitest";
import {queryWarehouse, tempDir, writeFile} from "../ingest/temp-warehouse.ts";
import {compareWarehouses, type WarehouseDifference} from "./compare-warehouses.ts";
import {runCli} from "./run-cli.ts";

const HEADER = "opportunity_id,account_id,owner_rep_id,name,stage,amount,created_at,expected_close_at";

/** Three exports of the same deals a month apart: deals move on, one amount cannot be read, one deal appears. */
const EXPORTS = [
  {
    exportedAt: "2024-04-01",
    rows: [
      "O1,A1,R1,Deal 1,potential,1000,2024-03-01 09:00:00,2024-06-30",
      "O2,A1,R1,Deal 2,intent,n/a,2024-03-02 09:00:00,2024-06-30",
      "O3,A2,R2,Deal 3,negotiation,3000,2024-03-03 09:00:00,2024-07-31"
    ]
  },
  {
    exportedAt: "2024-05-01",
    rows: [
      "O1,A1,R1,Deal 1,intent,1200,2024-03-01 09:00:00,2024-06-30",
      "O2,A1,R1,Deal 2,won,2500,2024-03-02 09:00:00,2024-06-30",
      "O3,A2,R2,Deal 3,negotiation,3000,2024-03-03 09:00:00,2024-07-31",
      "O4,A2,R2,Deal 4,potential,800,2024-04-20 09:00:00,2024-08-31"
    ]
  },
  {
    exportedAt: "2024-06-01",
    rows: [
      "O1,A1,R1,Deal 1,won,1200,2024-03-01 09:00:00,2024-06-30",
      "O3,A2,R2,Deal 3,lost,3000,2024-03-03 09:00:00,2024-07-31",
      "O4,A2,R2,Deal 4,intent,900,2024-04-20 09:00:00,2024-08-31"
    ]
  }
];

async function ingestExport(dir: string, warehouse: string, n: number): Promise<number> {
  const {exportedAt, rows} = EXPORTS[n];
  const file = writeFile(dir, `opportunities-${exportedAt}.csv`, [HEADER, ...rows].join("\n") + "\n");
  const run = await runCli([
    "ingest",
    "--warehouse",
    warehouse,
    "--exported-at",
    exportedAt,
    "--json",
    "--quiet",
    file
  ]);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout).ingestId;
}

/** Every table with the same rows on both sides, the same definitions and the same sequences. */
function expectIdentical(difference: WarehouseDifference) {
  expect(difference.tables.b).toEqual(difference.tables.a);
  for (const [table, rows] of Object.entries(difference.rows))
    expect(rows, table).toEqual({a: rows.a, b: rows.a, onlyA: 0, onlyB: 0});
  expect(difference.definitions.b).toEqual(difference.definitions.a);
}

/** The files under an archive folder, relative to it. */
function archiveFiles(folder: string): string[] {
  return readdirSync(folder, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

describe("shangji restore <archive>", () => {
  it("rebuilds a deleted warehouse identical in every table, and the next ingest continues as on the original", async () => {
    const dir = tempDir();
    const warehouse = join(dir, "warehouse.duckdb");
    const archive = join(dir, "warehouse.archive");
    expect(await ingestExport(dir, warehouse, 0)).toBe(1);
    expect(await ingestExport(dir, warehouse, 1)).toBe(2);
    const original = join(dir, "original.duckdb");
    copyFileSync(warehouse, original);
    rmSync(warehouse);

    const restored = await runCli(["restore", archive, "--warehouse", warehouse]);
    expect(restored.status, restored.stderr).toBe(0);
    const difference = await compareWarehouses(original, warehouse);
    expectIdentical(difference);
    expect(difference.tables.a).toEqual(
      expect.arrayContaining(["ingests", "ingest_files", "quarantine", "opportunity_snapshots", "opportunities"])
    );
    // 3 deals in the first export, 4 in the second; the amount "n/a" is set aside in the quarantine
    expect(difference.rows.ingests.a).toBe(2);
    expect(difference.rows.opportunity_snapshots.a).toBe(7);
    expect(difference.rows.opportunities.a).toBe(4);
    expect(difference.rows.quarantine.a).toBeGreaterThan(0);

    expect(await ingestExport(dir, original, 2)).toBe(3);
    expect(await ingestExport(dir, warehouse, 2)).toBe(3);
    const after = await compareWarehouses(original, warehouse, {exclude: {ingests: ["started_at", "finished_at"]}});
    expectIdentical(after);
    expect(after.rows.opportunity_snapshots.a).toBe(10);
  }, 300_000);

  it("writes one file per ingest of the history tables, keeps them as they are, and lists every file it keeps", async () => {
    const dir = tempDir();
    const warehouse = join(dir, "warehouse.duckdb");
    const archive = join(dir, "warehouse.archive");
    await ingestExport(dir, warehouse, 0);
    const snapshots = (files: string[]) => files.filter((f) => f.startsWith("opportunity_snapshots/"));
    const first = snapshots(archiveFiles(archive));
    expect(first).toEqual([expect.stringMatching(/^opportunity_snapshots\/ingest-1-[0-9a-f]{16}\.parquet$/)]);
    const written = statSync(join(archive, first[0])).mtimeMs;

    await ingestExport(dir, warehouse, 1);
    const files = archiveFiles(archive);
    expect(snapshots(files)).toEqual([first[0], expect.stringMatching(/^opportunity_snapshots\/ingest-2-/)]);
    expect(statSync(join(archive, first[0])).mtimeMs).toBe(written);
    const manifest = JSON.parse(readFileSync(join(archive, "manifest.json"), "utf8"));
    const listed = manifest.tables.flatMap((t: {files: {path: string}[]}) => t.files.map((f) => f.path));
    expect(files).toEqual(["manifest.json", ...listed].sort());
  }, 120_000);

  it("follows a redated ingest", async () => {
    const dir = tempDir();
    const warehouse = join(dir, "warehouse.duckdb");
    await ingestExport(dir, warehouse, 0);
    await ingestExport(dir, warehouse, 1);
    const redate = await runCli(["redate", "2024-04-15", "--ingest", "1", "--warehouse", warehouse]);
    expect(redate.status, redate.stderr).toBe(0);
    const restored = join(dir, "restored.duckdb");
    expect((await runCli(["restore", join(dir, "warehouse.archive"), "--warehouse", restored])).status).toBe(0);
    const dates = `SELECT DISTINCT ingest_id, exported_at::VARCHAR AS exported_at FROM opportunity_snapshots ORDER BY 1`;
    expect(await queryWarehouse(restored, dates)).toEqual([
      {ingest_id: 1, exported_at: "2024-04-15 00:00:00"},
      {ingest_id: 2, exported_at: "2024-05-01 00:00:00"}
    ]);
  }, 180_000);

  it("refuses to replace a warehouse without --force, and names a missing archive", async () => {
    const dir = tempDir();
    const warehouse = join(dir, "warehouse.duckdb");
    const archive = join(dir, "warehouse.archive");
    await ingestExport(dir, warehouse, 0);
    const before = readFileSync(warehouse);

    expect(await runCli(["restore", archive, "--warehouse", warehouse])).toEqual({
      status: 1,
      stdout: "",
      stderr: `shangji: warehouse ${warehouse} already exists; pass --force to replace it with the archive\n`
    });
    expect(readFileSync(warehouse).equals(before)).toBe(true);
    const forced = await runCli(["restore", archive, "--warehouse", warehouse, "--force"]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(existsSync(`${warehouse}.restoring`)).toBe(false);

    const missing = join(dir, "nowhere");
    expect(await runCli(["restore", missing, "--warehouse", join(dir, "other.duckdb")])).toEqual({
      status: 3,
      stdout: "",
      stderr: `shangji: no archive at ${missing}\n`
    });
    expect(await runCli(["restore", dir, "--warehouse", join(dir, "other.duckdb")])).toEqual({
      status: 3,
      stdout: "",
      stderr: `shangji: ${dir} is not an archive (no manifest.json)\n`
    });
    expect(existsSync(join(dir, "other.duckdb"))).toBe(false);
  }, 180_000);
});
