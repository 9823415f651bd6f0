import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {accuracyMetrics} from "../../../pipelines/forecast/accuracy-metrics.ts";
import {rollingOriginBacktest} from "../../../pipelines/forecast/backtest.ts";
import {
  holtWintersForecaster,
  naiveForecaster,
  regressionForecaster,
  seasonalNaiveForecaster
} from "../../../pipelines/forecast/forecasters.ts";
import {intervalCoverage} from "../../../pipelines/forecast/interval-coverage.ts";
import {errorLevel, halfWidths, procedureForecast} from "../../../pipelines/forecast/procedure-forecast.ts";
import {forecastSeries} from "../../../pipelines/forecast/series-forecast.ts";
import {SAMPLE_REVENUE} from "./sample-revenue.ts";

const SEASON = [0, -30, 5, 10, 12, 20, 8, 6, -5, 0, 25, 60];
/** 60 months from January: 100 + 2t + a fixed month effect, no noise — the additive regression is exact. */
const ADDITIVE = Array.from({length: 60}, (_, i) => 100 + 2 * (i + 1) + SEASON[i % 12]);
const SAMPLE = SAMPLE_REVENUE;
/** Quebec car sales, monthly from January 1960 (tests/fixtures/forecast). */
const CAR_SALES = readFileSync(new URL("../../fixtures/forecast/car-sales-quebec.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => Number(line.split(",")[1]));

describe("halfWidths(errors, levels, level)", () => {
  it("gives z·RMS and the ⌈(m + 1)·level⌉-th smallest |error|, the normal width when that rank exceeds m", () => {
    // RMS = √((1 + 4 + 9 + 16) / 4) = √7.5; 80 %: rank ⌈5 · 0.8⌉ = 4 → 4; 95 %: rank 5 > 4 → the normal width
    const widths = halfWidths([1, -2, 3, -4]);
    expect(widths.normal_80).toBeCloseTo(1.2815515655446004 * Math.sqrt(7.5), 12);
    expect(widths.normal_95).toBeCloseTo(1.959963984540054 * Math.sqrt(7.5), 12);
    expect(widths.conformal_80).toBe(4);
    expect(widths.conformal_95).toBeCloseTo(1.959963984540054 * Math.sqrt(7.5), 12);
    // 19 errors 1 … 19: 80 % rank ⌈20 · 0.8⌉ = 16 → 16; 95 % rank 19 → 19
    const many = halfWidths(Array.from({length: 19}, (_, i) => (i % 2 ? -1 : 1) * (i + 1)));
    expect(many.conformal_80).toBe(16);
    expect(many.conformal_95).toBe(19);
  });

  it("sizes the widths from the errors relative to their levels, at the level now", () => {
    // errors 5, −10, 30, −20 at levels 50, 100, 100, 100: relative 0.1, −0.1, 0.3, −0.2; level now 200
    // RMS = √((0.01 + 0.01 + 0.09 + 0.04) / 4) = √0.0375; conformal 80 %: rank 4 of 4 → 0.3 · 200 = 60
    const widths = halfWidths([5, -10, 30, -20], [50, 100, 100, 100], 200);
    expect(widths.normal_80).toBeCloseTo(200 * 1.2815515655446004 * Math.sqrt(0.0375), 10);
    expect(widths.normal_95).toBeCloseTo(200 * 1.959963984540054 * Math.sqrt(0.0375), 10);
    expect(widths.conformal_80).toBeCloseTo(60, 10);
    expect(widths.conformal_95).toBeCloseTo(200 * 1.959963984540054 * Math.sqrt(0.0375), 10);
    // a level of 0 among them (a year with nothing won): the errors as they are, 80 % rank 4 → 30
    expect(halfWidths([5, -10, 30, -20], [0, 100, 100, 100], 200).conformal_80).toBe(30);
  });
});

describe("errorLevel(history, origin)", () => {
  it("averages the |values| of the 12 months before the origin", () => {
    const history = Array.from({length: 20}, (_, i) => (i === 3 ? -40 : i + 1));
    // origin 15: months 3 … 14 (values −40 → 40, 5 … 15): (40 + 5 + 6 + … + 15) / 12 = (40 + 110) / 12 = 12.5
    expect(errorLevel(history, 15)).toBe(12.5);
    // origin 2: the two months there are, (1 + 2) / 2
    expect(errorLevel(history, 2)).toBe(1.5);
    // the whole history by default: months 8 … 19 hold 9 … 20, mean 14.5
    expect(errorLevel(history)).toBe(14.5);
    expect(errorLevel([], 0)).toBe(0);
  });
});

describe("intervalCoverage(rows)", () => {
  it("counts the months inside each interval and shows conformal when normal misses by more than 5 points", () => {
    const widths = {normal_80: 2, normal_95: 10, conformal_80: 3, conformal_95: 10};
    // errors 0, 1, 2.5, 2.5, 5 (forecast 10): normal 80 % (±2) holds 2 of 5 = 40 %, conformal (±3) 4 of 5 = 80 %;
    // 95 % (±10) holds all five with either: 100 %, 5 points off — within the tolerance, so normal stays
    const rows = [10, 11, 12.5, 7.5, 15].map((actual) => ({forecast: 10, actual, half_widths: widths}));
    rows.push({forecast: 10, actual: 10, half_widths: undefined as never}); // no interval: not counted
    expect(intervalCoverage(rows)).toEqual([
      {level: 80, count_forecasts: 5, normal_pct: 40, conformal_pct: 80, method: "conformal", coverage_pct: 80},
      {level: 95, count_forecasts: 5, normal_pct: 100, conformal_pct: 100, method: "normal", coverage_pct: 100}
    ]);
  });
});

describe("procedureForecast(history, firstMonthOfYear, steps)", () => {
  it("chooses the model that forecast the history's past exactly, at every horizon", () => {
    // on 48 months the inner backtest trains on ≥ 34 months: the regression with month terms is exact
    const run = procedureForecast(ADDITIVE.slice(0, 48), 1, 3);
    expect(run.horizons.map((h) => h.model)).toEqual([
      "regression_additive",
      "regression_additive",
      "regression_additive"
    ]);
    for (const h of run.horizons) expect(h.inner_wape_pct).toBeCloseTo(0, 9);
    // month 49 is a January, t = 49: 100 + 98 + 0; then February 100 + 100 − 30
    expect(run.points.regression_additive[0]).toBeCloseTo(198, 9);
    expect(run.points.regression_additive[1]).toBeCloseTo(170, 9);
    // seasonal naive misses by a year's growth, 24, so it and the regression pass: the combination is their mean
    expect(run.combination_members).toContain("seasonal_naive");
    expect(run.combination_members).toContain("regression_additive");
  });

  // each candidate's inner WAPE at a horizon, from its own rolling-origin backtest of the history
  const innerWape = (history: number[], forecaster: Parameters<typeof rollingOriginBacktest>[2], horizon: number) =>
    accuracyMetrics(rollingOriginBacktest(history, 1, forecaster).filter((r) => r.horizon === horizon)).wape_pct!;
  const OTHERS = [
    naiveForecaster,
    regressionForecaster("additive"),
    regressionForecaster("multiplicative"),
    holtWintersForecaster("additive"),
    holtWintersForecaster("multiplicative")
  ];

  it("keeps seasonal naive when the other candidates beat it by less than 10 % on the inner backtest", () => {
    // car sales' first 90 months: the best other candidate is 4–5 % better than seasonal naive at every horizon
    const history = CAR_SALES.slice(0, 90);
    const run = procedureForecast(history, 1, 3);
    for (const horizon of [1, 2, 3]) {
      const baseline = innerWape(history, seasonalNaiveForecaster, horizon);
      const best = Math.min(...OTHERS.map((forecaster) => innerWape(history, forecaster, horizon)));
      expect(best).toBeLessThan(baseline);
      expect(best).toBeGreaterThan(0.9 * baseline);
      expect(run.horizons[horizon - 1].model).toBe("seasonal_naive");
      expect(run.horizons[horizon - 1].inner_wape_pct).toBeCloseTo(baseline, 10);
    }
  });

  it("chooses another model where its inner WAPE is at most 0.9 × seasonal naive's", () => {
    // all 108 months: Holt-Winters (additive) is 16 % better than seasonal naive 3 months ahead
    const run = procedureForecast(CAR_SALES, 1, 3);
    const baseline = innerWape(CAR_SALES, seasonalNaiveForecaster, 3);
    const holtWinters = innerWape(CAR_SALES, holtWintersForecaster("additive"), 3);
    expect(holtWinters).toBeLessThanOrEqual(0.9 * baseline);
    expect(run.horizons[2].model).toBe("holt_winters_additive");
    expect(run.horizons[2].inner_wape_pct).toBeCloseTo(holtWinters, 10);
    for (const horizon of [1, 2])
      expect(run.horizons[horizon - 1].inner_wape_pct).toBeLessThanOrEqual(
        0.9 * innerWape(CAR_SALES, seasonalNaiveForecaster, horizon)
      );
  });

  it("chooses nothing on a history too short for an inner backtest", () => {
    expect(procedureForecast(SAMPLE.slice(0, 13), 4, 3).horizons).toEqual([]);
  });
});

describe("forecastSeries(values, firstMonth): the nested backtest", () => {
  it("reports the procedure as shown: at each origin, the model chosen from the months before it", () => {
    const series = forecastSeries(SAMPLE, "2024-04-01");
    for (const row of series.backtest.as_shown) {
      const run = procedureForecast(SAMPLE.slice(0, row.origin), 4, 3);
      const model = run.horizons[row.horizon - 1].model;
      expect(row.forecast).toBe(run.points[model][row.horizon - 1]);
    }
  });

  it("uses no data after an origin: poisoned later months leave that origin's forecasts and intervals unchanged", () => {
    const origin = 27;
    const clean = forecastSeries(SAMPLE, "2024-04-01");
    for (const poison of [NaN, 1e15, -1e15]) {
      const poisoned = SAMPLE.map((value, i) => (i >= origin ? poison : value));
      const dirty = forecastSeries(poisoned, "2024-04-01");
      for (const model of Object.keys(clean.backtest) as (keyof typeof clean.backtest)[]) {
        const early = (rows: typeof clean.backtest.as_shown) =>
          rows.filter((r) => r.origin <= origin).map((r) => [r.origin, r.horizon, r.forecast]);
        expect(early(dirty.backtest[model])).toEqual(early(clean.backtest[model]));
      }
      // the same run from the origin: identical choice and half-widths
      expect(procedureForecast(poisoned.slice(0, origin), 4, 3)).toEqual(
        procedureForecast(SAMPLE.slice(0, origin), 4, 3)
      );
    }
  });

  it("forecasts as seasonal naive from an origin too early for an inner backtest, as the page would show", () => {
    // 20 months: targets 14 … 19 from origins 12 … 19; from 14 months or fewer no inner target exists
    const series = forecastSeries(SAMPLE.slice(0, 20), "2024-04-01");
    expect(series.backtest.as_shown).toHaveLength(6 * 3);
    const early = (rows: typeof series.backtest.as_shown) => rows.filter((r) => r.origin <= 14);
    expect(early(series.backtest.as_shown)).toEqual(early(series.backtest.seasonal_naive));
    expect(early(series.backtest.as_shown).length).toBeGreaterThan(0);
  });

  it("forecasts an exact series without error, as shown, at every horizon", () => {
    const series = forecastSeries(ADDITIVE, "2022-01-01");
    expect(series.shown).toBe("procedure");
    // targets 36 … 59 (firstBacktestTarget(60) = 36), each at horizons 1–3
    expect(series.backtest.as_shown).toHaveLength(24 * 3);
    for (const row of series.backtest.as_shown) expect(row.forecast! - row.actual).toBeCloseTo(0, 6);
  });
});
