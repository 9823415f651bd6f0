import {describe, expect, it} from "vitest";
import {periodHead, periodPart, slicePeriods} from "../../site/period-files.ts";
import {pickSlice} from "../../src/components/slices.js";

const data = {
  slices: {
    "qtd|all": {n: 1},
    "qtd|team=华北": {n: 2},
    "ytd|all": {n: 3},
    // equal to a slice of the same period, and to one of another period
    "ytd|team=华北": "ytd|all",
    "ytd|region=北区": "qtd|team=华北"
  },
  // sliced by period: goes with the parts; as of now ("*|…"): stays in the head
  specialties: {slices: {"qtd|*": {s: 1}, "ytd|*": {s: 3}}},
  load: {slices: {"*|*": {l: 1}}},
  people: {R1: {rep_name: "王"}}
};

describe("periodHead, periodPart, slicePeriods", () => {
  it("splits page data into a head without what is sliced by period and one part per period", () => {
    expect(periodHead(data)).toEqual({load: {slices: {"*|*": {l: 1}}}, people: {R1: {rep_name: "王"}}});
    expect(slicePeriods(data)).toEqual(["qtd", "ytd"]);
    expect(periodPart(data, "qtd")).toEqual({
      slices: {"qtd|all": {n: 1}, "qtd|team=华北": {n: 2}},
      specialties: {slices: {"qtd|*": {s: 1}}}
    });
  });

  it("writes out a shared slice of another period, and keeps a reference within the period", () => {
    const ytd = periodPart(data, "ytd") as {slices: Record<string, unknown>};
    expect(ytd.slices).toEqual({"ytd|all": {n: 3}, "ytd|team=华北": "ytd|all", "ytd|region=北区": {n: 2}});
    expect(pickSlice(ytd, {period: "ytd", team: "华北", region: "", channel: ""})).toEqual({n: 3});
    expect(pickSlice(ytd, {period: "ytd", team: "", region: "北区", channel: ""})).toEqual({n: 2});
  });
});
