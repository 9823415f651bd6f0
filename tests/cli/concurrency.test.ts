import {spawn} from "node:child_process";
import {describe, expect, it} from "vitest";
import {warehouseLockPath} from "../../warehouse/open-warehouse.ts";
import {withFileLock} from "../../warehouse/file-lock.ts";
import {queryWarehouse, REPOSITORY, tempWarehouse} from "../ingest/temp-warehouse.ts";

function ingest(warehouse: string, env: Record<string, string> = {}): Promise<{status: number | null; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/shangji.js", "ingest", "data/sample", "--warehouse", warehouse, "-q"], {
      cwd: REPOSITORY,
      env: {...process.env, ...env}
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({status, stderr}));
  });
}

describe("concurrent runs on one warehouse", () => {
  it("serialises two ingests: the second waits, then finds nothing new", async () => {
    const warehouse = tempWarehouse();
    const [first, second] = await Promise.all([ingest(warehouse), ingest(warehouse)]);
    expect([first.status, second.status], first.stderr + second.stderr).toEqual([0, 0]);
    const ingests = await queryWarehouse(
      warehouse,
      "SELECT count(*)::INTEGER AS n, sum(rows_read)::INTEGER AS r FROM ingests"
    );
    // one ingest of the sample's 31,405 rows; the other run skipped the files it had loaded
    expect(ingests).toEqual([{n: 1, r: 31405}]);
    const opportunities = await queryWarehouse(warehouse, "SELECT count(*)::INTEGER AS n FROM opportunities");
    // 1,501 rows in opportunities.csv, one repeating an id
    expect(opportunities).toEqual([{n: 1500}]);
  }, 120_000);

  it("gives up after SHANGJI_LOCK_TIMEOUT with a message naming the process holding the warehouse", async () => {
    const warehouse = tempWarehouse();
    // this process holds the lock, as a site build reading the warehouse does
    const run = await withFileLock(warehouseLockPath(warehouse), {what: "test"}, () =>
      ingest(warehouse, {SHANGJI_LOCK_TIMEOUT: "1"})
    );
    expect(run.status).toBe(4);
    expect(run.stderr).toBe(
      `shangji: warehouse ${warehouse} is in use by process ${process.pid}; waited 1 s (SHANGJI_LOCK_TIMEOUT)\n`
    );
  }, 60_000);

  it("takes over a lock left by a process that no longer runs", async () => {
    const warehouse = tempWarehouse();
    const {writeFileSync, mkdirSync} = await import("node:fs");
    const {dirname} = await import("node:path");
    mkdirSync(dirname(warehouse), {recursive: true});
    // pid 2^22 + 1 is above Linux's pid_max default: no such process
    writeFileSync(warehouseLockPath(warehouse), String(4194305));
    const run = await ingest(warehouse, {SHANGJI_LOCK_TIMEOUT: "5"});
    expect(run.status, run.stderr).toBe(0);
  }, 60_000);
});
