import {spawn} from "node:child_process";
import {copyFileSync, existsSync, mkdirSync, rmSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {FIXTURES, REPOSITORY, tempDir, writeFile} from "../ingest/temp-warehouse.ts";

const STAGES = ["potential", "intent", "negotiation", "won", "lost"];
/** SIGKILLs to land; a kill aimed just after COMMIT may find the process gone, so a few more runs are allowed */
const KILLS = 56;
const ATTEMPTS = 72;
/** kills run two at a time: each process spends most of its life starting up, on one core */
const PARALLEL = 2;

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

/** The points of an ingest the tracer reports: the process start, BEGIN, the start of COMMIT, COMMIT returned. */
type Moment = "start" | "begin" | "commit" | "committed";
type Landed = "before" | "during" | "committing" | "after";

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** milliseconds after the start at which each moment was reported */
  at: Partial<Record<Moment, number>>;
  ended: number;
}

/** Runs `shangji ingest` with the transaction tracer; with a kill, sends SIGKILL `delay` ms after the moment. */
function runIngest(exports: string, warehouse: string, kill?: {moment: Moment; delay: number}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const args = ["--import", "./tests/cli/trace-transactions.mjs", "bin/shangji.js", "ingest", "--quiet"];
    const child = spawn(process.execPath, [...args, "--warehouse", warehouse, "--exported-at", "2024-04-01", exports], {
      cwd: REPOSITORY
    });
    const at: Run["at"] = {start: 0};
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    const reached = (moment: Moment) => {
      if (kill?.moment === moment) timer = setTimeout(() => child.kill("SIGKILL"), kill.delay);
    };
    reached("start");
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
      const now = performance.now() - started;
      for (const moment of ["begin", "commit", "committed"] as const)
        if (at[moment] === undefined && stderr.includes(`trace: ${moment}\n`)) {
          at[moment] = now;
          reached(moment);
        }
    });
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({status, signal, stderr, at, ended: performance.now() - started});
    });
  });
}

/** Where a run was when it died, from the last moment it reported. */
function landed(run: Run): Landed {
  if (run.at.committed !== undefined) return "after";
  if (run.at.commit !== undefined) return "committing";
  return run.at.begin !== undefined ? "during" : "before";
}

/** The i-th kill: a quarter before BEGIN, the most inside the transaction, the rest inside and after COMMIT. */
function killPlan(i: number, reference: Run): {moment: Moment; delay: number} {
  const {begin, commit, committed} = reference.at as Record<Moment, number>;
  const r = Math.random();
  switch (i % 8) {
    case 0:
    case 1:
      return {moment: "start", delay: r * begin};
    case 2:
    case 3:
    case 4:
      return {moment: "begin", delay: r * (commit - begin)};
    case 5:
    case 6:
      return {moment: "commit", delay: r * Math.max(2, committed - commit)};
    default:
      return {moment: "committed", delay: r * (reference.ended - committed)};
  }
}

describe("shangji ingest killed with SIGKILL", () => {
  it(`leaves the warehouse as it was before the ingest or as it is after it, never in between (${KILLS} kills)`, async () => {
    const dir = tempDir();
    const exports = join(dir, "exports");
    mkdirSync(exports);
    writeExport(exports);
    // the warehouse before: an earlier export already loaded
    const base = join(dir, "base.duckdb");
    await ingest({paths: [`${FIXTURES}/zh`], warehouse: base, exportedAt: "2024-03-01"});
    const before = await warehouseState(base);

    // a complete run: the state after, and when the transaction begins and commits
    const complete = join(dir, "complete.duckdb");
    copyWarehouse(base, complete);
    const reference = await runIngest(exports, complete);
    expect([reference.status, reference.at.begin !== undefined, reference.at.committed !== undefined]).toEqual([
      0,
      true,
      true
    ]);
    const after = await warehouseState(complete);
    expect(after).not.toEqual(before);

    const counts: Record<Landed, number> = {before: 0, during: 0, committing: 0, after: 0};
    let killed = 0;
    const attempt = async (i: number) => {
      const warehouse = join(dir, `killed-${i}.duckdb`);
      copyWarehouse(base, warehouse);
      const plan = killPlan(i, reference);
      const run = await runIngest(exports, warehouse, plan);
      const where = landed(run);
      const state = await warehouseState(warehouse);
      const context = `kill ${i}, ${Math.round(plan.delay)} ms after ${plan.moment}: ${where}, ${run.signal ?? run.status}`;
      if (where === "before" || where === "during") expect(state, context).toEqual(before);
      else if (where === "after") expect(state, context).toEqual(after);
      // inside COMMIT the kill may come just before or just after the commit is durable
      else expect([before, after], context).toContainEqual(state);
      if (run.signal === "SIGKILL") {
        killed++;
        counts[where]++;
      }
      // one warehouse killed inside the transaction is kept for the retry below
      if (where === "during" && run.signal === "SIGKILL" && !interrupted) interrupted = warehouse;
      else for (const file of [warehouse, `${warehouse}.wal`]) rmSync(file, {force: true});
    };
    let next = 0;
    let interrupted = "";
    await Promise.all(
      Array.from({length: PARALLEL}, async () => {
        while (killed < KILLS && next < ATTEMPTS) await attempt(next++);
      })
    );
    console.log(
      `crash safety: ingest ${Math.round(reference.ended)} ms, transaction ${Math.round(reference.at.begin!)}–` +
        `${Math.round(reference.at.committed!)} ms; ${killed} kills: ${counts.before} before the transaction, ` +
        `${counts.during} during it, ${counts.committing} inside COMMIT, ${counts.after} after COMMIT returned`
    );
    expect(killed).toBeGreaterThanOrEqual(50);
    expect(counts.during).toBeGreaterThan(0);

    // a warehouse left by a kill takes the next ingest: the state after, complete
    const retry = await runIngest(exports, interrupted);
    expect(retry.status).toBe(0);
    expect(await warehouseState(interrupted)).toEqual(after);
    // 50 ingests of the sample, two at a time: room for a machine busy with other work
  }, 1_200_000);
});
