import {describe, expect, it} from "vitest";
import {
  fitHoltWinters,
  forecastHoltWinters,
  holtWintersFilter,
  type HoltWintersModel
} from "../../../pipelines/forecast/holt-winters.ts";
import {nelderMead} from "../../../pipelines/forecast/nelder-mead.ts";

describe("holtWintersFilter(values, period, seasonality, parameters)", () => {
  it("runs the additive recursions step by step as computed by hand", () => {
    // start: ℓ = mean(10, 12) = 11, b = (mean(11, 13) − 11) / 2 = 0.5, s = [−1, 1]; β* = β/α = 0.5
    // t=2, y=11: ŷ = 11 + 0.5 − 1 = 10.5; ℓ = 0.5·12 + 0.5·11.5 = 11.75; b = 0.5·0.75 + 0.5·0.5 = 0.625;
    //   s0 = 0.5·(11 − 11.5) + 0.5·(−1) = −0.75
    // t=3, y=13: ŷ = 12.375 + 1 = 13.375; ℓ = 0.5·12 + 0.5·12.375 = 12.1875; b = 0.5·0.4375 + 0.5·0.625 = 0.53125;
    //   s1 = 0.5·(13 − 12.375) + 0.5·1 = 0.8125
    // t=4, y=12: ŷ = 12.71875 − 0.75 = 11.96875; ℓ = 0.5·12.75 + 0.5·12.71875 = 12.734375;
    //   b = 0.5·0.546875 + 0.5·0.53125 = 0.5390625; s0 = 0.5·(12 − 12.71875) + 0.5·(−0.75) = −0.734375
    // SSE = 0.5² + 0.375² + 0.03125² = 0.3916015625
    const model = holtWintersFilter([10, 12, 11, 13, 12], 2, "additive", {alpha: 0.5, beta: 0.25, gamma: 0.5, phi: 1})!;
    expect(model.level).toBeCloseTo(12.734375, 12);
    expect(model.trend).toBeCloseTo(0.5390625, 12);
    expect(model.season[0]).toBeCloseTo(-0.734375, 12);
    expect(model.season[1]).toBeCloseTo(0.8125, 12);
    expect(model.sse).toBeCloseTo(0.3916015625, 12);
    // next (t = 5, position 1): 12.734375 + 0.5390625 + 0.8125; then (t = 6, position 0): + 2b − 0.734375
    expect(forecastHoltWinters(model, 1)).toBeCloseTo(14.0859375, 12);
    expect(forecastHoltWinters(model, 2)).toBeCloseTo(13.078125, 12);
  });

  it("runs the multiplicative recursions step by step as computed by hand", () => {
    // start: ℓ = 15, b = (18 − 15) / 2 = 1.5, s = [10/15, 20/15]; β = 0 keeps b at 1.5
    // t=2, y=12: ŷ = 16.5 · 2/3 = 11; ℓ = 0.5 · 18 + 0.5 · 16.5 = 17.25; s0 = 0.5 · 12/16.5 + 0.5 · 2/3 = 23/33
    // t=3, y=24: ŷ = 18.75 · 4/3 = 25; ℓ = 0.5 · 18 + 0.5 · 18.75 = 18.375; s1 = 0.5 · 24/18.75 + 0.5 · 4/3
    // SSE = 1² + 1² = 2; next (position 0): (18.375 + 1.5) · 23/33
    const model = holtWintersFilter([10, 20, 12, 24], 2, "multiplicative", {alpha: 0.5, beta: 0, gamma: 0.5, phi: 1})!;
    expect(model.level).toBeCloseTo(18.375, 12);
    expect(model.season[0]).toBeCloseTo(23 / 33, 12);
    expect(model.season[1]).toBeCloseTo(0.64 + 2 / 3, 12);
    expect(model.sse).toBeCloseTo(2, 12);
    expect(forecastHoltWinters(model, 1)).toBeCloseTo((19.875 * 23) / 33, 12);
  });

  it("needs two seasons, and positive states for the multiplicative form", () => {
    const parameters = {alpha: 0.5, beta: 0.1, gamma: 0.1, phi: 1};
    expect(holtWintersFilter([1, 2, 3], 2, "additive", parameters)).toBeNull();
    expect(holtWintersFilter([-1, -2, -3, -4], 2, "multiplicative", parameters)).toBeNull();
  });
});

describe("forecastHoltWinters(model, step)", () => {
  it("damps the trend: ℓ + (φ + φ² + … + φ^h)·b", () => {
    const model: HoltWintersModel = {
      seasonality: "additive",
      period: 2,
      n: 2,
      level: 100,
      trend: 10,
      season: [0, 0],
      sse: 0,
      alpha: 0.5,
      beta: 0.1,
      gamma: 0.1,
      phi: 0.9
    };
    expect(forecastHoltWinters(model, 1)).toBeCloseTo(109, 12); // 100 + 0.9 · 10
    expect(forecastHoltWinters(model, 2)).toBeCloseTo(117.1, 12); // 100 + 1.71 · 10
    expect(forecastHoltWinters(model, 3)).toBeCloseTo(124.39, 12); // 100 + 2.439 · 10
  });
});

describe("fitHoltWinters(values, period, seasonality, damped)", () => {
  it("forecasts a season that repeats exactly, exactly, with either seasonality", () => {
    // level 100 and no trend: the starting states are exact, so every weight fits with SSE 0
    const season = [0, -30, 5, 10, 12, 20, 8, 6, -5, 0, 25, 60];
    const values = Array.from({length: 48}, (_, i) => 100 + season[i % 12]);
    for (const seasonality of ["additive", "multiplicative"] as const) {
      const model = fitHoltWinters(values, 12, seasonality, true)!;
      expect(model.sse).toBeCloseTo(0, 9);
      expect(forecastHoltWinters(model, 1)).toBeCloseTo(100, 9); // January
      expect(forecastHoltWinters(model, 12)).toBeCloseTo(160, 9); // December
    }
  });

  it("keeps the weights within their bounds and fits no worse than fixed weights", () => {
    const values = Array.from({length: 40}, (_, i) => 50 + i + 10 * Math.sin((2 * Math.PI * i) / 12) + ((i * 7) % 5));
    const model = fitHoltWinters(values, 12, "additive", true)!;
    expect(model.alpha).toBeGreaterThan(0);
    expect(model.alpha).toBeLessThan(1);
    expect(model.beta).toBeLessThanOrEqual(model.alpha);
    expect(model.gamma).toBeLessThanOrEqual(1 - model.alpha);
    expect(model.phi).toBeGreaterThanOrEqual(0.8);
    expect(model.phi).toBeLessThanOrEqual(0.98);
    for (const fixed of [
      {alpha: 0.5, beta: 0.05, gamma: 0.05, phi: 0.9},
      {alpha: 0.2, beta: 0.02, gamma: 0.3, phi: 0.95}
    ])
      expect(model.sse).toBeLessThanOrEqual(holtWintersFilter(values, 12, "additive", fixed)!.sse);
  });

  it("needs 2 seasons + 4 months, and positive values for the multiplicative form", () => {
    expect(fitHoltWinters(Array(27).fill(5), 12, "additive", true)).toBeNull();
    expect(fitHoltWinters([0, ...Array(30).fill(5)], 12, "multiplicative", true)).toBeNull();
  });
});

describe("nelderMead(f, start)", () => {
  it("finds the minimum of a quadratic bowl", () => {
    const {point, value} = nelderMead(([x, y]) => (x - 1) ** 2 + 10 * (y + 2) ** 2, [0, 0]);
    expect(point[0]).toBeCloseTo(1, 3);
    expect(point[1]).toBeCloseTo(-2, 3);
    expect(value).toBeCloseTo(0, 6);
  });
});
