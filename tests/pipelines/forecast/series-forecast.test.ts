import {describe, expect, it} from "vitest";
import {accuracyMetrics} from "../../../pipelines/forecast/accuracy-metrics.ts";
import {chooseRegressionForm} from "../../../pipelines/forecast/choose-regression-form.ts";
import {forecastSeries, predictSeries, stepMonth} from "../../../pipelines/forecast/series-forecast.ts";
import {SAMPLE_REVENUE} from "./sample-revenue.ts";

const SEASON = [0, -30, 5, 10, 12, 20, 8, 6, -5, 0, 25, 60];
/** 36 months from January: 100 + 2t + a fixed month effect, no noise — the additive regression is exact. */
const ADDITIVE = Array.from({length: 36}, (_, i) => 100 + 2 * (i + 1) + SEASON[i % 12]);
/** 36 months: 100 · 1.03^t · a month factor — the multiplicative regression is exact. */
const MULTIPLICATIVE = Array.from({length: 36}, (_, i) => 100 * 1.03 ** (i + 1) * (1 + SEASON[i % 12] / 100));
const SAMPLE = SAMPLE_REVENUE;

describe("chooseRegressionForm(values, firstMonthOfYear)", () => {
  it("chooses the form that forecasts the series' own past better", () => {
    expect(chooseRegressionForm(ADDITIVE, 1)).toMatchObject({form: "additive", reason: "lower backtest WAPE"});
    expect(chooseRegressionForm(ADDITIVE, 1).additive_wape_pct).toBeCloseTo(0, 9);
    const multiplicative = chooseRegressionForm(MULTIPLICATIVE, 1);
    expect(multiplicative.form).toBe("multiplicative");
    expect(multiplicative.multiplicative_wape_pct).toBeCloseTo(0, 9);
    expect(multiplicative.additive_wape_pct!).toBeGreaterThan(0.1);
  });

  it("falls back to additive when it cannot compare or take logarithms", () => {
    expect(chooseRegressionForm(ADDITIVE.slice(0, 12), 1)).toEqual({
      form: "additive",
      additive_wape_pct: null,
      multiplicative_wape_pct: null,
      reason: "history too short to compare"
    });
    const withZero = [...MULTIPLICATIVE];
    withZero[5] = 0;
    expect(chooseRegressionForm(withZero, 1)).toMatchObject({
      form: "additive",
      reason: "revenue not positive every month"
    });
  });
});

describe("forecastSeries(values, firstMonth)", () => {
  it("forecasts with the procedure, the model per horizon that forecast the past best (36 exact months)", () => {
    const series = forecastSeries(ADDITIVE, "2024-01-01");
    expect(series.shown).toBe("procedure");
    expect(series.choice.form).toBe("additive");
    // seasonal naive misses by the year's growth, 2 · 12 = 24 a month
    expect(accuracyMetrics(series.backtest.seasonal_naive).mean_error).toBeCloseTo(-24, 9);
    expect(series.note).toMatch(
      /^procedure shown \(regression_additive, regression_additive, regression_additive for 1–3 months ahead\)/
    );
    // next month: t = 37, January (no month effect) → 100 + 74 = 174, exact, so a zero-width interval
    const next = predictSeries(series, [1]);
    expect(next.shown!.point).toBeCloseTo(174, 9);
    expect(next.shown!.upper_95! - next.shown!.lower_95!).toBeCloseTo(0, 9);
    expect(next.regression!).toBeCloseTo(174, 9);
    expect(next.seasonal_naive).toBe(ADDITIVE[24]);
    expect(stepMonth(series, 1)).toBe("2027-01-01");
  });

  it("scores every model on the same target months at every horizon (the sample)", () => {
    const series = forecastSeries(SAMPLE, "2024-04-01");
    // targets 25 … 30 (firstBacktestTarget(31) = 25): six months, each 1, 2 and 3 months ahead
    for (const [model, rows] of Object.entries(series.backtest)) {
      expect(rows, model).toHaveLength(6 * 3);
      for (const horizon of [1, 2, 3])
        expect(rows.filter((r) => r.horizon === horizon).map((r) => r.target)).toEqual([25, 26, 27, 28, 29, 30]);
    }
  });

  it("shows the regression without a backtest on a short history, and nothing on too short a one", () => {
    const short = forecastSeries([10, 12, 14, 16, 18, 20, 22, 24, 26, 28], "2026-01-01");
    expect(short.shown).toBe("regression");
    expect(short.note).toBe("regression (additive) shown without a backtest: 10 months of history, 14 needed");
    expect(predictSeries(short, [1]).shown!.point).toBeCloseTo(30, 9);
    expect(predictSeries(short, [1]).seasonal_naive).toBeNull();
    // 13 months: seasonal naive, untested: next January = this January
    const year = forecastSeries([10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34], "2026-01-01");
    expect(year.shown).toBe("seasonal_naive");
    expect(year.note).toBe("seasonal naive shown without a backtest: 13 months of history, 14 needed");
    expect(predictSeries(year, [1]).shown!.point).toBe(12);
    const tiny = forecastSeries([10, 12], "2026-01-01");
    expect(tiny.shown).toBeNull();
    expect(tiny.note).toBe("no forecast: 2 months of history, 3 needed");
    expect(predictSeries(tiny, [1]).shown).toBeNull();
  });

  it("is deterministic", () => {
    expect(forecastSeries(SAMPLE, "2024-04-01")).toEqual(forecastSeries(SAMPLE, "2024-04-01"));
  });
});
