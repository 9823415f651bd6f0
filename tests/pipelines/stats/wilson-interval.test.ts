import {describe, expect, it} from "vitest";
import {wilsonInterval, Z_95} from "../../../pipelines/stats/wilson-interval.ts";

// Reference values from scipy 1.17 (same as R's prop.test(x, n, correct = FALSE)$conf.int):
//   from scipy.stats import binomtest
//   binomtest(x, n).proportion_ci(confidence_level=0.95, method="wilson")
describe("wilsonInterval(successes, trials)", () => {
  it("matches scipy and R for 8 of 10", () => {
    // binomtest(8, 10) → (0.4901624715366418, 0.9433178485456248); R: 0.4901625 0.9433178
    const interval = wilsonInterval(8, 10)!;
    expect(interval.lower).toBeCloseTo(0.4901624715366418, 12);
    expect(interval.upper).toBeCloseTo(0.9433178485456248, 12);
  });

  it("starts exactly at 0 for 0 of 5", () => {
    // binomtest(0, 5) → (0.0, 0.43448246478317476)
    expect(wilsonInterval(0, 5)).toEqual({lower: 0, upper: expect.closeTo(0.43448246478317476, 12)});
  });

  it("ends exactly at 1 for 5 of 5", () => {
    // binomtest(5, 5) → (0.5655175352168251, 1.0)
    expect(wilsonInterval(5, 5)).toEqual({lower: expect.closeTo(0.5655175352168251, 12), upper: 1});
  });

  it("matches scipy for one trial and for larger counts", () => {
    // binomtest(1, 1) → (0.20654931437723745, 1.0)
    expect(wilsonInterval(1, 1)!.lower).toBeCloseTo(0.20654931437723745, 12);
    // binomtest(36, 128) → (0.2106132270868173, 0.3646341912828427)
    expect(wilsonInterval(36, 128)!.lower).toBeCloseTo(0.2106132270868173, 12);
    expect(wilsonInterval(36, 128)!.upper).toBeCloseTo(0.3646341912828427, 12);
    // binomtest(104, 181) → (0.5017445909326146, 0.6443265349514946)
    expect(wilsonInterval(104, 181)!.lower).toBeCloseTo(0.5017445909326146, 12);
    expect(wilsonInterval(104, 181)!.upper).toBeCloseTo(0.6443265349514946, 12);
  });

  it("uses the 97.5 % normal quantile by default", () => {
    // scipy.stats.norm.ppf(0.975) → 1.959963984540054
    expect(Z_95).toBe(1.959963984540054);
  });

  it("returns null without trials", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("rejects impossible counts", () => {
    expect(() => wilsonInterval(3, 2)).toThrow("wilsonInterval requires integer counts with 0 ≤ successes ≤ trials");
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
  });
});
