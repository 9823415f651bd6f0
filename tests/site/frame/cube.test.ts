import {describe, expect, it} from "vitest";
import {withoutHiddenNames} from "../../../site/hidden-names.ts";
import {cubeLabels, cubeNeedsReps, cubeSums} from "../../../src/components/cube.js";
import {SMALL_CUBE, SMALL_CUBE_BY_TEAM} from "../small-cube.ts";

const NOTHING = {
  count_opportunities: 0,
  amount: 0,
  count_open: 0,
  open_amount: 0,
  count_won: 0,
  count_lost: 0,
  won_amount: 0,
  count_won_without_amount: 0,
  sum_cycle_days: 0,
  count_won_without_cycle: 0
};

// the four opportunities of small-cube.ts: o1 won for 1000 after 36 days, o2 lost, o3 won without an amount or a
// cycle, o4 open for 500
describe("cubeSums(cube, filter, groupBy)", () => {
  it("sums every cell without a filter, and derives the rates from the sums", () => {
    expect(cubeSums(SMALL_CUBE)).toEqual([
      {
        count_opportunities: 4,
        amount: 2220,
        count_open: 1,
        open_amount: 500,
        count_won: 2,
        count_lost: 1,
        won_amount: 1000,
        count_won_without_amount: 1,
        sum_cycle_days: 36,
        count_won_without_cycle: 1,
        win_rate: 2 / 3,
        // o3 has neither an amount nor a cycle: o1 alone is averaged
        avg_won_amount: 1000,
        avg_cycle_days: 36
      }
    ]);
  });

  it("keeps the buckets of the period and the values of every dimension filtered", () => {
    const [november] = cubeSums(SMALL_CUBE, {start: "2026-11-01", end: "2026-11-21", team: ["East", "North"]});
    expect(november).toMatchObject({count_opportunities: 2, amount: 720, count_won: 2, count_lost: 0, win_rate: 1});
    const [east] = cubeSums(SMALL_CUBE, {team: ["East"], channel: ["referral"], product: ["A"], rep: ["r1"]});
    expect(east).toMatchObject({count_opportunities: 2, amount: 1720, count_won: 1, count_lost: 1, win_rate: 0.5});
    const [shanghai] = cubeSums(SMALL_CUBE, {region: ["Shanghai"], start: "2026-11-21"});
    expect(shanghai).toMatchObject({count_opportunities: 0, count_lost: 1, win_rate: 0});
  });

  it("reads a cube whose rep names are hidden", () => {
    const hidden = withoutHiddenNames(SMALL_CUBE, ["reps"]);
    expect(cubeSums(hidden, {team: ["East"]}, ["rep"])).toEqual(cubeSums(SMALL_CUBE, {team: ["East"]}, ["rep"]));
  });

  it("gives zeros and no rates, not NaN, for a filter that keeps nothing", () => {
    const empty = {...NOTHING, win_rate: null, avg_won_amount: null, avg_cycle_days: null};
    expect(cubeSums(SMALL_CUBE, {team: ["East"], product: ["B"]})).toEqual([empty]);
    expect(cubeSums(SMALL_CUBE, {channel: ["no such channel"]})).toEqual([empty]);
    expect(cubeSums(SMALL_CUBE, {start: "2027-01-01", end: "2028-01-01"})).toEqual([empty]);
    expect(cubeSums(SMALL_CUBE, {channel: ["no such channel"]}, ["team"])).toEqual([]);
  });

  it("groups by dimensions in the cube's order, none last, and by month of each measure's own date", () => {
    const rows = cubeSums(SMALL_CUBE, {}, ["channel", "month"]).map((row: Record<string, unknown>) => [
      row.channel,
      row.month,
      row.count_opportunities,
      row.count_won,
      row.count_lost
    ]);
    expect(rows).toEqual([
      ["referral", "2026-10", 1, 0, 0],
      ["referral", "2026-11", 1, 1, 1],
      ["trade_show", "2026-10", 1, 0, 0],
      [null, "2026-11", 1, 1, 0]
    ]);
    expect(cubeSums(SMALL_CUBE, {}, ["team"]).map((row: Record<string, unknown>) => [row.team, row.amount])).toEqual([
      ["East", 1720],
      ["North", 0],
      [null, 500]
    ]);
    expect(cubeSums(SMALL_CUBE, {}, ["quarter"]).map((row: Record<string, unknown>) => row.quarter)).toEqual([
      "2026-Q4"
    ]);
  });

  it("refuses a period that cuts a bucket, and a grouping it does not know", () => {
    expect(() => cubeSums(SMALL_CUBE, {start: "2026-11-10"})).toThrow(
      "cubeSums requires a period of whole buckets: 2026-11-10 to undefined cuts 2026-11-01 to 2026-11-21"
    );
    expect(() => cubeSums(SMALL_CUBE, {}, ["stage"])).toThrow(
      /groups by team, region, channel, product, rep, month, quarter, year, not stage/
    );
  });

  it("answers every filter and grouping without rep from the cube by team, and refuses rep there", () => {
    expect(cubeSums(SMALL_CUBE_BY_TEAM, {region: ["Shanghai"]}, ["team", "month"])).toEqual(
      cubeSums(SMALL_CUBE, {region: ["Shanghai"]}, ["team", "month"])
    );
    expect(cubeSums(SMALL_CUBE_BY_TEAM, {}, ["team"]).map((row: Record<string, unknown>) => row.amount)).toEqual([
      1720, 0, 500
    ]);
    expect(() => cubeSums(SMALL_CUBE_BY_TEAM, {rep: ["r1"]})).toThrow(
      "cubeSums filters or groups by rep in the cube by rep (cubeLoader) only"
    );
    expect(() => cubeSums(SMALL_CUBE_BY_TEAM, {}, ["rep"])).toThrow("the cube by rep");
  });
});

describe("cubeNeedsReps(filter, groupBy)", () => {
  it("is true for a rep filter with values or a rep grouping, and false otherwise", () => {
    expect(cubeNeedsReps({rep: ["r1"]})).toBe(true);
    expect(cubeNeedsReps({}, ["month", "rep"])).toBe(true);
    expect(cubeNeedsReps({rep: [], team: ["East"]}, ["team"])).toBe(false);
    expect(cubeNeedsReps()).toBe(false);
  });
});

describe("cubeLabels(cube, key)", () => {
  it("lists each dimension's and time's values in the cube's order, none last, and the reps in either cube", () => {
    for (const cube of [SMALL_CUBE, SMALL_CUBE_BY_TEAM]) {
      expect(cubeLabels(cube, "rep")).toEqual(["r1", "r2", null]);
      expect(cubeLabels(cube, "team")).toEqual(["East", "North", null]);
      expect(cubeLabels(cube, "channel")).toEqual(["referral", "trade_show", null]);
      expect(cubeLabels(cube, "month")).toEqual(["2026-10", "2026-11"]);
    }
    expect(() => cubeLabels(SMALL_CUBE, "stage")).toThrow(/cubeLabels lists team, .*, not stage/);
  });
});
