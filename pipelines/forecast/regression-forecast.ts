import type {DuckDBConnection} from "@duckdb/node-api";
import type {Filters, PipelineContext, PipelineResult} from "../lib/context.ts";
import {round2} from "../pipeline/weighted-pipeline.ts";
import {addMonths, monthsBetween, quarterStart} from "./add-months.ts";
import {readRevenueSeries, type RevenueSeries} from "./monthly-revenue.ts";
import {forecastSeries, predictSeries, type SeriesForecast} from "./series-forecast.ts";
import type {RegressionForm} from "./trend-season-regression.ts";

/** Default horizons: twelve months, four quarters, from the month (quarter) holding now. */
export const DEFAULT_HORIZON = {month: 12, quarter: 4} as const;

/** A revenue forecast — grain: one row per month (or quarter) × currency, from the one holding now. */
export interface RevenueForecastRow {
  grain: "month" | "quarter";
  /** first day of the month or quarter */
  period_start: string;
  currency: string | null;
  /**
   * what the numbers are made with: the backtested procedure (the model chosen per horizon, see
   * procedureForecast), or — on a history too short to backtest — seasonal naive or the regression
   */
  model: "procedure" | "regression" | "seasonal_naive";
  /** the regression's seasonality, chosen by the inner backtest */
  regression_form: RegressionForm;
  /** the model the procedure forecasts 1, 2 and 3 months ahead with (beyond: the 3-month one); empty when untested */
  horizon_models: string[];
  /** whether the regression has month-of-year terms (history of 24 months or more) */
  has_month_terms: boolean;
  /** won in the month or quarter so far: its complete months, and the month holding now up to the end of now's day */
  won_to_date: number;
  /** months of a quarter already complete: their actual revenue stands in the forecast, without uncertainty */
  count_months_actual: number;
  /**
   * the shown model's forecast: won_to_date + the forecast of what remains — the months to come, and of the
   * month holding now the share of its days after now's day × its forecast — so never below won_to_date
   */
  forecast_amount: number;
  /** prediction intervals of forecast_amount (what remains cannot be negative: bounds are never below won_to_date) */
  lower_80: number | null;
  upper_80: number | null;
  lower_95: number | null;
  upper_95: number | null;
  /** the regression's and seasonal naive's point forecasts (won_to_date + their forecast of what remains), to compare */
  regression_amount: number | null;
  seasonal_naive_amount: number | null;
  /** months of history the models were fitted on */
  count_history_months: number;
  /** which model is shown and why (the backtest WAPE as shown and seasonal naive's) */
  note: string;
}

/** One currency's series and its forecast. */
export interface RevenueForecastInput {
  series: RevenueSeries;
  forecast: SeriesForecast;
}

/**
 * Reads every currency's monthly revenue series (readRevenueSeries) and forecasts each (forecastSeries): the
 * work behind regressionForecast and forecastBacktest, done once when a page needs both.
 *
 * @example
 * const inputs = await forecastRevenueSeries(connection, {channel: "referral"}, now);
 * regressionForecastRows(inputs, {grain: "quarter"}); forecastBacktestRows(inputs);
 */
export async function forecastRevenueSeries(
  connection: DuckDBConnection,
  filters: Filters | undefined,
  now: string
): Promise<RevenueForecastInput[]> {
  const series = await readRevenueSeries(connection, filters, now);
  return series.map((s) => ({series: s, forecast: forecastSeries(s.values, s.first_month)}));
}

/**
 * Revenue forecast: won revenue by month or quarter from the month holding now, by the procedure of
 * forecastSeries — for each horizon the model (seasonal naive, naive, the trend-and-month regression, Holt-
 * Winters, or their combination) that forecast the history's own past best — with 80 % and 95 % intervals
 * from that model's past errors; on a history too short to backtest, seasonal naive or the regression with
 * its own intervals — the row's `model` and `note` say which and why.
 *
 * Why: a forecast is only as useful as it is accurate, so the shown model has to earn its place by
 * forecasting months it had not seen; forecastBacktest gives the errors the page prints beside it, those
 * of the procedure as shown first.
 *
 * A period's forecast is never below what is already won in it: forecast = won so far + the forecast of what
 * remains. The history is every complete month before now (monthlyRevenue, filtered); the month holding now
 * is not an observation of it: it is known up to the end of now's day (toDateEnd, the site periods' boundary)
 * and its forecast is its won-to-date + s × the model's forecast of the whole month, s = the share of its
 * days after now's day (monthShareRemaining: on November 20, 10/30), intervals scaled alike (predictSeries
 * weights); a quarter adds its complete months as they were and its months to come. The period plays no
 * part. Output grain: one row per month (grain "month", `horizon` months, default 12) or quarter ("quarter",
 * default 4) × currency; no rows with fewer than 3 months of history.
 *
 * @example
 * const {rows} = await regressionForecast(ctx, {grain: "quarter"});
 * // [{period_start: "2026-10-01", model: "seasonal_naive", won_to_date: 5_589_000, forecast_amount: 23_480_333, …}, …]
 */
export async function regressionForecast(
  ctx: PipelineContext,
  options: {grain?: "month" | "quarter"; horizon?: number} = {}
): Promise<PipelineResult<RevenueForecastRow>> {
  const inputs = await forecastRevenueSeries(ctx.connection, ctx.filters, ctx.now);
  return {rows: regressionForecastRows(inputs, options), missing: []};
}

/**
 * The rows of regressionForecast from forecasts already made (to forecast once for several views).
 *
 * @example
 * regressionForecastRows(await forecastRevenueSeries(connection, undefined, now), {grain: "month", horizon: 3});
 */
export function regressionForecastRows(
  inputs: readonly RevenueForecastInput[],
  options: {grain?: "month" | "quarter"; horizon?: number} = {}
): RevenueForecastRow[] {
  const grain = options.grain ?? "month";
  const horizon = options.horizon ?? DEFAULT_HORIZON[grain];
  const rows: RevenueForecastRow[] = [];
  for (const {series, forecast} of inputs) {
    if (forecast.shown === null || forecast.regression === null) continue;
    const periods =
      grain === "month"
        ? Array.from({length: horizon}, (_, i) => addMonths(series.current_month, i))
        : Array.from({length: horizon}, (_, i) => addMonths(quarterStart(series.current_month), 3 * i));
    for (const start of periods) rows.push(periodRow(series, forecast, grain, start));
  }
  return rows;
}

function periodRow(
  series: RevenueSeries,
  forecast: SeriesForecast,
  grain: "month" | "quarter",
  start: string
): RevenueForecastRow {
  const months = grain === "month" ? [start] : [0, 1, 2].map((i) => addMonths(start, i));
  // step 1 is the month holding now; earlier months of the quarter are history
  const steps = months.map((month) => monthsBetween(series.current_month, month) + 1).filter((step) => step >= 1);
  // of the month holding now only the days after now's day remain to forecast
  const weights = steps.map((step) => (step === 1 ? series.current_month_share_remaining : 1));
  const actual = months
    .map((month) => monthsBetween(series.first_month, month))
    .filter((index) => index >= 0 && index < series.values.length)
    .reduce((sum, index) => sum + series.values[index], 0);
  const isCurrent = months.includes(series.current_month);
  const won = actual + (isCurrent ? series.current_month_to_date : 0);
  const prediction = predictSeries(forecast, steps, weights);
  const shown = prediction.shown!;
  // revenue still to come cannot be negative: a negative point counts as 0 with its interval moved along, so
  // the interval keeps its width while months remain, and no bound falls below what is already won
  const shift = Math.max(0, -shown.point);
  const withWon = (value: number | null) => (value === null ? null : round2(won + Math.max(0, value + shift)));
  return {
    grain,
    period_start: start,
    currency: series.currency,
    model: forecast.shown!,
    regression_form: forecast.choice.form,
    horizon_models: forecast.shown === "procedure" ? forecast.procedure.horizons.map((h) => h.model) : [],
    has_month_terms: forecast.regression!.has_month_terms,
    won_to_date: round2(won),
    count_months_actual: months.length - steps.length,
    forecast_amount: withWon(shown.point)!,
    lower_80: withWon(shown.lower_80),
    upper_80: withWon(shown.upper_80),
    lower_95: withWon(shown.lower_95),
    upper_95: withWon(shown.upper_95),
    regression_amount: prediction.regression === null ? null : round2(won + Math.max(0, prediction.regression)),
    seasonal_naive_amount:
      prediction.seasonal_naive === null ? null : round2(won + Math.max(0, prediction.seasonal_naive)),
    count_history_months: series.values.length,
    note: forecast.note
  };
}
