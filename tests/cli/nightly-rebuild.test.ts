import {spawn} from "node:child_process";
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {PROJECT_ROOT} from "../../site/build-site.ts";

const REBUILD_TIMEOUT = 600_000;

interface Run {
  status: number | null;
  stderr: string;
}

/** Runs scripts/nightly-rebuild.sh — the GitHub workflow's step — against a project config in `folder`. */
function nightly(folder: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(PROJECT_ROOT, "scripts", "nightly-rebuild.sh"), [], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        SHANGJI_CONFIG: join(folder, "shangji.config.json"),
        SHANGJI_WAREHOUSE: undefined,
        SHANGJI_LOCALE: undefined,
        GITHUB_STEP_SUMMARY: join(folder, "summary.md"),
        GITHUB_OUTPUT: join(folder, "output.txt"),
        ...env
      }
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({status, stderr}));
  });
}

function project(publish?: object): string {
  const folder = mkdtempSync(join(tmpdir(), "shangji-nightly-"));
  cpSync(join(PROJECT_ROOT, "data", "sample"), join(folder, "exports"), {recursive: true});
  writeFileSync(
    join(folder, "shangji.config.json"),
    JSON.stringify({exports: "exports", warehouse: "warehouse.duckdb", out: "site", ...(publish ? {publish} : {})})
  );
  return folder;
}

const read = (folder: string, file: string) => readFileSync(join(folder, file), "utf8");

const report = (folder: string) => JSON.parse(readFileSync(join(folder, "site", "build-report.json"), "utf8"));

function siteMeta(folder: string): {exportedAt: string} {
  const dir = join(folder, "site", "_file", "data");
  const [file] = readdirSync(dir).filter((f) => /^site\.[0-9a-f]+\.json$/.test(f));
  return JSON.parse(readFileSync(join(dir, file), "utf8"));
}

// a deal exported a week after the sample, with the sample's own (Chinese) headers
const NEW_EXPORT = [
  "商机编号,商机名称,客户编号,客户名称,线索编号,线索来源,市场活动,负责人,产品,金额,币种,预计毛利率,阶段,商机状态,创建时间,预计成交日期,结束时间,输单原因,竞争对手",
  "O900001,夜间导入测试项目,A00003,广州科瑞医药有限公司,,referral,,杨杰强,机器视觉检测设备,250000.00,CNY,40%,赢单,赢单,2026-11-21 09:00:00,2026-11-25,2026-11-25 10:00:00,,"
].join("\n");

describe("scripts/nightly-rebuild.sh", () => {
  it(
    "builds the site with a report, shows a new export's numbers after the next run, and keeps the site when input is broken",
    async () => {
      const folder = project();
      const first = await nightly(folder);
      // the sample holds 6 dirty rows: one rejected (a repeated id), five loaded without a bad value; built, but
      // exit 5 says input was quarantined
      expect(first.status, first.stderr).toBe(5);
      const firstReport = report(folder);
      expect(firstReport.ingest).toMatchObject({rowsQuarantined: 1, valuesSetAside: 5, filesLoaded: 13});
      // 1,501 opportunity rows in data/sample/opportunities.csv, one repeating an id: 1,500 opportunities
      expect(firstReport.rowCounts.opportunities).toBe(1500);
      expect(firstReport.pages.find((p: {page: string}) => p.page === "index.html")).toBeDefined();
      expect(readFileSync(join(folder, "summary.md"), "utf8")).toContain("invalid_amount: 2");
      expect(siteMeta(folder).exportedAt).toBe("2026-11-20T00:00:00Z");
      // the workflow keeps the site as an artifact of the run: nothing is deployed, nothing warns
      expect(read(folder, "output.txt")).toBe("access=artifact\n");
      expect(read(folder, "summary.md")).not.toContain("Public site");

      // nothing new: clean exit
      expect((await nightly(folder)).status).toBe(0);

      writeFileSync(join(folder, "exports", "opportunities-2026-11-27.csv"), NEW_EXPORT);
      writeFileSync(join(folder, "exports", "shangji-mapping.json"), JSON.stringify({exportedAt: "2026-11-27"}));
      const second = await nightly(folder);
      expect(second.status, second.stderr).toBe(0);
      expect(report(folder).rowCounts.opportunities).toBe(1501);
      expect(report(folder).ingest).toMatchObject({filesLoaded: 1, filesUnchanged: 13, rowsLoaded: 1});
      expect(siteMeta(folder).exportedAt).toBe("2026-11-27T00:00:00Z");

      const before = readFileSync(join(folder, "site", "build-report.json"), "utf8");
      writeFileSync(join(folder, "exports", "shangji-mapping.json"), "{not json");
      const broken = await nightly(folder);
      expect(broken.status).toBe(2);
      expect(broken.stderr).toContain("shangji-mapping.json");
      expect(readFileSync(join(folder, "site", "build-report.json"), "utf8")).toBe(before);
    },
    REBUILD_TIMEOUT
  );

  it("stops before any work when a site deployed in the clear does not say which names it hides", async () => {
    const folder = project({access: "pages"});
    const run = await nightly(folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'publish.hide: a site deployed in the clear ("access": "pages") is public: state what it hides'
    );
    expect(existsSync(join(folder, "warehouse.duckdb"))).toBe(false);
    expect(existsSync(join(folder, "output.txt"))).toBe(false);
  });

  it("tells the workflow to deploy a pages site and warns in the job summary that it is public", async () => {
    const folder = project({access: "pages", hide: []});
    // a failing fetch stops the run after the warning, before the (long) rebuild
    const run = await nightly(folder, {SHANGJI_EXPORTS: join(folder, "fetched"), SHANGJI_FETCH_EXPORTS: "exit 7"});
    expect(run.status).toBe(3);
    expect(read(folder, "output.txt")).toBe("access=pages\n");
    expect(read(folder, "summary.md")).toBe(
      '> ⚠️ **Public site:** the site is deployed to GitHub Pages in the clear (publish.access "pages"): ' +
        "anyone with its address can read it.\n"
    );
  });

  it("keeps the previous site when fetching the exports fails", async () => {
    const folder = project();
    const run = await nightly(folder, {SHANGJI_EXPORTS: join(folder, "fetched"), SHANGJI_FETCH_EXPORTS: "exit 7"});
    expect(run.status).toBe(3);
    expect(run.stderr).toContain("fetching the exports failed");
  });
});
