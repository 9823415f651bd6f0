import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {repData} from "../../../site/pages/rep-data.ts";
import {repPageFiles} from "../../../site/pages/rep-page-files.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {REP_PAGE_SHARDS, repShard} from "../../../src/components/rep-shard.js";
import {sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

describe("repShard(slug)", () => {
  // FNV-1a 32-bit test vectors (Fowler, Noll, Vo: "" 0x811c9dc5, "a" 0xe40c292c, "foobar" 0xbf9cf968), modulo 64
  it("is the FNV-1a hash of the name modulo the number of shards, as two digits", () => {
    expect(REP_PAGE_SHARDS).toBe(64);
    expect(repShard("")).toBe(String(0x811c9dc5 % 64).padStart(2, "0"));
    expect(repShard("a")).toBe("44");
    expect(repShard("foobar")).toBe("40");
  });
});

describe("repPageFiles(connection)", () => {
  let sample: Awaited<ReturnType<typeof sampleWarehouse>>;
  let files: Awaited<ReturnType<typeof repPageFiles>>;

  beforeAll(async () => {
    sample = await sampleWarehouse();
    files = await repPageFiles(sample.connection);
  });
  afterAll(() => sample.close());

  it("writes all 64 shards and puts each owner of an opportunity in the shard of its name, once", async () => {
    const owners = await readRows<{id: string}>(
      sample.connection,
      `SELECT DISTINCT owner_rep_id AS id FROM opportunities WHERE owner_rep_id IS NOT NULL ORDER BY 1`
    );
    expect(Object.keys(files)).toHaveLength(64);
    const placed = Object.entries(files).flatMap(([file, reps]) => Object.keys(reps).map((slug) => ({slug, file})));
    expect(placed.map((p) => p.slug).sort()).toEqual(owners.map((o) => o.id));
    for (const {slug, file} of placed) expect(file).toBe(`data/rep-pages/${repShard(slug)}.json`);
  });

  it("holds for each rep what the rep's page data alone gives", async () => {
    const file = files[`data/rep-pages/${repShard("R001")}.json`];
    expect(file.R001).toEqual(await repData(sample.connection, "R001"));
  });

  it("computes one shard alone for a preview's loader, equal to the build's", async () => {
    const shard = repShard("R002");
    const alone = await repPageFiles(sample.connection, shard);
    expect(Object.keys(alone)).toEqual([`data/rep-pages/${shard}.json`]);
    expect(alone).toEqual({[`data/rep-pages/${shard}.json`]: files[`data/rep-pages/${shard}.json`]});
  });
});
