import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {buildSite, PROJECT_ROOT} from "../../loaders/site/build-site.ts";
import {clearLoaderCache} from "../../loaders/site/framework-cache.ts";
import {findRemoteReferences} from "../../loaders/site/find-remote-references.ts";
import {makeSmallWarehouse} from "./small-warehouse.ts";

const BUILD_TIMEOUT = 180_000;
const temp = () => mkdtempSync(join(tmpdir(), "shangji-build-"));

function readSummary(out: string): {tables: {table: string; count_rows: number}[]} {
  const dir = join(out, "_file", "data");
  const [file] = readdirSync(dir).filter((f) => /^warehouse\.[0-9a-f]+\.json$/.test(f));
  return JSON.parse(readFileSync(join(dir, file), "utf8"));
}

function allText(out: string): string {
  return readdirSync(out, {recursive: true, withFileTypes: true})
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), "utf8"))
    .join("\n");
}

// the builds share src/.observablehq/cache: leave no test numbers behind for `observable preview`
afterAll(() => clearLoaderCache(join(PROJECT_ROOT, "src")));

describe("buildSite(options)", () => {
  it(
    "builds an offline site from the warehouse",
    async () => {
      const out = join(temp(), "site");
      const report = await buildSite({warehouse: await makeSmallWarehouse(), out, quiet: true});
      expect(report).toMatchObject({out, sampleIngest: null});
      expect(existsSync(join(out, "index.html"))).toBe(true);
      expect(readSummary(out).tables.find((t) => t.table === "opportunities")?.count_rows).toBe(5);
      expect(findRemoteReferences(out)).toEqual([]);
      expect(allText(out)).not.toContain("zhang.san@example.com");
    },
    BUILD_TIMEOUT
  );

  it(
    "never serves the numbers of a previous build",
    async () => {
      const out = join(temp(), "site");
      await buildSite({warehouse: await makeSmallWarehouse(), out, quiet: true});
      const empty = join(temp(), "empty.duckdb");
      const {openWarehouse} = await import("../../loaders/warehouse/open-warehouse.ts");
      (await openWarehouse(empty)).close();
      await buildSite({warehouse: empty, out, quiet: true});
      expect(readSummary(out).tables.find((t) => t.table === "opportunities")?.count_rows).toBe(0);
    },
    BUILD_TIMEOUT
  );

  it(
    "keeps the previous site when a build fails",
    async () => {
      const out = join(temp(), "site");
      await buildSite({warehouse: await makeSmallWarehouse(), out, quiet: true});
      const corrupt = join(temp(), "corrupt.duckdb");
      writeFileSync(corrupt, "not a duckdb file");
      await expect(buildSite({warehouse: corrupt, out, quiet: true})).rejects.toThrow(
        "observable build failed (exit code 1); see its messages above"
      );
      expect(readSummary(out).tables.find((t) => t.table === "opportunities")?.count_rows).toBe(5);
      expect(readdirSync(join(out, ".."))).toEqual(["site"]);
    },
    BUILD_TIMEOUT
  );

  it(
    "ingests the sample exports when the warehouse does not exist",
    async () => {
      const warehouse = join(temp(), "warehouse.duckdb");
      const out = join(temp(), "site");
      const sample = join(import.meta.dirname, "fixtures", "sample");
      const report = await buildSite({warehouse, sample, out, quiet: true});
      expect(report.sampleIngest).toMatchObject({rowsRead: 3, rowsLoaded: 3, rowsQuarantined: 0});
      expect(readSummary(out).tables.find((t) => t.table === "opportunities")?.count_rows).toBe(3);
    },
    BUILD_TIMEOUT
  );

  it("fails when there is neither a warehouse nor sample exports", async () => {
    const dir = temp();
    await expect(
      buildSite({warehouse: join(dir, "none.duckdb"), sample: join(dir, "no-sample"), out: join(dir, "site")})
    ).rejects.toThrow(`no warehouse at ${join(dir, "none.duckdb")} and no sample exports at ${join(dir, "no-sample")}`);
  });

  it("refuses to empty an output folder that holds something other than a site build", async () => {
    const out = temp();
    mkdirSync(join(out, "notes"));
    writeFileSync(join(out, "notes", "keep.txt"), "mine");
    await expect(buildSite({warehouse: await makeSmallWarehouse(), out})).rejects.toThrow(
      `output folder ${out} is not empty and holds no previous site build; choose another folder`
    );
    expect(existsSync(join(out, "notes", "keep.txt"))).toBe(true);
  });
});
