import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {cubeData, type CubeData} from "../../../loaders/site/pages/cube-data.ts";
import {cubeBuckets, cubeSplitDays} from "../../../loaders/site/pages/cube-buckets.ts";
import {withoutHiddenNames} from "../../../loaders/site/hidden-names.ts";
import {sitePeriods} from "../../../loaders/site/site-periods.ts";
import {emptyWarehouse} from "../../pipelines/sample-warehouse.ts";
import {insertSmallCubeRows, SMALL_CUBE} from "../small-cube.ts";

describe("cubeSplitDays(periods)", () => {
  it("lists the period bounds that fall inside a month", () => {
    // now 2026-11-20: to-date periods end on 11-21, the last 12 months start on 2025-11-21; the quarter to
    // date is compared with 2026-07-01…08-21 and 2025-10-01…11-21, the last 12 months with the 12 before
    expect(cubeSplitDays(sitePeriods("2026-11-20T00:00:00Z", "2023-11-01"))).toEqual([
      "2024-11-21",
      "2025-11-21",
      "2026-08-21",
      "2026-11-21"
    ]);
  });
});

describe("cubeBuckets(first, last, splitDays)", () => {
  it("cuts each month at the split days inside it, and covers every month between", () => {
    expect(cubeBuckets("2026-09-30T23:00:00Z", "2026-11-21", ["2026-08-21", "2026-11-21"])).toEqual([
      {start: "2026-09-01", end: "2026-10-01"},
      {start: "2026-10-01", end: "2026-11-01"},
      {start: "2026-11-01", end: "2026-11-21"},
      {start: "2026-11-21", end: "2026-12-01"}
    ]);
  });
});

describe("cubeData(connection)", () => {
  let warehouse: Awaited<ReturnType<typeof emptyWarehouse>>;
  let cube: CubeData;

  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await insertSmallCubeRows(warehouse.connection);
    cube = await cubeData(warehouse.connection);
  });
  afterAll(() => warehouse?.close());

  it("lists the buckets from the first record's month to the last's, cut where the quarter to date ends", () => {
    expect(cube.buckets).toEqual(SMALL_CUBE.buckets);
  });

  it("lists every owner, source and product in order, none last, with the owner's team and region", () => {
    expect(cube.currency).toBe("CNY");
    expect(cube.reps).toEqual(SMALL_CUBE.reps);
    expect(cube.channels).toEqual(SMALL_CUBE.channels);
    expect(cube.products).toEqual(SMALL_CUBE.products);
  });

  it("sums creations in the bucket of their creation and closes in that of their close, in the reporting currency", () => {
    expect(cube.facts).toEqual(SMALL_CUBE.facts);
  });

  it("publishes no rep name when the configuration hides reps", () => {
    const hidden = withoutHiddenNames(cube, ["reps"]) as CubeData;
    expect(hidden.reps.columns).toEqual(["rep_id", "team", "region"]);
    expect(JSON.stringify(hidden)).not.toContain("Li Lei");
  });
});

describe("cubeData(connection) on an empty warehouse", () => {
  it("has no buckets and no cells", async () => {
    const warehouse = await emptyWarehouse();
    try {
      const cube = await cubeData(warehouse.connection);
      expect(cube.buckets.rows).toEqual([]);
      expect(cube.reps.rows).toEqual([]);
      expect(cube.facts.count_opportunities).toEqual([]);
    } finally {
      warehouse.close();
    }
  });
});
