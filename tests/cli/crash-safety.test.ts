import {spawn} from "node:child_process";
import {copyFileSync, existsSync, mkdirSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {openWarehouse} from "../../loaders/warehouse/open-warehouse.ts";
import {FIXTURES, REPOSITORY, tempDir, writeFile} from "../ingest/temp-warehouse.ts";

const STAGES = ["potential", "intent", "negotiation", "won", "lost"];

/** A few thousand rows over three files, with a handful of bad rows so that quarantine is written too. */
function writeExport(dir: string) {
  const reps = ["rep_id,name,team", ...Array.from({length: 40}, (_, i) => `R${i},Rep ${i},T${i % 4}`)];
  const accounts = [
    "account_id,name,industry,created_at",
    ...Array.from(
      {length: 1000},
      (_, i) => `A${i},Account ${i},I${i % 7},2023-${(i % 12) + 1}-${(i % 28) + 1} 10:00:00`
    )
  ];
  const opportunities = [
    "opportunity_id,account_id,owner_rep_id,name,stage,amount,created_at,expected_close_at",
    ...Array.from({length: 5000}, (_, i) => {
      const amount = i % 997 === 0 ? "n/a" : `"${(((i * 37) % 100_000) + 500).toLocaleString("en")}.50"`;
      return `O${i},A${i % 1000},R${i % 40},Deal ${i},${STAGES[i % 5]},${amount},2024-${(i % 12) + 1}-${(i % 28) + 1} 09:30:00,2024-12-${(i % 28) + 1}`;
    })
  ];
  writeFile(dir, "reps.csv", reps.join("\n") + "\n");
  writeFile(dir, "accounts.csv", accounts.join("\n") + "\n");
  writeFile(dir, "opportunities.csv", opportunities.join("\n") + "\n");
}

/** Everything an ingest changes, without the wall-clock times it records. */
async function warehouseState(path: string): Promise<unknown> {
  const warehouse = await openWarehouse(path);
  try {
    const read = async (sql: string) => (await warehouse.connection.runAndReadAll(sql)).getRowsJson();
    return {
      counts: await read(`SELECT
        (SELECT count(*) FROM reps)::INTEGER, (SELECT count(*) FROM accounts)::INTEGER,
        (SELECT count(*) FROM opportunities)::INTEGER, (SELECT count(*) FROM quarantine)::INTEGER,
        (SELECT count(*) FROM opportunity_snapshots)::INTEGER, (SELECT sum(amount)::VARCHAR FROM opportunities)`),
      ingests: await read(
        "SELECT ingest_id, exported_at::VARCHAR, files, rows_read, rows_loaded, rows_quarantined, status FROM ingests ORDER BY 1"
      ),
      files: await read("SELECT ingest_id, file, sha256, status, rows_loaded FROM ingest_files ORDER BY 1, 2")
    };
  } finally {
    warehouse.close();
  }
}

function copyWarehouse(from: string, to: string) {
  copyFileSync(from, to);
  if (existsSync(`${from}.wal`)) copyFileSync(`${from}.wal`, `${to}.wal`);
}

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** milliseconds after the start at which the transaction began, its COMMIT started and COMMIT returned */
  began?: number;
  committing?: number;
  committed?: number;
  ended: number;
}

/** Runs `shangji ingest` with the transaction tracer, killing it with SIGKILL after `killAfter` ms. */
function runIngest(exports: string, warehouse: string, killAfter?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const args = ["--import", "./tests/cli/trace-transactions.mjs", "bin/shangji.js", "ingest", "--quiet"];
    const child = spawn(process.execPath, [...args, "--warehouse", warehouse, "--exported-at", "2024-04-01", exports], {
      cwd: REPOSITORY
    });
    const run: Partial<Run> = {};
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
      const now = performance.now() - started;
      if (run.began === undefined && stderr.includes("trace: begin\n")) run.began = now;
      if (run.committing === undefined && stderr.includes("trace: commit\n")) run.committing = now;
      if (run.committed === undefined && stderr.includes("trace: committed\n")) run.committed = now;
    });
    const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), killAfter);
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({...run, status, signal, stderr, ended: performance.now() - started});
    });
  });
}

describe("shangji ingest killed with SIGKILL", () => {
  it("leaves the warehouse as it was before the ingest or as it is after it, never in between", async () => {
    const dir = tempDir();
    const exports = join(dir, "exports");
    mkdirSync(exports);
    writeExport(exports);
    // the warehouse before: an earlier export already loaded
    const base = join(dir, "base.duckdb");
    await ingest({paths: [`${FIXTURES}/zh`], warehouse: base, exportedAt: "2024-03-01"});
    const before = await warehouseState(base);

    // a complete run: the state after, and how long the ingest and its transaction take
    const complete = join(dir, "complete.duckdb");
    copyWarehouse(base, complete);
    const reference = await runIngest(exports, complete);
    expect([reference.status, reference.began !== undefined, reference.committed !== undefined]).toEqual([
      0,
      true,
      true
    ]);
    const after = await warehouseState(complete);
    expect(after).not.toEqual(before);
    const began = reference.began!;
    const committed = reference.committed!;

    // kills spread over the run: one before the transaction, the others across it and just after
    const delays = [
      began / 2,
      ...Array.from({length: 5}, (_, i) => began + ((committed - began) * (i + Math.random())) / 5)
    ];
    delays.push(committed + Math.random() * (reference.ended - committed));
    const landed = {before: 0, during: 0, committing: 0, after: 0};
    for (let attempt = 0; attempt < delays.length; attempt++) {
      const warehouse = join(dir, `killed-${attempt}.duckdb`);
      copyWarehouse(base, warehouse);
      const run = await runIngest(exports, warehouse, delays[attempt]);
      const where =
        run.committed !== undefined
          ? "after"
          : run.committing !== undefined
            ? "committing"
            : run.began !== undefined
              ? "during"
              : "before";
      if (run.signal === "SIGKILL") landed[where]++;
      const state = await warehouseState(warehouse);
      const context = `killed at ${Math.round(delays[attempt])} ms: ${where}`;
      if (where === "before" || where === "during") expect(state, context).toEqual(before);
      else if (where === "after") expect(state, context).toEqual(after);
      // inside COMMIT the kill may come just before or just after the commit is durable
      else expect([before, after], context).toContainEqual(state);
      // too few kills inside the transaction (a slow machine, a busy one): aim at its middle again
      if (attempt === delays.length - 1 && landed.during < 3 && delays.length < 15)
        delays.push((began + committed) / 2);
    }
    console.log(
      `crash safety: ingest ${Math.round(reference.ended)} ms, transaction ${Math.round(began)}–${Math.round(committed)} ms; ` +
        `${delays.length} kills: ${landed.before} before the transaction, ${landed.during} during it, ` +
        `${landed.committing} inside COMMIT, ${landed.after} after COMMIT returned`
    );
    expect(landed.during).toBeGreaterThan(0);

    // a warehouse left by a kill takes the next ingest: the state after, complete
    const last = join(dir, `killed-${delays.length - 1}.duckdb`);
    const retry = await runIngest(exports, last);
    expect(retry.status).toBe(0);
    expect(await warehouseState(last)).toEqual(after);
  }, 240_000);
});
