import {describe, expect, it} from "vitest";
import {accuracyMetrics} from "../../../pipelines/forecast/accuracy-metrics.ts";
import {
  firstBacktestTarget,
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
import {SAMPLE_REVENUE} from "./sample-revenue.ts";

const SAMPLE = SAMPLE_REVENUE;

describe("firstBacktestTarget(n)", () => {
  it("leaves a year before a 3-month-ahead forecast, two when six targets remain, and scores the last 24 months", () => {
    expect(firstBacktestTarget(34)).toBe(26); // max(14, min(26, 28), 10)
    expect(firstBacktestTarget(31)).toBe(25); // max(14, min(26, 25), 7)
    expect(firstBacktestTarget(20)).toBe(14); // max(14, min(26, 14), −4)
    expect(firstBacktestTarget(60)).toBe(36); // max(14, 26, 36)
    expect(firstBacktestTarget(144)).toBe(120); // the last 24 of 144
    expect(firstBacktestTarget(14)).toBe(14); // no target left
  });
});

describe("rollingOriginBacktest(values, firstMonthOfYear, forecaster)", () => {
  it("forecasts the same target months at every horizon, each from the months before its origin", () => {
    // 16 months 1…16: targets 14 and 15 (firstBacktestTarget(16) = 14), from origins 12 … 15
    // h3 of target 14 from origin 12 (naive 12), h2 from 13, h1 from 14; target 15 likewise from 13, 14, 15.
    // Scale: < 24 months, lag-1 differences all 1.
    const values = Array.from({length: 16}, (_, i) => i + 1);
    const rows = rollingOriginBacktest(values, 1, naiveForecaster);
    expect(rows).toEqual([
      {origin: 12, horizon: 3, target: 14, forecast: 12, actual: 15, scale: 1},
      {origin: 13, horizon: 2, target: 14, forecast: 13, actual: 15, scale: 1},
      {origin: 13, horizon: 3, target: 15, forecast: 13, actual: 16, scale: 1},
      {origin: 14, horizon: 1, target: 14, forecast: 14, actual: 15, scale: 1},
      {origin: 14, horizon: 2, target: 15, forecast: 14, actual: 16, scale: 1},
      {origin: 15, horizon: 1, target: 15, forecast: 15, actual: 16, scale: 1}
    ]);
    for (const horizon of [1, 2, 3])
      expect(rows.filter((r) => r.horizon === horizon).map((r) => r.target)).toEqual([14, 15]);
    expect(rollingOriginBacktest(values.slice(0, 14), 1, naiveForecaster)).toEqual([]);
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
    // the same through forecastSeries, which runs the whole procedure as shown again at each origin
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
