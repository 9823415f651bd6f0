import {describe, expect, it} from "vitest";
import {accuracyMetrics} from "../../../pipelines/forecast/accuracy-metrics.ts";
import {rollingOriginBacktest} from "../../../pipelines/forecast/backtest.ts";
import {chooseRegressionForm} from "../../../pipelines/forecast/choose-regression-form.ts";
import {regressionForecaster} from "../../../pipelines/forecast/forecasters.ts";
import {forecastSeries, predictSeries, stepMonth} from "../../../pipelines/forecast/series-forecast.ts";

const SEASON = [0, -30, 5, 10, 12, 20, 8, 6, -5, 0, 25, 60];
/** 36 months from January: 100 + 2t + a fixed month effect, no noise — the additive regression is exact. */
const ADDITIVE = Array.from({length: 36}, (_, i) => 100 + 2 * (i + 1) + SEASON[i % 12]);
/** 36 months: 100 · 1.03^t · a month factor — the multiplicative regression is exact. */
const MULTIPLICATIVE = Array.from({length: 36}, (_, i) => 100 * 1.03 ** (i + 1) * (1 + SEASON[i % 12] / 100));
/** The sample's won revenue, 2024-04 … 2026-10 (see backtest.test.ts). */
const SAMPLE = [
  6697000, 4655000, 3975000, 2960000, 2054000, 1440000, 1296000, 4478000, 14971000, 4308000, 1980000, 5733000, 3331000,
  4768000, 7602000, 5840000, 5831000, 2215000, 2347000, 8011000, 15221000, 9446000, 1170000, 5245000, 3169000, 2186000,
  9968000, 6490000, 8746000, 2102000, 2662000
];

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

  it("is what the nested regression uses at each origin", () => {
    // at origin 30 the nested forecast equals the fixed form chosen on the first 30 months
    const series = forecastSeries(SAMPLE, "2024-04-01");
    const form = chooseRegressionForm(SAMPLE.slice(0, 30), 4).form;
    const fixed = rollingOriginBacktest(SAMPLE, 4, regressionForecaster(form)).filter((r) => r.origin === 30);
    expect(series.backtest.regression.filter((r) => r.origin === 30)).toEqual(fixed);
  });
});

describe("forecastSeries(values, firstMonth)", () => {
  it("shows the regression when it backtests no worse than seasonal naive", () => {
    const series = forecastSeries(ADDITIVE, "2024-01-01");
    expect(series.shown).toBe("regression");
    expect(series.choice.form).toBe("additive");
    // the exact regression has no error; seasonal naive misses by the year's growth, 2 · 12 = 24 a month
    expect(accuracyMetrics(series.backtest.regression).wape_pct).toBeCloseTo(0, 9);
    expect(accuracyMetrics(series.backtest.seasonal_naive).mean_error).toBeCloseTo(-24, 9);
    expect(series.note).toMatch(/^regression \(additive\) shown: backtest WAPE 0\.0 %, no worse than seasonal naive's/);
    // next month: t = 37, January (no month effect) → 100 + 74 = 174, exact, so a zero-width interval
    const next = predictSeries(series, [1]);
    expect(next.shown!.point).toBeCloseTo(174, 9);
    expect(next.regression!).toBeCloseTo(174, 9);
    expect(next.seasonal_naive).toBe(ADDITIVE[24]);
    expect(stepMonth(series, 1)).toBe("2027-01-01");
  });

  it("shows seasonal naive, and says so, when the regression backtests worse (the sample)", () => {
    const series = forecastSeries(SAMPLE, "2024-04-01");
    const wape = (model: keyof typeof series.backtest) => accuracyMetrics(series.backtest[model]).wape_pct!;
    expect(wape("regression")).toBeGreaterThan(wape("seasonal_naive"));
    expect(series.shown).toBe("seasonal_naive");
    expect(series.note).toBe(
      `seasonal naive shown: the regression (additive) has a backtest WAPE of ${wape("regression").toFixed(1)} %, ` +
        `worse than seasonal naive's ${wape("seasonal_naive").toFixed(1)} %`
    );
    // the shown forecast is seasonal naive's: November 2026 = November 2025
    expect(predictSeries(series, [1]).shown!.point).toBe(8011000);
    // every model is scored on the same 18 forecasts (origins 24 … 30, horizons 1–3)
    for (const rows of Object.values(series.backtest)) expect(rows).toHaveLength(7 + 6 + 5);
  });

  it("shows the regression without a backtest on a short history, and nothing on too short a one", () => {
    const short = forecastSeries([10, 12, 14, 16, 18, 20, 22, 24, 26, 28], "2026-01-01");
    expect(short.shown).toBe("regression");
    expect(short.note).toBe("regression (additive) shown without a backtest: 10 months of history, 13 needed");
    expect(predictSeries(short, [1]).shown!.point).toBeCloseTo(30, 9);
    expect(predictSeries(short, [1]).seasonal_naive).toBeNull();
    const tiny = forecastSeries([10, 12], "2026-01-01");
    expect(tiny.shown).toBeNull();
    expect(tiny.note).toBe("no forecast: 2 months of history, 3 needed");
    expect(predictSeries(tiny, [1]).shown).toBeNull();
  });

  it("is deterministic", () => {
    expect(forecastSeries(SAMPLE, "2024-04-01")).toEqual(forecastSeries(SAMPLE, "2024-04-01"));
  });
});
