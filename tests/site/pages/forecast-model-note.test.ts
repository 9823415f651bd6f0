import {describe, expect, it} from "vitest";
import {forecastModelNote} from "../../../src/components/forecast-model-note.js";
import {formatters, translator} from "../../../src/components/i18n.js";
import {common} from "../../../src/locales/common.js";
import {forecastText} from "../../../src/locales/forecast.js";

const model = {
  shown: "procedure",
  reason: "procedure",
  horizon_models: ["holt_winters_multiplicative", "combination", "seasonal_naive"],
  regression_form: "additive",
  has_month_terms: true,
  count_history_months: 60,
  as_shown_wape_pct: 12.5,
  as_shown_mase: 1.05,
  seasonal_naive_wape_pct: 14
};
const note = (locale: string, overrides: Partial<typeof model> = {}) =>
  forecastModelNote({...model, ...overrides}, translator(locale, common, forecastText), formatters(locale));

describe("forecastModelNote(model, t, fmt)", () => {
  it("names the model per horizon and the accuracy as shown, and never calls a MASE of 1.05 a win", () => {
    expect(note("en")).toBe(
      "Shown: for each horizon, seasonal naive unless another model forecast this history's own past at least " +
        "10% better, then the best of those — 1 mo. ahead: " +
        "Holt-Winters (multiplicative), 2 mo. ahead: combination, 3 mo. ahead: seasonal naive. Run as it would " +
        "have been at each month, choosing its model from the months before only, the forecast as shown was off " +
        "by 12.5% of revenue (WAPE), seasonal naive by 14%; MASE 1.05: not below 1, its errors are no smaller " +
        "than a naive forecast's."
    );
    expect(note("en", {as_shown_mase: 0.7})).toMatch(
      /MASE 0\.70: below 1, its errors are smaller than a naive forecast's\.$/
    );
  });

  it("says the same in Chinese", () => {
    expect(note("zh-CN")).toContain("提前 1 个月：Holt-Winters（乘法）");
    expect(note("zh-CN")).toContain("MASE 1.05：不小于 1，误差并不小于朴素预测");
    expect(note("zh-CN", {as_shown_mase: 0.7})).toContain("MASE 0.70：小于 1，误差小于朴素预测");
  });

  it("says an untested forecast is untested", () => {
    expect(
      note("en", {shown: "seasonal_naive", reason: "no_backtest", horizon_models: [], count_history_months: 13})
    ).toBe(
      "Shown: seasonal naive, untested: 13 months of history, 14 needed to backtest the models against each other."
    );
  });
});
