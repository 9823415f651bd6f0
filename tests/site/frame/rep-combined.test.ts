import {describe, expect, it} from "vitest";
import {cubeFigures, cubeLoader, cubeValues} from "../../../src/components/cube-filter.js";
import {combinedRepRows} from "../../../src/components/rep-combined.js";
import {SMALL_CUBE, SMALL_CUBE_BY_TEAM} from "../small-cube.ts";

// the four opportunities of small-cube.ts: o1 (r1, referral, A) won for 1000 on November 10th, o2 (r1, referral,
// A) lost on November 21st, after the quarter to date; o3 (r2) won without an amount; o4 (no owner) open for 500
const site = {periods: [{id: "qtd", start: "2026-10-01", end: "2026-11-21"}]};
const none = {team: [], region: [], channel: [], product: [], rep: []};

describe("cubeValues(cube)", () => {
  it("lists every value of each dimension, none for a value left empty, the reps from the cube by team too", () => {
    expect(cubeValues(SMALL_CUBE_BY_TEAM)).toEqual(cubeValues(SMALL_CUBE));
    expect(cubeValues(SMALL_CUBE)).toEqual({
      team: ["East", "North"],
      region: ["Beijing", "Shanghai"],
      channel: ["referral", "trade_show"],
      product: ["A", "B"],
      rep: ["r1", "r2"]
    });
  });
});

describe("cubeLoader(byTeam, loadByRep)", () => {
  it("answers with the cube by team unless a filter or grouping needs reps, and loads the one by rep once", async () => {
    let loads = 0;
    const cubeFor = cubeLoader(SMALL_CUBE_BY_TEAM, () => (loads++, Promise.resolve(SMALL_CUBE)));
    expect(await cubeFor({...none, period: "qtd", team: ["East"]})).toBe(SMALL_CUBE_BY_TEAM);
    expect(loads).toBe(0);
    expect(await cubeFor({...none, period: "qtd", rep: ["r1"]})).toBe(SMALL_CUBE);
    expect(await cubeFor({...none, period: "qtd"}, ["rep"])).toBe(SMALL_CUBE);
    expect(loads).toBe(1);
  });
});

describe("cubeFigures(cube, filter, span)", () => {
  it("has no figures for a span that cuts the cube's buckets", () => {
    expect(cubeFigures(SMALL_CUBE, none, {start: "2026-10-15", end: "2026-11-21"})).toBeNull();
  });
});

describe("combinedRepRows(cube, site, filter)", () => {
  it("sums each rep's deals closed in the period, and open now, for the combination", () => {
    const rows = combinedRepRows(SMALL_CUBE, site, {...none, period: "qtd", channel: ["referral"], product: ["A"]});
    expect(rows).toMatchObject([
      {rep_id: "r1", count_won: 1, count_lost: 0, win_rate: 1, won_revenue: 1000, count_open: 0, open_amount: 0}
    ]);
    // what needs the deals themselves is no number, never a wrong one
    expect([rows[0].rank, rows[0].shrunk_win_rate, rows[0].quota_attainment_rate]).toEqual([null, null, null]);
  });

  it("lists the deals without an owner too, by revenue then deals won", () => {
    expect(
      combinedRepRows(SMALL_CUBE, site, {...none, period: "qtd"}).map((row) => [row.rep_id, row.count_open])
    ).toEqual([
      ["r1", 0],
      ["r2", 0],
      [null, 1]
    ]);
  });
});
