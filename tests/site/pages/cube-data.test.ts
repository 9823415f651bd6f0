import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {cubeData, type CubeData} from "../../../site/pages/cube-data.ts";
import {cubeBuckets, cubeSplitDays} from "../../../site/pages/cube-buckets.ts";
import {withoutHiddenNames} from "../../../site/hidden-names.ts";
import {cubeSums} from "../../../src/components/cube.js";
import {sitePeriods} from "../../../site/site-periods.ts";
import {emptyWarehouse} from "../../pipelines/sample-warehouse.ts";
import {insertCubeRows, insertSmallCubeRows, SMALL_CUBE, SMALL_CUBE_BY_TEAM} from "../small-cube.ts";

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

describe("cubeData(connection, owners)", () => {
  let warehouse: Awaited<ReturnType<typeof emptyWarehouse>>;
  let cube: CubeData;

  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await insertSmallCubeRows(warehouse.connection);
    cube = await cubeData(warehouse.connection, "rep");
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
    expect(cube.cells).toEqual(SMALL_CUBE.cells);
    expect(cube.sums).toEqual(SMALL_CUBE.sums);
    expect(cube.teams).toBeUndefined();
  });

  it("by team, sums the reps of each team and region together", async () => {
    expect(await cubeData(warehouse.connection)).toEqual(SMALL_CUBE_BY_TEAM);
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
      expect(cube.cells).toBe("");
      expect(cube.sums.count_opportunities).toEqual({decimals: 0, values: ""});
    } finally {
      warehouse.close();
    }
  });
});

describe("cubeData(connection, owners) read back by cubeSums", () => {
  it("keeps amounts to the cent, below zero and beyond a hundred million too, and sums a team's reps", async () => {
    const warehouse = await emptyWarehouse();
    try {
      const {connection} = warehouse;
      await insertCubeRows(
        connection,
        [
          ["r1", "Li Lei", "East", "Shanghai"],
          ["r2", "Han Meimei", "East", "Shanghai"],
          ["r3", "Wang Fang", null, null]
        ],
        [
          ["o1", "r1", null, null, 0.01, "CNY", 0.01, "intent", "open", "2026-10-01 00:00:00", null],
          ["o2", "r2", null, null, -12.34, "CNY", -12.34, "won", "won", "2026-10-02 00:00:00", "2026-10-03 12:00:00"],
          [
            "o3",
            "r3",
            null,
            null,
            123456789.99,
            "CNY",
            123456789.99,
            "lost",
            "lost",
            "2026-10-04 00:00:00",
            "2026-10-05 00:00:00"
          ]
        ]
      );
      const byTeam = JSON.parse(JSON.stringify(await cubeData(connection)));
      const byRep = JSON.parse(JSON.stringify(await cubeData(connection, "rep")));
      // 0.01 − 12.34 + 123,456,789.99
      for (const cube of [byTeam, byRep]) {
        expect(cubeSums(cube)[0]).toMatchObject({
          count_opportunities: 3,
          amount: 123456777.66,
          open_amount: 0.01,
          won_amount: -12.34,
          sum_cycle_days: 1.5,
          avg_won_amount: -12.34
        });
      }
      const teams = cubeSums(byTeam, {}, ["team"]).map((row: Record<string, unknown>) => [row.team, row.amount]);
      expect(teams).toEqual([
        ["East", -12.33],
        [null, 123456789.99]
      ]);
      const reps = cubeSums(byRep, {}, ["rep"]).map((row: Record<string, unknown>) => [row.rep, row.amount]);
      expect(reps).toEqual([
        ["r1", 0.01],
        ["r2", -12.34],
        ["r3", 123456789.99]
      ]);
    } finally {
      warehouse.close();
    }
  });
});
