import {describe, expect, it} from "vitest";
import {filterSearch, pickSlice, readFilter} from "../../../src/components/slices.js";

const site = {
  periods: [{id: "qtd"}, {id: "ytd"}],
  defaultPeriod: "ytd",
  filters: {team: ["华北", "华东"], region: ["华北"], channel: ["referral"]}
};

describe("readFilter(search, site, stored)", () => {
  it("reads the period and one dimension from the address", () => {
    const search = `?period=qtd&team=${encodeURIComponent("华东")}`;
    expect(readFilter(search, site)).toEqual({period: "qtd", team: "华东", region: "", channel: ""});
  });

  it("keeps only the first dimension set and drops unknown values", () => {
    expect(readFilter("?team=华北&channel=referral", site)).toEqual({
      period: "ytd",
      team: "华北",
      region: "",
      channel: ""
    });
    expect(readFilter("?period=forever&team=nobody", site)).toEqual({period: "ytd", team: "", region: "", channel: ""});
  });

  it("falls back to the filter stored for the visit, then to the defaults", () => {
    expect(readFilter("", site, {period: "qtd", channel: "referral"})).toMatchObject({
      period: "qtd",
      channel: "referral"
    });
    expect(readFilter("", site, null)).toEqual({period: "ytd", team: "", region: "", channel: ""});
    // an address with a filter wins over the stored one
    expect(readFilter("?period=ytd", site, {period: "qtd"}).period).toBe("ytd");
  });

  it("round-trips through filterSearch", () => {
    const filter = {period: "qtd", team: "", region: "华北", channel: ""};
    expect(readFilter(filterSearch(filter), site)).toEqual(filter);
    expect(filterSearch({period: "ytd", team: "", region: "", channel: ""})).toBe("?period=ytd");
  });
});

describe("pickSlice(data, filter)", () => {
  const filter = {period: "qtd", team: "华北", region: "", channel: ""};

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
