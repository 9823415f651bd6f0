import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {buildSite} from "../../site/build-site.ts";
import {findRemoteReferences} from "../../site/find-remote-references.ts";
import {pipelineData} from "../../site/pages/pipeline-data.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {tableRows} from "../../src/components/compact-table.js";
import {makeSmallWarehouse} from "./small-warehouse.ts";

const BUILD_TIMEOUT = 180_000;
const temp = () => mkdtempSync(join(tmpdir(), "shangji-build-"));

/** The opportunities the data-quality page says the warehouse holds. */
function readOpportunityCount(out: string): number | undefined {
  const dir = join(out, "_file", "data");
  const [file] = readdirSync(dir).filter((f) => /^data-quality\.[0-9a-f]+\.json$/.test(f));
  const data: {tables: {table: string; n_rows: number}[]} = JSON.parse(readFileSync(join(dir, file), "utf8"));
  return data.tables.find((t) => t.table === "opportunities")?.n_rows;
}

function allText(out: string): string {
  return readdirSync(out, {recursive: true, withFileTypes: true})
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), "utf8"))
    .join("\n");
}

describe("buildSite(options)", () => {
  it(
    "builds an offline site from the warehouse",
    async () => {
      const out = join(temp(), "site");
      const report = await buildSite({warehouse: await makeSmallWarehouse(), out, quiet: true});
      expect(report).toMatchObject({out, sampleIngests: []});
      expect(existsSync(join(out, "index.html"))).toBe(true);
      expect(readOpportunityCount(out)).toBe(5);
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
      (await openWarehouse(empty)).close();
      await buildSite({warehouse: empty, out, quiet: true});
      expect(readOpportunityCount(out)).toBe(0);
    },
    BUILD_TIMEOUT
  );

  it(
    "keeps the site when nothing it is built from changed, and builds it again when a table did",
    async () => {
      const out = join(temp(), "site");
      const warehouse = await makeSmallWarehouse();
      const first = await buildSite({warehouse, out, quiet: true});
      expect(first).toMatchObject({unchanged: false, pageData: {reused: 0}});
      const builtAt = JSON.parse(readFileSync(join(out, "build-report.json"), "utf8")).builtAt;

      const second = await buildSite({warehouse, out, quiet: true});
      expect(second).toMatchObject({unchanged: true, files: first.files});
      const kept = JSON.parse(readFileSync(join(out, "build-report.json"), "utf8"));
      expect(kept.builtAt).toBe(builtAt);
      expect(kept.checkedAt).toEqual(expect.any(String));

      const open = await openWarehouse(warehouse);
      await open.connection.run(`DELETE FROM opportunities WHERE opportunity_id = 'o5'`);
      open.close();
      const third = await buildSite({warehouse, out, quiet: true});
      expect(third.unchanged).toBe(false);
      expect(third.pageData.computed).toBeGreaterThan(0);
      expect(readOpportunityCount(out)).toBe(4);

      // a different language is a different site
      const chinese = await buildSite({warehouse, out, locale: "zh-CN", quiet: true});
      expect(chinese.unchanged).toBe(false);
    },
    BUILD_TIMEOUT * 4
  );

  it(
    "keeps the previous site when a build fails",
    async () => {
      const out = join(temp(), "site");
      await buildSite({warehouse: await makeSmallWarehouse(), out, quiet: true});
      const corrupt = join(temp(), "corrupt.duckdb");
      writeFileSync(corrupt, "not a duckdb file");
      await expect(buildSite({warehouse: corrupt, out, quiet: true})).rejects.toThrow(
        `cannot open warehouse ${corrupt}`
      );
      expect(readOpportunityCount(out)).toBe(5);
      // the published site (a link) and the folder holding the one build it links to; no staging left
      expect(readdirSync(join(out, ".."))).toEqual([".site.sites", "site"]);
      expect(readdirSync(join(out, "..", ".site.sites"))).toHaveLength(1);
    },
    BUILD_TIMEOUT
  );

  it(
    "ingests the sample exports, oldest first, when the warehouse does not exist",
    async () => {
      const warehouse = join(temp(), "warehouse.duckdb");
      const out = join(temp(), "site");
      const samples = ["sample-earlier", "sample"].map((folder) => join(import.meta.dirname, "fixtures", folder));
      const report = await buildSite({warehouse, samples, out, quiet: true});
      expect(report.sampleIngests).toMatchObject([
        {ingestId: 1, exportedAt: "2024-06-01T00:00:00.000Z", rowsRead: 2, rowsLoaded: 2, rowsQuarantined: 0},
        {ingestId: 2, rowsRead: 3, rowsLoaded: 3, rowsQuarantined: 0}
      ]);
      expect(readOpportunityCount(out)).toBe(3);
      // the pipeline due by 2024-06-11 (the later export's newest record): S1's 1,200 on 06-01, won since
      const warehouseData = await openWarehouse(warehouse, {readOnly: true});
      try {
        const {changes} = (await pipelineData(warehouseData.connection)).slices["ytd|all"];
        expect(changes?.from_exported_at).toBe("2024-06-01T00:00:00Z");
        expect(tableRows(changes!.steps).filter((step) => step.count_opportunities > 0)).toEqual([
          {step: "start", count_opportunities: 1, amount: 1200, running_amount: 1200},
          {step: "won", count_opportunities: 1, amount: -1200, running_amount: 0}
        ]);
      } finally {
        warehouseData.close();
      }
    },
    BUILD_TIMEOUT
  );

  it("fails when there is neither a warehouse nor sample exports", async () => {
    const dir = temp();
    await expect(
      buildSite({warehouse: join(dir, "none.duckdb"), samples: [join(dir, "no-sample")], out: join(dir, "site")})
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
