import {accuracyMetrics} from "./accuracy-metrics.ts";
import {addMonths, monthOfYear} from "./add-months.ts";
import {seasonalNaivePrediction} from "./baselines.ts";
import {rollingOriginBacktest, type BacktestForecast, type Forecaster} from "./backtest.ts";
import {chooseRegressionForm, chosenRegressionForecaster, type FormChoice} from "./choose-regression-form.ts";
import {naiveForecaster, regressionForecaster, seasonalNaiveForecaster, type ForecastModel} from "./forecasters.ts";
import {fitTrendSeason, predictTrendSeason, type Prediction, type TrendSeasonModel} from "./trend-season-regression.ts";

export const FORECAST_MODELS: readonly ForecastModel[] = [
  "regression",
  "regression_additive",
  "regression_multiplicative",
  "naive",
  "seasonal_naive"
];

/** Everything known about forecasting one monthly series: its backtest, the chosen form, the model shown. */
export interface SeriesForecast {
  /** the history: complete months' revenue, in order */
  values: readonly number[];
  /** months of history */
  n: number;
  /** the first month of the history, "YYYY-MM-01" */
  first_month: string;
  choice: FormChoice;
  /** the regression of the chosen form fitted to the whole history; null with fewer than 3 months */
  regression: TrendSeasonModel | null;
  /** every model's rolling-origin forecasts (see rollingOriginBacktest) */
  backtest: Record<ForecastModel, BacktestForecast[]>;
  /** the model whose forecast is shown; null when the history is too short for any */
  shown: "regression" | "seasonal_naive" | null;
  /** why that model is shown, in a sentence the page can print */
  note: string;
}

/**
 * Forecasts one monthly revenue series the way the forecast page shows it: backtests the regression (its
 * form chosen at each origin by an inner backtest), both fixed forms, naive and seasonal naive over the
 * same origins and horizons; chooses the form for the final fit by the same inner backtest on the whole
 * history; and shows the regression unless its backtest WAPE is worse than seasonal naive's, in which case
 * it shows seasonal naive and says so — so the forecast shown is never worse in backtest than seasonal naive.
 *
 * Input: the complete months' revenue in order and the first month. Output: a SeriesForecast;
 * `predictSeries` forecasts from it. Cost: a few hundred small least-squares fits (milliseconds).
 *
 * @example
 * const series = forecastSeries(values, "2024-04-01");
 * series.shown; // "seasonal_naive"
 * predictSeries(series, [1]).shown?.point; // next month
 */
export function forecastSeries(values: readonly number[], firstMonth: string): SeriesForecast {
  const month = monthOfYear(firstMonth);
  const forecasters: Record<ForecastModel, Forecaster> = {
    regression: chosenRegressionForecaster,
    regression_additive: regressionForecaster("additive"),
    regression_multiplicative: regressionForecaster("multiplicative"),
    naive: naiveForecaster,
    seasonal_naive: seasonalNaiveForecaster
  };
  const backtest = Object.fromEntries(
    FORECAST_MODELS.map((model) => [model, rollingOriginBacktest(values, month, forecasters[model])])
  ) as Record<ForecastModel, BacktestForecast[]>;
  const choice = chooseRegressionForm(values, month);
  const regression = fitTrendSeason(values, month, choice.form);
  const regressionWape = accuracyMetrics(backtest.regression).wape_pct;
  const seasonalWape = accuracyMetrics(backtest.seasonal_naive).wape_pct;
  const percent = (value: number) => `${value.toFixed(1)} %`;
  let shown: SeriesForecast["shown"] = regression ? "regression" : null;
  let note: string;
  if (!regression) note = `no forecast: ${values.length} months of history, 3 needed`;
  else if (regressionWape === null || seasonalWape === null)
    note = `regression (${choice.form}) shown without a backtest: ${values.length} months of history, 13 needed`;
  else if (regressionWape > seasonalWape) {
    shown = "seasonal_naive";
    note =
      `seasonal naive shown: the regression (${choice.form}) has a backtest WAPE of ${percent(regressionWape)}, ` +
      `worse than seasonal naive's ${percent(seasonalWape)}`;
  } else
    note =
      `regression (${choice.form}) shown: backtest WAPE ${percent(regressionWape)}, ` +
      `no worse than seasonal naive's ${percent(seasonalWape)}`;
  return {values, n: values.length, first_month: firstMonth, choice, regression, backtest, shown, note};
}

/** The forecasts of the months `steps` after the history (one step, or several summed) by each model. */
export interface SeriesPrediction {
  /** the shown model's point and intervals; null when nothing is shown */
  shown: Prediction | null;
  regression: number | null;
  seasonal_naive: number | null;
}

/**
 * Forecasts the sum of the months `steps` after the history of a SeriesForecast (1 = the next month) by the
 * shown model, with its intervals, and the regression's and seasonal naive's points beside it; `weights`
 * scale the months (predictTrendSeason), the month in progress by the share of its days still to come.
 *
 * @example
 * predictSeries(forecastSeries(values, "2024-04-01"), [1, 2]); // the next two months together
 * predictSeries(series, [1, 2, 3], [1 / 3, 1, 1]); // the rest of a quarter whose first month is two-thirds gone
 */
export function predictSeries(
  series: SeriesForecast,
  steps: readonly number[],
  weights: readonly number[] = steps.map(() => 1)
): SeriesPrediction {
  const regression = series.regression ? predictTrendSeason(series.regression, steps, weights) : null;
  const seasonal = seasonalNaivePrediction(series.values, steps, weights);
  return {
    shown: series.shown === "regression" ? regression : series.shown === "seasonal_naive" ? seasonal : null,
    regression: regression?.point ?? null,
    seasonal_naive: seasonal?.point ?? null
  };
}

/**
 * The month `step` months after the history of a series (step 1 = the month after its last month).
 *
 * @example
 * stepMonth({first_month: "2024-04-01", n: 31}, 1); // "2026-11-01"
 */
export function stepMonth(series: Pick<SeriesForecast, "first_month" | "n">, step: number): string {
  return addMonths(series.first_month, series.n + step - 1);
}
