import {spawn} from "node:child_process";
import {cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {PROJECT_ROOT} from "../../site/build-site.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

function rebuild(folder: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["bin/shangji.js", "rebuild", "-q"], {
      cwd: PROJECT_ROOT,
      env: {...process.env, SHANGJI_CONFIG: join(folder, "shangji.config.json"), SHANGJI_WAREHOUSE: undefined}
    });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({status, signal, ms: performance.now() - started});
    });
  });
}

/** The published site as a whole: its report, and every file its overview page registers, present. */
function siteState(site: string): string {
  const report = JSON.parse(readFileSync(join(site, "build-report.json"), "utf8"));
  const html = readFileSync(join(site, "index.html"), "utf8");
  const files = [...html.matchAll(/"path":"\.\/([^"]+)"/g)].map((m) => m[1]);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expect(existsSync(join(site, file)), file).toBe(true);
  return `${report.warehouseState.latestIngestId}:${report.rowCounts.opportunities}`;
}

async function warehouseState(path: string): Promise<string> {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const reader = await warehouse.connection.runAndReadAll(
      "SELECT (SELECT max(ingest_id) FROM ingests) || ':' || (SELECT count(*) FROM opportunities)"
    );
    return String(reader.getRows()[0][0]);
  } finally {
    warehouse.close();
  }
}

function newExport(folder: string, n: number) {
  const header =
    "商机编号,商机名称,客户编号,客户名称,线索编号,线索来源,市场活动,负责人,产品,金额,币种,预计毛利率,阶段,商机状态,创建时间,预计成交日期,结束时间,输单原因,竞争对手";
  const row = `O95000${n},测试项目${n},A00003,广州科瑞医药有限公司,,referral,,杨杰强,机器视觉检测设备,${n}0000.00,CNY,40%,赢单,赢单,2026-11-21 09:00:00,2026-11-25,2026-11-25 10:00:00,,`;
  writeFileSync(join(folder, "exports", `opportunities-${n}.csv`), `${header}\n${row}\n`);
}

describe("a killed rebuild", () => {
  it("leaves the published site and the warehouse as they were before or after, never in between", async () => {
    const folder = mkdtempSync(join(tmpdir(), "shangji-rebuild-kill-"));
    cpSync(join(PROJECT_ROOT, "data", "sample"), join(folder, "exports"), {recursive: true});
    writeFileSync(
      join(folder, "shangji.config.json"),
      JSON.stringify({exports: "exports", warehouse: "warehouse.duckdb", out: "site"})
    );
    const site = join(folder, "site");
    const warehouse = join(folder, "warehouse.duckdb");
    const first = await rebuild(folder);
    expect(first.status).toBe(5);

    let kills = 0;
    for (let n = 1; n <= 4; n++) {
      const before = {site: siteState(site), warehouse: await warehouseState(warehouse)};
      newExport(folder, n);
      // across the whole run: ingest first, then the site build and its swap at the very end
      const run = await rebuild(folder, first.ms * (0.15 + 0.9 * Math.random()));
      if (run.signal === "SIGKILL") kills++;
      const after = {site: siteState(site), warehouse: await warehouseState(warehouse)};
      const ingested = after.warehouse !== before.warehouse;
      // the site shows the warehouse before this run, or after it — and never a newer one than the warehouse
      expect([before.site, after.warehouse]).toContain(after.site);
      if (!ingested) expect(after.site).toBe(before.site);
    }
    // a final complete run publishes everything
    const last = await rebuild(folder);
    expect(last.status).toBe(0);
    expect(siteState(site)).toBe(await warehouseState(warehouse));
    console.log(`rebuild crash safety: ${kills} kills of shangji rebuild, site and warehouse whole after each`);
    expect(kills).toBeGreaterThan(0);
  }, 1_500_000);
});
