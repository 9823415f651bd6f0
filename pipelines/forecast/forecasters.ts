import {naiveForecast, seasonalNaiveForecast} from "./baselines.ts";
import type {Forecaster} from "./backtest.ts";
import {fitTrendSeason, predictTrendSeason, type RegressionForm} from "./trend-season-regression.ts";

/** The models the backtest compares; `regression` picks its form by an inner backtest (chooseRegressionForm). */
export type ForecastModel =
  | "regression"
  | "regression_additive"
  | "regression_multiplicative"
  | "naive"
  | "seasonal_naive";

/** Naive: every step is the last month. */
export const naiveForecaster: Forecaster = (history, _month, steps) =>
  Array.from({length: steps}, (_, i) => naiveForecast(history, i + 1));

/** Seasonal naive: every step is the same month a year earlier. */
export const seasonalNaiveForecaster: Forecaster = (history, _month, steps) =>
  Array.from({length: steps}, (_, i) => seasonalNaiveForecast(history, i + 1));

/**
 * The trend-and-month regression of one fixed form as a Forecaster (point forecasts; nulls when it cannot
 * be fitted, as the multiplicative form after a month with nothing won).
 *
 * @example
 * regressionForecaster("additive")([2, 4, 5, 4, 5], 1, 2); // [5.8, 6.4]
 */
export function regressionForecaster(form: RegressionForm): Forecaster {
  return (history, firstMonthOfYear, steps) => {
    const model = fitTrendSeason(history, firstMonthOfYear, form);
    return Array.from({length: steps}, (_, i) => (model ? predictTrendSeason(model, [i + 1]).point : null));
  };
}
