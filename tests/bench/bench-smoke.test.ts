import {spawn} from "node:child_process";
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {PROJECT_ROOT} from "../../site/build-site.ts";

// A smoke test that the benchmark still runs end to end at a tiny size: its figures are not asserted.
describe("npm run bench", () => {
  it("measures every step at the smallest size and writes its results", async () => {
    const folder = mkdtempSync(join(tmpdir(), "shangji-bench-"));
    const status = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "bench/run.ts", "--sizes", "300", "--out", join(folder, "out"), "--results", folder],
        {cwd: PROJECT_ROOT, stdio: ["ignore", "ignore", "inherit"]}
      );
      child.on("error", reject);
      child.on("close", resolve);
    });
    expect(status).toBe(0);
    const {results} = JSON.parse(readFileSync(join(folder, "results.json"), "utf8"));
    expect(results).toHaveLength(1);
    const [row] = results;
    expect(row.size).toBe(300);
    for (const step of [row.ingest, row.baseline, row.pipelines, row.siteCold, row.siteWarm]) {
      expect(step.seconds).toBeGreaterThan(0);
      expect(step.peakBytes).toBeGreaterThan(0);
    }
    expect(row.pipelines.slowest).toHaveLength(3);
    // the same exports again: nothing to compute; then every hundredth opportunity changed: their pages again
    expect(row.rebuildNothingNew.unchanged).toBe(true);
    expect(row.rebuildOnePercent.changed).toBeGreaterThan(0);
    expect(row.rebuildOnePercent.pageData.computed).toBeGreaterThan(0);
    expect(row.largestPageData.bytes).toBeGreaterThan(0);
    expect(readFileSync(join(folder, "results.md"), "utf8")).toContain("| ingest ratio |");
  }, 1_800_000);
});
