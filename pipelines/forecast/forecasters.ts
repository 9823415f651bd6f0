import {naiveForecast, SEASON_MONTHS, seasonalNaiveForecast} from "./baselines.ts";
import type {Forecaster} from "./backtest.ts";
import {fitHoltWinters, forecastHoltWinters, type Seasonality} from "./holt-winters.ts";
import {fitTrendSeason, predictTrendSeason, type RegressionForm} from "./trend-season-regression.ts";

/** The models a forecast may be made with: the candidates the procedure as shown chooses among. */
export type CandidateModel =
  | "regression_additive"
  | "regression_multiplicative"
  | "holt_winters_additive"
  | "holt_winters_multiplicative"
  | "naive"
  | "seasonal_naive";

/**
 * The models the backtest reports: `as_shown` is the whole procedure the page shows (model chosen per horizon
 * by an inner backtest at each origin), `combination` the mean of the candidates that passed that inner backtest.
 */
export type ForecastModel = "as_shown" | "combination" | CandidateModel;

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

/**
 * Holt-Winters with a damped trend and the given seasonality as a Forecaster (fitted afresh on every history;
 * nulls below holtWintersMinMonths or where the multiplicative form cannot be fitted).
 *
 * @example
 * holtWintersForecaster("multiplicative")(airPassengers, 1, 3); // January – March 1961
 */
export function holtWintersForecaster(seasonality: Seasonality): Forecaster {
  return (history, _month, steps) => {
    const model = fitHoltWinters(history, SEASON_MONTHS, seasonality, true);
    return Array.from({length: steps}, (_, i) => (model ? forecastHoltWinters(model, i + 1) : null));
  };
}
