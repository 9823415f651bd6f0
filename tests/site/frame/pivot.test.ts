import {describe, expect, it} from "vitest";
import {withoutHiddenNames} from "../../../site/hidden-names.ts";
import {common} from "../../../src/locales/common.js";
import {exploreText} from "../../../src/locales/explore.js";
import {displayNameMessages} from "../../../src/components/display-names.js";
import {formatters, translator} from "../../../src/components/i18n.js";
import {pivotCsv, pivotData, pivotGrid} from "../../../src/components/pivot-data.js";
import {pivotLabels, repNames} from "../../../src/components/pivot-labels.js";
import {NOT_SET, parsePivot, pivotFilter, pivotSearch} from "../../../src/components/pivot-state.js";
import {SMALL_CUBE} from "../small-cube.ts";

const known = {
  periods: ["qtd", "ytd", "all"],
  defaultPeriod: "ytd",
  values: {
    team: ["East", "North", null],
    region: ["Beijing", "Shanghai", null],
    channel: ["referral", "trade_show", null],
    product: ["A", "B", null],
    rep: ["r1", "r2", null]
  }
};

const PERIODS = [
  {id: "qtd", start: "2026-10-01", end: "2026-11-21"},
  {id: "all", start: "2026-10-01", end: "2026-11-21"}
];

describe("parsePivot(search, known) and pivotSearch(state)", () => {
  it("opens on won amount by channel and quarter in the default period", () => {
    expect(parsePivot("", known)).toEqual({
      state: {rows: "channel", cols: "quarter", measure: "won_amount", period: "ytd", filters: {}},
      dropped: []
    });
  });

  it("reads what a link asks for and writes it back the same", () => {
    const search = `?rows=rep&cols=none&measure=win_rate&period=qtd&team=East,North&channel=referral&channel=${NOT_SET}`;
    const {state, dropped} = parsePivot(search, known);
    expect(dropped).toEqual([]);
    expect(state).toEqual({
      rows: "rep",
      cols: null,
      measure: "win_rate",
      period: "qtd",
      filters: {team: ["East", "North"], channel: ["referral", null]}
    });
    expect(pivotSearch(state, known.values)).toBe(
      `?rows=rep&cols=none&measure=win_rate&period=qtd&team=East%2CNorth&channel=referral%2C${NOT_SET}`
    );
    expect(parsePivot(pivotSearch(state, known.values), known).state).toEqual(state);
  });

  it("drops what it does not know, and says what it dropped", () => {
    const {state, dropped} = parsePivot(
      "?rows=colour&cols=rows&measure=profit&period=ever&team=West,East&rep=r9",
      known
    );
    expect(state).toEqual({
      rows: "channel",
      cols: "quarter",
      measure: "won_amount",
      period: "ytd",
      filters: {team: ["East"]}
    });
    expect(dropped).toEqual([
      {key: "rows", value: "colour"},
      {key: "cols", value: "rows"},
      {key: "measure", value: "profit"},
      {key: "period", value: "ever"},
      {key: "team", value: "West"},
      {key: "rep", value: "r9"}
    ]);
  });

  it("keeps a value holding a comma whole, and groups columns by nothing when they equal the rows", () => {
    const values = {...known.values, product: ["A, large", "B"]};
    const state = {rows: "product", cols: null, measure: "count", period: "all", filters: {product: ["A, large", "B"]}};
    const search = pivotSearch(state, values);
    expect(parsePivot(search, {...known, values})).toEqual({state, dropped: []});
    expect(parsePivot("?rows=quarter", known).state).toMatchObject({rows: "quarter", cols: null});
    expect(parsePivot("?rows=team&cols=team", known)).toMatchObject({
      state: {rows: "team", cols: null},
      dropped: [{key: "cols", value: "team"}]
    });
  });

  it("filters the cube by the period's days and the values kept", () => {
    const {state} = parsePivot("?period=qtd&team=East", known);
    expect(pivotFilter(state, PERIODS)).toEqual({start: "2026-10-01", end: "2026-11-21", team: ["East"]});
  });
});

// the four opportunities of small-cube.ts: o1 (r1, East, referral) created in October for 1000 and won in
// November; o2 (r1, referral) created in November for 720 and lost after the 21st; o3 (r2, North, no channel)
// created and won in November without an amount; o4 (no owner, trade_show) created in October for 500, open
describe("pivotData(cube, state, filter)", () => {
  const state = (rows: string | null, cols: string | null, measure: string, filters = {}) => ({
    rows,
    cols,
    measure,
    period: "all",
    filters
  });

  it("sums each cell, row and column, largest rows first, values not set last, times in order", () => {
    const data = pivotData(SMALL_CUBE, state("channel", "month", "count"), {});
    expect(data.rows).toEqual(["referral", "trade_show", null]);
    expect(data.cols).toEqual(["2026-10", "2026-11"]);
    expect(
      data.rows!.map((row: string | null) => data.cols!.map((col: string | null) => data.value(row, col)))
    ).toEqual([
      [1, 1],
      [1, 0],
      [0, 1]
    ]);
    expect(data.rows!.map((row: string | null) => data.value(row, undefined))).toEqual([2, 1, 1]);
    expect(data.cols!.map((col: string | null) => data.value(undefined, col))).toEqual([2, 2]);
    expect(data.value(undefined, undefined)).toBe(4);
  });

  it("computes the total of a win rate from the deals, not from the cells' rates, and leaves out rows without one", () => {
    const data = pivotData(SMALL_CUBE, state("team", "channel", "win_rate"), {});
    // East won o1 and lost o2, North won o3; the open o4 has no owner and no rate
    expect(data.rows).toEqual(["North", "East"]);
    expect(data.cols).toEqual(["referral", null]);
    expect(data.value("East", "referral")).toBe(0.5);
    expect(data.value("East", null)).toBeNull();
    expect(data.value("North", null)).toBe(1);
    expect(data.value(undefined, undefined)).toBe(2 / 3);
  });

  it("keeps the period and the values filtered", () => {
    const data = pivotData(SMALL_CUBE, state("rep", null, "won_amount"), {
      start: "2026-11-01",
      end: "2026-11-21",
      channel: ["referral"]
    });
    expect(data.rows).toEqual(["r1"]);
    expect(data.cols).toBeNull();
    expect(data.value("r1", undefined)).toBe(1000);
    expect(data.value(undefined, undefined)).toBe(1000);
  });
});

describe("pivotGrid(data, state, names) and pivotCsv(grid)", () => {
  const t = translator("en", common, exploreText, displayNameMessages());
  const fmt = formatters("en", "CNY");
  const {label, names} = pivotLabels(t, fmt, repNames(SMALL_CUBE));

  it("lays the pivot out as the table shows it, with a total line, and writes it as CSV with exact numbers", () => {
    const pivot = {rows: "rep", cols: "quarter", measure: "amount", period: "all", filters: {}};
    const grid = pivotGrid(pivotData(SMALL_CUBE, pivot, {}), pivot, {label, names: names("amount")});
    expect(grid).toEqual({
      header: ["Rep", "2026 Q4", "Total"],
      lines: [
        {label: "Li Lei", values: [1720, 1720], total: false},
        {label: "No owner", values: [500, 500], total: false},
        {label: "Total", values: [2220, 2220], total: true}
      ]
    });
    expect(pivotCsv(grid)).toBe("Rep,2026 Q4,Total\r\nLi Lei,1720,1720\r\nNo owner,500,500\r\nTotal,2220,2220\r\n");
  });

  it("has one line without rows, and names a rate's total overall", () => {
    const pivot = {rows: null, cols: "channel", measure: "win_rate", period: "all", filters: {}};
    const grid = pivotGrid(pivotData(SMALL_CUBE, pivot, {}), pivot, {label, names: names("win_rate")});
    expect(grid.header).toEqual(["", "Referral", "No channel", "Overall"]);
    expect(grid.lines).toEqual([{label: "Overall", values: [0.5, 1, 2 / 3], total: false}]);
  });

  it("names times, and reps by id where the site hides their names", () => {
    const zh = pivotLabels(translator("zh-CN", common, exploreText), formatters("zh-CN", "CNY"));
    expect([zh.label("quarter", "2026-Q4"), zh.label("month", "2026-03"), zh.label("year", "2026")]).toEqual([
      "2026年第4季度",
      "2026年3月",
      "2026年"
    ]);
    expect(zh.label("rep", null)).toBe("无负责人");
    expect(label("channel", "trade_show")).toBe("Trade show");
    expect(repNames(withoutHiddenNames(SMALL_CUBE, ["reps"]))).toEqual(new Map());
  });
});
