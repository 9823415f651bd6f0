import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {accuracyMetrics, type AccuracyMetrics} from "./accuracy-metrics.ts";
import {addMonths} from "./add-months.ts";
import {BACKTEST_HORIZONS} from "./backtest.ts";
import type {ForecastModel} from "./forecasters.ts";
import {forecastRevenueSeries, type RevenueForecastInput} from "./regression-forecast.ts";
import {FORECAST_MODELS} from "./series-forecast.ts";

/** Backtest errors of one model — grain: one row per currency × model × horizon (and all horizons together). */
export interface ForecastBacktestRow extends AccuracyMetrics {
  currency: string | null;
  model: ForecastModel;
  /** months ahead the forecasts were made (1–3); null for the horizons together */
  horizon_months: number | null;
  /** the first and last month forecast */
  first_target_month: string | null;
  last_target_month: string | null;
  /** true for the procedure as shown (`as_shown`), whose forecast regressionForecast shows */
  is_shown: boolean;
}

/** One backtest forecast — grain: one row per currency × model × origin × horizon. */
export interface BacktestForecastRow {
  currency: string | null;
  model: ForecastModel;
  /** the first month after the training window: the forecast was made with data up to the month before */
  origin_month: string;
  horizon_months: number;
  target_month: string;
  /** null where the model could not forecast (a multiplicative form after a month with nothing won, Holt-Winters before 28 months) */
  forecast_amount: number | null;
  actual_amount: number;
}

/**
 * Forecast backtest: how well each model forecast the history itself, by rolling origin — each of the last
 * two years' months (at most; see firstBacktestTarget) forecast 1, 2 and 3 months ahead from the months
 * before only, every horizon on the same months — scored with MAPE, WAPE, MASE and bias (accuracyMetrics):
 * the procedure as shown (`as_shown`: run afresh at each origin, its model choice included — the headline),
 * the combination, both regression forms, both Holt-Winters forms, naive (last month) and seasonal naive
 * (same month last year).
 *
 * Why: the page prints these beside the forecast, so a reader sees how far to trust it — by the forecast as
 * it would have been shown, not by the best model picked after the fact — and whether it beats the baselines.
 *
 * Input: the monthly revenue series (monthlyRevenue, filtered). The period plays no part. Output grain:
 * one row per currency × model × horizon (1, 2, 3, and null for all together).
 *
 * @example
 * const {rows} = await forecastBacktest(ctx);
 * rows.filter((r) => r.horizon_months === null).map((r) => [r.model, r.wape_pct]);
 * // [["as_shown", 27.8], …, ["naive", 77.6], ["seasonal_naive", 27.8]]
 */
export async function forecastBacktest(ctx: PipelineContext): Promise<PipelineResult<ForecastBacktestRow>> {
  return {rows: forecastBacktestRows(await forecastRevenueSeries(ctx.connection, ctx.filters, ctx.now)), missing: []};
}

/**
 * The rows of forecastBacktest from forecasts already made.
 *
 * @example
 * forecastBacktestRows(await forecastRevenueSeries(connection, undefined, now));
 */
export function forecastBacktestRows(inputs: readonly RevenueForecastInput[]): ForecastBacktestRow[] {
  const rows: ForecastBacktestRow[] = [];
  for (const {series, forecast} of inputs)
    for (const model of FORECAST_MODELS) {
      const all = forecast.backtest[model];
      for (const horizon of [...BACKTEST_HORIZONS, null]) {
        const records = horizon === null ? all : all.filter((r) => r.horizon === horizon);
        const targets = records.map((r) => r.target);
        rows.push({
          currency: series.currency,
          model,
          horizon_months: horizon,
          ...accuracyMetrics(records),
          first_target_month: targets.length ? addMonths(series.first_month, Math.min(...targets)) : null,
          last_target_month: targets.length ? addMonths(series.first_month, Math.max(...targets)) : null,
          is_shown: model === "as_shown" && forecast.shown === "procedure"
        });
      }
    }
  return rows;
}

/**
 * Every backtest forecast beside what happened — grain: one row per currency × model × origin × horizon —
 * for a chart of forecasts against actuals (from forecasts already made).
 *
 * @example
 * backtestForecastRows(inputs).filter((r) => r.model === "seasonal_naive" && r.horizon_months === 1);
 * // [{origin_month: "2026-04-01", target_month: "2026-04-01", forecast_amount: 3_331_000, actual_amount: 3_169_000, …}, …]
 */
export function backtestForecastRows(inputs: readonly RevenueForecastInput[]): BacktestForecastRow[] {
  return inputs.flatMap(({series, forecast}) =>
    FORECAST_MODELS.flatMap((model) =>
      forecast.backtest[model].map((r) => ({
        currency: series.currency,
        model,
        origin_month: addMonths(series.first_month, r.origin),
        horizon_months: r.horizon,
        target_month: addMonths(series.first_month, r.target),
        forecast_amount: r.forecast,
        actual_amount: r.actual
      }))
    )
  );
}
