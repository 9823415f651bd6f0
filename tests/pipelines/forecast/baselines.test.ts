import {describe, expect, it} from "vitest";
import {naiveForecast, seasonalNaiveForecast, seasonalNaivePrediction} from "../../../pipelines/forecast/baselines.ts";

const YEAR_AND_TWO = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 13, 24];

describe("naiveForecast(values, step)", () => {
  it("repeats the last month at every step", () => {
    expect(naiveForecast([5, 7, 9], 1)).toBe(9);
    expect(naiveForecast([5, 7, 9], 3)).toBe(9);
    expect(naiveForecast([], 1)).toBeNull();
    expect(() => naiveForecast([1], 0)).toThrow("a forecast step must be an integer ≥ 1");
  });
});

describe("seasonalNaiveForecast(values, step)", () => {
  it("takes the same month a year earlier", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
    // n = 13: step 1 is index 13, a year earlier index 1 → 2; step 12 is index 24 → index 12 → 13
    expect(seasonalNaiveForecast(values, 1)).toBe(2);
    expect(seasonalNaiveForecast(values, 12)).toBe(13);
    // step 13 is index 25: index 13 is not known yet, so two years back, index 1 → 2
    expect(seasonalNaiveForecast(values, 13)).toBe(2);
    expect(seasonalNaiveForecast(values.slice(0, 11), 1)).toBeNull();
  });
});

describe("seasonalNaivePrediction(values, steps)", () => {
  it("gives the interval of Hyndman & Athanasopoulos from the in-sample residuals", () => {
    // residuals y(t) − y(t − 12): 13 − 10 = 3, 24 − 20 = 4 → σ̂² = (9 + 16) / 2 = 12.5, σ̂ = 3.5355339
    // step 1 (index 14 → index 2): 30 ± z · σ̂; z80 = 1.2815516, z95 = 1.9599640 (scipy.stats.norm.ppf)
    const one = seasonalNaivePrediction(YEAR_AND_TWO, [1])!;
    expect(one.point).toBe(30);
    expect(one.lower_80!).toBeCloseTo(30 - 1.2815515655446004 * Math.sqrt(12.5), 10);
    expect(one.upper_95!).toBeCloseTo(30 + 1.959963984540054 * 3.5355339059327378, 10);
    // step 13: ⌊12 / 12⌋ + 1 = 2 years of error: σ̂ √2 = 5 → 95 % half-width 9.79982
    const late = seasonalNaivePrediction(YEAR_AND_TWO, [13])!;
    expect(late.point).toBe(30);
    expect(late.upper_95! - late.point).toBeCloseTo(1.959963984540054 * 5, 10);
    // a quarter: 30 + 40 + 50 = 120, variance 3 · 12.5 = 37.5
    const quarter = seasonalNaivePrediction(YEAR_AND_TWO, [1, 2, 3])!;
    expect(quarter.point).toBe(120);
    expect(quarter.upper_95! - 120).toBeCloseTo(1.959963984540054 * Math.sqrt(37.5), 10);
  });

  it("weights the months of a sum: a third of the next month still to come, then two whole months", () => {
    // 30 / 3 + 40 + 50 = 100; variance (1/9 + 1 + 1) · 12.5 = 26.3889 → 95 % half-width 1.959964 · 5.1370 = 10.068358
    const rest = seasonalNaivePrediction(YEAR_AND_TWO, [1, 2, 3], [1 / 3, 1, 1])!;
    expect(rest.point).toBeCloseTo(100, 12);
    expect(rest.upper_95! - rest.point).toBeCloseTo(10.068357859677985, 10);
  });

  it("has no interval with exactly a year of history, and no forecast with less", () => {
    expect(seasonalNaivePrediction(YEAR_AND_TWO.slice(0, 12), [1])).toEqual({
      point: 10,
      lower_80: null,
      upper_80: null,
      lower_95: null,
      upper_95: null
    });
    expect(seasonalNaivePrediction(YEAR_AND_TWO.slice(0, 11), [1])).toBeNull();
  });
});
