import {describe, expect, it} from "vitest";
import {
  filterSearch,
  nearestSlice,
  parseFilter,
  pickSlice,
  readFilter,
  sliceKey
} from "../../../src/components/slices.js";

const site = {
  periods: [{id: "qtd"}, {id: "ytd"}],
  defaultPeriod: "ytd",
  filters: {team: ["华北", "华东"], region: ["华北"], channel: ["referral"]}
};
const none = {team: [], region: [], channel: [], product: [], rep: []};

describe("readFilter(search, site, stored, values)", () => {
  it("reads the period and one dimension from the address", () => {
    const search = `?period=qtd&team=${encodeURIComponent("华东")}`;
    expect(readFilter(search, site)).toEqual({...none, period: "qtd", team: ["华东"]});
  });

  it("reads any combination, several values to a dimension, and drops unknown values", () => {
    const values = {channel: ["referral", "trade_show"], product: ["CRM", "ERP"]};
    expect(readFilter("?team=华北&channel=referral,trade_show&product=ERP", site, null, values)).toEqual({
      ...none,
      period: "ytd",
      team: ["华北"],
      channel: ["referral", "trade_show"],
      product: ["ERP"]
    });
    expect(readFilter("?period=forever&team=nobody", site)).toEqual({...none, period: "ytd"});
  });

  it("names the values it drops, and keeps a dimension the page offers no list of", () => {
    const {filter, dropped} = parseFilter("?team=华东,西北&rep=R9", site, null, {});
    expect(filter).toEqual({...none, period: "ytd", team: ["华东"], rep: ["R9"]});
    expect(dropped).toEqual([{dimension: "team", value: "西北"}]);
    expect(parseFilter("?rep=R9", site, null, {rep: ["R1"]}).dropped).toEqual([{dimension: "rep", value: "R9"}]);
  });

  it("falls back to the filter stored for the visit, of this or the old form, then to the defaults", () => {
    expect(readFilter("", site, {period: "qtd", channel: "referral"})).toEqual({
      ...none,
      period: "qtd",
      channel: ["referral"]
    });
    expect(readFilter("", site, {period: "qtd", team: ["华北", "华东"]}).team).toEqual(["华北", "华东"]);
    expect(readFilter("", site, null)).toEqual({...none, period: "ytd"});
    // an address with a filter wins over the stored one
    expect(readFilter("?period=ytd", site, {period: "qtd"}).period).toBe("ytd");
  });

  it("round-trips through filterSearch", () => {
    const filter = {...none, period: "qtd", region: ["华北"], channel: ["referral"]};
    expect(readFilter(filterSearch(filter), site)).toEqual(filter);
    expect(filterSearch({...none, period: "ytd"})).toBe("?period=ytd");
    expect(decodeURIComponent(filterSearch({...none, period: "ytd", team: ["华北", "华东"]}))).toBe(
      "?period=ytd&team=华北,华东"
    );
  });
});

describe("sliceKey(filter)", () => {
  it("is the precomputed key of all or one value of team, region or channel, and 'combined' otherwise", () => {
    expect(sliceKey({...none, period: "qtd"})).toBe("qtd|all");
    expect(sliceKey({...none, period: "qtd", region: ["华北"]})).toBe("qtd|region=华北");
    expect(sliceKey({period: "qtd", team: "华北", region: "", channel: ""})).toBe("qtd|team=华北");
    expect(sliceKey({...none, period: "qtd", team: ["华北"], channel: ["referral"]})).toBe("qtd|combined");
    expect(sliceKey({...none, period: "qtd", team: ["华北", "华东"]})).toBe("qtd|combined");
    expect(sliceKey({...none, period: "qtd", product: ["CRM"]})).toBe("qtd|combined");
  });
});

describe("pickSlice(data, filter)", () => {
  const filter = {...none, period: "qtd", team: ["华北"]};

  it("takes the exact slice first", () => {
    const data = {slices: {"qtd|team=华北": 1, "*|team=华北": 2, "qtd|*": 3}};
    expect(pickSlice(data, filter)).toBe(1);
  });

  it("falls back to a page's period-free or filter-free slices", () => {
    expect(pickSlice({slices: {"*|team=华北": 2, "qtd|*": 3}}, filter)).toBe(2);
    expect(pickSlice({slices: {"qtd|*": 3, "ytd|*": 4}}, filter)).toBe(3);
    expect(pickSlice({slices: {"ytd|all": 5}}, filter)).toBeUndefined();
  });
});

describe("nearestSlice(data, filter)", () => {
  const all = {name: "all"};
  const referral = {name: "referral"};
  const data = {slices: {"qtd|all": all, "qtd|channel=referral": referral}};

  it("takes the first single value of team, region or channel with a slice, else all", () => {
    const combination = {...none, period: "qtd", team: ["西北"], channel: ["referral"], product: ["CRM"]};
    expect(nearestSlice(data, combination)).toEqual({
      slice: referral,
      choice: {dimension: "channel", value: "referral"}
    });
    expect(nearestSlice(data, {...none, period: "qtd", team: ["华北", "华东"]})).toEqual({slice: all, choice: null});
  });
});
