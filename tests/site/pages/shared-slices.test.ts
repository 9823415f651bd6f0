import {describe, expect, it} from "vitest";
import {shareEqualSlices} from "../../../site/shared-slices.ts";
import {pickSlice, sliceAt} from "../../../src/components/slices.js";

describe("shareEqualSlices(slices)", () => {
  const slices = shareEqualSlices({
    "ytd|all": {count: 3},
    "ytd|team=华北": {count: 1},
    "ytd|region=华北": {count: 1}
  });

  it("writes a slice equal to an earlier one as the earlier one's key", () => {
    expect(slices).toEqual({"ytd|all": {count: 3}, "ytd|team=华北": {count: 1}, "ytd|region=华北": "ytd|team=华北"});
  });

  it("is followed by sliceAt and pickSlice", () => {
    expect(sliceAt(slices, "ytd|region=华北")).toEqual({count: 1});
    expect(sliceAt(slices, "ytd|all")).toEqual({count: 3});
    expect(pickSlice({slices}, {period: "ytd", team: "", region: "华北", channel: ""})).toEqual({count: 1});
  });
});
