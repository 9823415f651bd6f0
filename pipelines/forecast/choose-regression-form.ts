import {accuracyMetrics} from "./accuracy-metrics.ts";
import {rollingOriginBacktest, type Forecaster} from "./backtest.ts";
import {regressionForecaster} from "./forecasters.ts";
import type {RegressionForm} from "./trend-season-regression.ts";

/** Which regression form a series gets, and the inner-backtest WAPE it was chosen by. */
export interface FormChoice {
  form: RegressionForm;
  /** WAPE (%) of each form in the inner backtest; null when it could not be run (or the form fitted) */
  additive_wape_pct: number | null;
  multiplicative_wape_pct: number | null;
  /** why this form: "lower backtest WAPE", "history too short to compare", "revenue not positive every month" */
  reason: string;
}

/**
 * Chooses additive or multiplicative seasonality for one series by a rolling-origin backtest of both on
 * that series alone (targets as firstBacktestTarget, horizons 1–3): the multiplicative (log) form when its
 * WAPE is lower, else the additive one — also when the history is too short to backtest (fewer than 13
 * months) or some month's revenue is 0 (no logarithm).
 *
 * Why: which form fits depends on the business — seasonal swings that grow with the business call for the
 * multiplicative form, a few near-empty months make its logarithm unstable — so the data decides, by
 * forecasting its own past.
 *
 * @example
 * chooseRegressionForm(values, 4); // {form: "additive", additive_wape_pct: 41.6, multiplicative_wape_pct: 42.7, …} (the sample)
 */
export function chooseRegressionForm(values: readonly number[], firstMonthOfYear: number): FormChoice {
  const wape = (form: RegressionForm) =>
    accuracyMetrics(rollingOriginBacktest(values, firstMonthOfYear, regressionForecaster(form))).wape_pct;
  const additive = wape("additive");
  if (additive === null)
    return {
      form: "additive",
      additive_wape_pct: null,
      multiplicative_wape_pct: null,
      reason: "history too short to compare"
    };
  if (values.some((value) => !(value > 0)))
    return {
      form: "additive",
      additive_wape_pct: additive,
      multiplicative_wape_pct: null,
      reason: "revenue not positive every month"
    };
  const multiplicative = wape("multiplicative");
  const form = multiplicative !== null && multiplicative < additive ? "multiplicative" : "additive";
  return {form, additive_wape_pct: additive, multiplicative_wape_pct: multiplicative, reason: "lower backtest WAPE"};
}

/**
 * The regression as the forecast uses it: the form chosen by chooseRegressionForm on the history it is
 * given, then fitted to it. In the outer backtest this is nested — the form is chosen again at every origin
 * from the data before it — so its backtest error includes the cost of choosing, with no look-ahead.
 *
 * @example
 * rollingOriginBacktest(values, 4, chosenRegressionForecaster); // the "regression" row of forecastBacktest
 */
export const chosenRegressionForecaster: Forecaster = (history, firstMonthOfYear, steps) =>
  regressionForecaster(chooseRegressionForm(history, firstMonthOfYear).form)(history, firstMonthOfYear, steps);
