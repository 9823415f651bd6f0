import {existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {clearLoaderCache, LAZY_NPM_VERSIONS, seedNpmVersionCache} from "../../site/framework-cache.ts";

function root(dirs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "shangji-cache-"));
  for (const d of dirs) mkdirSync(join(dir, ".observablehq", "cache", d), {recursive: true});
  return dir;
}

describe("clearLoaderCache(root)", () => {
  it("deletes loader outputs and keeps the module caches", () => {
    const dir = root(["data", "_observablehq", "_node/d3@7.9.0", "_npm/htl@0.3.1"]);
    writeFileSync(join(dir, ".observablehq", "cache", "data", "warehouse.json"), "{}");
    writeFileSync(join(dir, ".observablehq", "cache", "_build.json"), "{}");
    clearLoaderCache(dir);
    expect(readdirSync(join(dir, ".observablehq", "cache")).sort()).toEqual(["_node", "_npm"]);
  });

  it("accepts a root that was never built", () => {
    const dir = mkdtempSync(join(tmpdir(), "shangji-cache-"));
    clearLoaderCache(dir);
    expect(existsSync(join(dir, ".observablehq"))).toBe(false);
  });
});

describe("seedNpmVersionCache(root)", () => {
  it("records a version for each lazily imported library", () => {
    const dir = root([]);
    seedNpmVersionCache(dir);
    const npm = join(dir, ".observablehq", "cache", "_npm");
    expect(existsSync(join(npm, "lodash@4.18.1"))).toBe(true);
    expect(existsSync(join(npm, "@observablehq", "sample-datasets@1.0.1"))).toBe(true);
    expect(readdirSync(npm).length + readdirSync(join(npm, "@observablehq")).length - 1).toBe(
      Object.keys(LAZY_NPM_VERSIONS).length
    );
  });

  it("keeps a version already in the cache", () => {
    const dir = root(["_npm/d3@7.9.2", "_npm/@observablehq/plot@0.6.16"]);
    seedNpmVersionCache(dir);
    const npm = join(dir, ".observablehq", "cache", "_npm");
    expect(readdirSync(npm).filter((e) => e.startsWith("d3@"))).toEqual(["d3@7.9.2"]);
    expect(readdirSync(join(npm, "@observablehq"))).toEqual(["plot@0.6.16", "sample-datasets@1.0.1"]);
  });
});
