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

  it("lists them from the cube's keys alone, without its cells", () => {
    const {cells: _cells, sums: _sums, ...keys} = SMALL_CUBE_BY_TEAM;
    expect(cubeValues(keys)).toEqual(cubeValues(SMALL_CUBE));
  });
});

describe("cubeLoader(keys, files)", () => {
  // stand-ins for FileAttachment: a name and a size; `read` notes which were read
  const file = (name: string, size = 100) => ({name, size});
  const byTeam = file("cube by team");
  const shards = [file("shard 0"), file("shard 1"), file("shard 2")];
  const periods = {qtd: {created: file("qtd created"), open: file("qtd open"), closed: file("qtd closed")}};
  const {cells: _cells, sums: _sums, ...keys} = SMALL_CUBE_BY_TEAM;
  const loader = (budget = 500_000, spent = (_filter: object): {name: string; size: number}[] => []) => {
    const read: string[] = [];
    const cubeFor = cubeLoader(keys, {
      byTeam,
      shards,
      periods,
      sitePeriods: site.periods,
      read: (f: {name: string}) => (read.push(f.name), Promise.resolve(f === byTeam ? SMALL_CUBE_BY_TEAM : SMALL_CUBE)),
      budget,
      spent
    });
    return {cubeFor, read};
  };

  it("answers with the cube by team, read when first needed, unless a filter or grouping needs reps", async () => {
    const {cubeFor, read} = loader();
    expect(read).toEqual([]);
    expect(await cubeFor({...none, period: "qtd", team: ["East"]})).toBe(SMALL_CUBE_BY_TEAM);
    expect(await cubeFor({...none, period: "qtd"}, ["channel", "month"])).toBe(SMALL_CUBE_BY_TEAM);
    expect(read).toEqual(["cube by team"]);
  });

  it("loads the shard of each rep chosen (its position in the reps, modulo the shards), each once", async () => {
    const {cubeFor, read} = loader();
    // r1 and r2 are the cube's reps 0 and 1
    expect(await cubeFor({...none, period: "qtd", rep: ["r2"]})).toBe(SMALL_CUBE);
    await cubeFor({...none, period: "ly", rep: ["r2"]}, ["month"]);
    expect(read).toEqual(["shard 1"]);
    const two = await cubeFor({...none, period: "qtd", rep: ["r1", "r2"]});
    expect(read).toEqual(["shard 1", "shard 0"]);
    // the same merge again is the same object, whose decoded table cubeSums keeps
    expect(await cubeFor({...none, period: "ytd", rep: ["r2", "r1"]})).toBe(two);
  });

  it("groups by rep over a site period from that period's files of the measures asked for", async () => {
    const {cubeFor, read} = loader();
    await cubeFor({...none, period: "qtd"}, ["rep"], ["win_rate", "count_open"]);
    expect(read).toEqual(["qtd open", "qtd closed"]);
    // a pivot names its period by its days
    await cubeFor({start: "2026-10-01", end: "2026-11-21"}, ["rep", "product"], ["amount"]);
    expect(read).toEqual(["qtd open", "qtd closed", "qtd created"]);
    // by a time, or over days that are no site period: the shards, every one without a rep chosen
    await cubeFor({...none, period: "qtd"}, ["rep", "quarter"]);
    expect(read.slice(3)).toEqual(["shard 0", "shard 1", "shard 2"]);
  });

  it("answers null, loading nothing, when the files needed pass the budget", async () => {
    const {cubeFor, read} = loader(250);
    expect(await cubeFor({...none, period: "qtd"}, ["rep", "month"])).toBeNull();
    expect(await cubeFor({...none, period: "qtd"}, ["rep"])).toBeNull();
    expect(read).toEqual([]);
    expect(await cubeFor({...none, period: "qtd", rep: ["r1", "r2"]})).not.toBeNull();
  });

  it("counts the page's own files of the view in the budget, and the files of requests loaded together once", async () => {
    const own = file("the page's period file", 150);
    const {cubeFor, read} = loader(400, (filter) => ((filter as {period?: string}).period === "qtd" ? [own] : []));
    // 150 + 100: within 400
    expect(await cubeFor({...none, period: "qtd", team: ["East"]})).toBe(SMALL_CUBE_BY_TEAM);
    // 150 + two shards, 200: within; 150 + three: past it
    expect(await cubeFor({...none, period: "qtd", rep: ["r1", "r2"]})).not.toBeNull();
    expect(await cubeFor({...none, period: "qtd"}, ["rep", "month"])).toBeNull();
    expect(await cubeFor({...none, period: "ly"}, ["rep", "month"])).not.toBeNull();
    // the period's closed file and all time's open one together: the first request's view spends 150 + 200
    read.length = 0;
    const both = await cubeFor.all([
      [{...none, period: "qtd"}, ["rep"], ["win_rate"]],
      [{...none, period: "qtd"}, ["rep"], ["count_open"]]
    ]);
    expect(both).toHaveLength(2);
    expect(read).toEqual(["qtd closed", "qtd open"]);
    expect(
      await cubeFor.all([
        [{...none, period: "qtd"}, ["rep"], ["win_rate"]],
        [{...none, period: "qtd"}, ["rep"], ["amount"]],
        [{...none, period: "qtd"}, ["rep"], ["count_open"]]
      ])
    ).toBeNull();
  });
});

describe("cubeFigures(cube, filter, span)", () => {
  it("has no figures for a span that cuts the cube's buckets", () => {
    expect(cubeFigures(SMALL_CUBE, none, {start: "2026-10-15", end: "2026-11-21"})).toBeNull();
  });
});

describe("combinedRepRows(cube, now, site, filter)", () => {
  it("sums each rep's deals closed in the period, and open now, for the combination", () => {
    const rows = combinedRepRows(SMALL_CUBE, SMALL_CUBE, site, {
      ...none,
      period: "qtd",
      channel: ["referral"],
      product: ["A"]
    });
    expect(rows).toMatchObject([
      {rep_id: "r1", count_won: 1, count_lost: 0, win_rate: 1, won_revenue: 1000, count_open: 0, open_amount: 0}
    ]);
    // what needs the deals themselves is no number, never a wrong one
    expect([rows[0].rank, rows[0].shrunk_win_rate, rows[0].quota_attainment_rate]).toEqual([null, null, null]);
  });

  it("lists the deals without an owner too, by revenue then deals won", () => {
    expect(
      combinedRepRows(SMALL_CUBE, SMALL_CUBE, site, {...none, period: "qtd"}).map((row) => [row.rep_id, row.count_open])
    ).toEqual([
      ["r1", 0],
      ["r2", 0],
      [null, 1]
    ]);
  });
});
