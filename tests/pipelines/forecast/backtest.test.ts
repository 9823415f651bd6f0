import {describe, expect, it} from "vitest";
import {accuracyMetrics} from "../../../pipelines/forecast/accuracy-metrics.ts";
import {
  firstBacktestOrigin,
  maseScale,
  rollingOriginBacktest,
  type Forecaster
} from "../../../pipelines/forecast/backtest.ts";
import {chosenRegressionForecaster} from "../../../pipelines/forecast/choose-regression-form.ts";
import {
  naiveForecaster,
  regressionForecaster,
  seasonalNaiveForecaster
} from "../../../pipelines/forecast/forecasters.ts";
import {forecastSeries} from "../../../pipelines/forecast/series-forecast.ts";

/** The sample's won revenue by month, 2024-04 … 2026-10 (31 months; see forecast-sample.test.ts). */
const SAMPLE = [
  6697000, 4655000, 3975000, 2960000, 2054000, 1440000, 1296000, 4478000, 14971000, 4308000, 1980000, 5733000, 3331000,
  4768000, 7602000, 5840000, 5831000, 2215000, 2347000, 8011000, 15221000, 9446000, 1170000, 5245000, 3169000, 2186000,
  9968000, 6490000, 8746000, 2102000, 2662000
];

describe("firstBacktestOrigin(n)", () => {
  it("trains on a year at least, two years when six origins remain, and keeps the last 24 origins", () => {
    expect(firstBacktestOrigin(34)).toBe(24); // max(12, min(24, 28), 10)
    expect(firstBacktestOrigin(31)).toBe(24); // max(12, min(24, 25), 7)
    expect(firstBacktestOrigin(20)).toBe(14); // max(12, min(24, 14), −4)
    expect(firstBacktestOrigin(60)).toBe(36); // max(12, 24, 36)
    expect(firstBacktestOrigin(12)).toBe(12); // no origin left
  });
});

describe("rollingOriginBacktest(values, firstMonthOfYear, forecaster)", () => {
  it("forecasts each target from the months before its origin, 1–3 months ahead", () => {
    // 14 months 1…14: origins 12 and 13 (firstBacktestOrigin(14) = 12)
    // origin 12: h1 → index 12 (13), naive 12; h2 → index 13 (14), naive 12; h3 → index 14 is outside
    // origin 13: h1 → index 13 (14), naive 13. Scale: < 24 months, lag-1 differences all 1.
    const values = Array.from({length: 14}, (_, i) => i + 1);
    expect(rollingOriginBacktest(values, 1, naiveForecaster)).toEqual([
      {origin: 12, horizon: 1, target: 12, forecast: 12, actual: 13, scale: 1},
      {origin: 12, horizon: 2, target: 13, forecast: 12, actual: 14, scale: 1},
      {origin: 13, horizon: 1, target: 13, forecast: 13, actual: 14, scale: 1}
    ]);
    expect(rollingOriginBacktest(values.slice(0, 12), 1, naiveForecaster)).toEqual([]);
  });

  it("hands the forecaster a frozen copy of the history before the origin, nothing more", () => {
    const seen: number[][] = [];
    const spy: Forecaster = (history, _month, steps) => {
      seen.push([...history]);
      expect(Object.isFrozen(history)).toBe(true);
      return Array(steps).fill(0);
    };
    const values = Array.from({length: 16}, (_, i) => i * 10);
    rollingOriginBacktest(values, 1, spy);
    expect(seen.map((h) => h.length)).toEqual([12, 13, 14, 15]);
    seen.forEach((history) => expect(history).toEqual(values.slice(0, history.length)));
  });

  it("cannot leak a future spike into a forecast made before it", () => {
    // plant a spike at index 27 (2026-07): every forecast from an origin ≤ 27 must be unchanged
    const spiked = [...SAMPLE];
    spiked[27] = 90_000_000;
    const models: Forecaster[] = [
      naiveForecaster,
      seasonalNaiveForecaster,
      regressionForecaster("additive"),
      regressionForecaster("multiplicative"),
      chosenRegressionForecaster
    ];
    for (const model of models) {
      const before = rollingOriginBacktest(SAMPLE, 4, model);
      const after = rollingOriginBacktest(spiked, 4, model);
      const early = (rows: typeof before) => rows.filter((r) => r.origin <= 27).map((r) => r.forecast);
      expect(early(after)).toEqual(early(before));
      // and it does move the forecasts made after it (the test would pass vacuously otherwise)
      const late = (rows: typeof before) => rows.filter((r) => r.origin > 27).map((r) => r.forecast);
      if (model !== seasonalNaiveForecaster) expect(late(after)).not.toEqual(late(before));
    }
    // the same through forecastSeries, which also chooses the form and the shown model
    const a = forecastSeries(SAMPLE, "2024-04-01").backtest;
    const b = forecastSeries(spiked, "2024-04-01").backtest;
    for (const model of Object.keys(a) as (keyof typeof a)[])
      expect(b[model].filter((r) => r.origin <= 27).map((r) => r.forecast)).toEqual(
        a[model].filter((r) => r.origin <= 27).map((r) => r.forecast)
      );
  });

  it("is deterministic", () => {
    expect(rollingOriginBacktest(SAMPLE, 4, chosenRegressionForecaster)).toEqual(
      rollingOriginBacktest(SAMPLE, 4, chosenRegressionForecaster)
    );
  });
});

describe("maseScale(history)", () => {
  it("uses seasonal differences from two years of history, lag-1 differences before", () => {
    const ramp = Array.from({length: 24}, (_, i) => i);
    expect(maseScale(ramp)).toBe(12); // |y(t) − y(t − 12)| = 12 throughout
    expect(maseScale(ramp.slice(0, 23))).toBe(1);
    expect(maseScale([5, 5, 5])).toBeNull();
    expect(maseScale([5])).toBeNull();
  });
});

describe("accuracyMetrics(records)", () => {
  it("computes MAPE, WAPE, MASE and bias by hand", () => {
    // errors f − a: +10, −10, +30 (the null forecast is skipped); |a| sum 100 + 50 + 0 = 150
    // MAPE over a ≠ 0: (10/100 + 10/50) / 2 = 15 %, one month left out
    // WAPE: (10 + 10 + 30) / 150 = 33.33 %; MASE: (10/20 + 10/20 + 30/10) / 3 = 4/3
    // bias: (10 − 10 + 30) / 150 = 20 %; mean error 30 / 3 = 10
    const metrics = accuracyMetrics([
      {forecast: 110, actual: 100, scale: 20},
      {forecast: 40, actual: 50, scale: 20},
      {forecast: 30, actual: 0, scale: 10},
      {forecast: null, actual: 70, scale: 10}
    ]);
    expect(metrics.count_forecasts).toBe(3);
    expect(metrics.mape_pct).toBeCloseTo(15, 12);
    expect(metrics.count_mape_excluded).toBe(1);
    expect(metrics.wape_pct).toBeCloseTo(100 / 3, 12);
    expect(metrics.mase).toBeCloseTo(4 / 3, 12);
    expect(metrics.bias_pct).toBeCloseTo(20, 12);
    expect(metrics.mean_error).toBeCloseTo(10, 12);
  });

  it("is null where undefined: no forecasts, nothing won, no scale", () => {
    expect(accuracyMetrics([])).toEqual({
      count_forecasts: 0,
      mape_pct: null,
      count_mape_excluded: 0,
      wape_pct: null,
      mase: null,
      bias_pct: null,
      mean_error: null
    });
    const zero = accuracyMetrics([{forecast: 5, actual: 0, scale: null}]);
    expect([zero.mape_pct, zero.wape_pct, zero.mase, zero.bias_pct, zero.mean_error]).toEqual([
      null,
      null,
      null,
      null,
      5
    ]);
  });
});
