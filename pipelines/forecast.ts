/**
 * Revenue forecast (docs/method.md §7): the monthly won-revenue series, a forecast made by the model that
 * forecast the series' own past best (per horizon; its backtest nested, so reported as shown), the
 * pipeline forecast with its Bernoulli interval, the combined view of the current quarter, and the record of
 * past pipeline forecasts against what happened.
 */
import type {PipelineContext, PipelineResult} from "./lib/context.ts";
import {withStageEntries} from "./lib/stage-entries.ts";
import {pipelineStageProbabilities} from "./pipeline/weighted-pipeline.ts";
import type {LearnedStageProbability} from "./stage-conversion/stage-probabilities.ts";
import {combinedQuarter, type CombinedQuarterRow} from "./forecast/combined-quarter.ts";
import {forecastAccuracy, type ForecastAccuracyRow} from "./forecast/forecast-accuracy.ts";
import {
  backtestForecastRows,
  forecastBacktestRows,
  type BacktestForecastRow,
  type ForecastBacktestRow
} from "./forecast/forecast-backtest.ts";
import {forecastCoverageRows, type ForecastCoverageRow} from "./forecast/forecast-coverage.ts";
import {forecastGlossary} from "./forecast/forecast-glossary.ts";
import {monthlyRevenue, type MonthlyRevenueRow} from "./forecast/monthly-revenue.ts";
import {pipelineForecast, type PipelineForecastRow} from "./forecast/pipeline-forecast.ts";
import {
  forecastRevenueSeries,
  regressionForecastRows,
  type RevenueForecastRow
} from "./forecast/regression-forecast.ts";

export {accuracyMetrics, type AccuracyMetrics} from "./forecast/accuracy-metrics.ts";
export {addMonths, monthsBetween, quarterStart} from "./forecast/add-months.ts";
export {naiveForecast, seasonalNaiveForecast, seasonalNaivePrediction} from "./forecast/baselines.ts";
export {
  BACKTEST_HORIZONS,
  firstBacktestTarget,
  maseScale,
  rollingOriginBacktest,
  type BacktestForecast,
  type Forecaster
} from "./forecast/backtest.ts";
export {chooseRegressionForm, type FormChoice} from "./forecast/choose-regression-form.ts";
export {combinedQuarter, type CombinedQuarterRow} from "./forecast/combined-quarter.ts";
export {forecastAccuracy, type ForecastAccuracyRow} from "./forecast/forecast-accuracy.ts";
export {
  backtestForecastRows,
  forecastBacktest,
  forecastBacktestRows,
  type BacktestForecastRow,
  type ForecastBacktestRow
} from "./forecast/forecast-backtest.ts";
export {forecastCoverageRows, type ForecastCoverageRow} from "./forecast/forecast-coverage.ts";
export type {CandidateModel, ForecastModel} from "./forecast/forecasters.ts";
export {
  fitHoltWinters,
  forecastHoltWinters,
  holtWintersFilter,
  type HoltWintersModel
} from "./forecast/holt-winters.ts";
export {intervalCoverage, type IntervalCoverage} from "./forecast/interval-coverage.ts";
export {CANDIDATE_MODELS, procedureForecast, type ProcedureForecast} from "./forecast/procedure-forecast.ts";
export {leastSquares, leverage, type LeastSquaresFit} from "./forecast/least-squares.ts";
export {
  monthlyRevenue,
  readRevenueSeries,
  RAMP_UP_QUANTILE,
  type MonthlyRevenueRow,
  type RevenueSeries
} from "./forecast/monthly-revenue.ts";
export {pipelineForecast, type PipelineForecastRow} from "./forecast/pipeline-forecast.ts";
export {
  DEFAULT_HORIZON,
  forecastRevenueSeries,
  regressionForecast,
  regressionForecastRows,
  type RevenueForecastInput,
  type RevenueForecastRow
} from "./forecast/regression-forecast.ts";
export {forecastSeries, predictSeries, type SeriesForecast, type SeriesPrediction} from "./forecast/series-forecast.ts";
export {studentTCdf, studentTQuantile} from "./forecast/student-t.ts";
export {
  fitTrendSeason,
  predictTrendSeason,
  MONTH_TERMS_MIN_MONTHS,
  type Prediction,
  type RegressionForm,
  type TrendSeasonModel
} from "./forecast/trend-season-regression.ts";

export const glossary = forecastGlossary;

export interface ForecastResults {
  monthly_revenue: PipelineResult<MonthlyRevenueRow>;
  forecast_monthly: PipelineResult<RevenueForecastRow>;
  forecast_quarterly: PipelineResult<RevenueForecastRow>;
  backtest: PipelineResult<ForecastBacktestRow>;
  backtest_forecasts: PipelineResult<BacktestForecastRow>;
  coverage: PipelineResult<ForecastCoverageRow>;
  pipeline_monthly: PipelineResult<PipelineForecastRow>;
  pipeline_quarterly: PipelineResult<PipelineForecastRow>;
  combined_quarter: PipelineResult<CombinedQuarterRow>;
  accuracy: PipelineResult<ForecastAccuracyRow>;
}

/**
 * Every forecast result a page needs, for one context: the revenue series of the period, the forecast by
 * month (12) and quarter (4) with its backtest — the series read and the models fitted once for all three —,
 * the pipeline forecast by month and quarter, the combined current quarter and past forecasts' accuracy
 * (target months in the period). The stage events and the stage probabilities learned from them are
 * computed once (`stageProbabilities`: learned already, as of ctx.now).
 *
 * @example
 * const {forecast_quarterly, backtest} = await forecast(ctx);
 * forecast_quarterly.rows[0].note; // "procedure shown (seasonal_naive, … for 1–3 months ahead): backtest WAPE …"
 */
export async function forecast(
  ctx: PipelineContext,
  options: {stageProbabilities?: LearnedStageProbability[]} = {}
): Promise<ForecastResults> {
  return withStageEntries(
    ctx.connection,
    async () => {
      const inputs = await forecastRevenueSeries(ctx.connection, ctx.filters, ctx.now);
      const stageProbabilities =
        options.stageProbabilities ?? (await pipelineStageProbabilities(ctx.connection, ctx.now));
      return {
        monthly_revenue: await monthlyRevenue(ctx),
        forecast_monthly: {rows: regressionForecastRows(inputs, {grain: "month"}), missing: []},
        forecast_quarterly: {rows: regressionForecastRows(inputs, {grain: "quarter"}), missing: []},
        backtest: {rows: forecastBacktestRows(inputs), missing: []},
        backtest_forecasts: {rows: backtestForecastRows(inputs), missing: []},
        coverage: {rows: forecastCoverageRows(inputs), missing: []},
        pipeline_monthly: await pipelineForecast(ctx, {grain: "month", stageProbabilities}),
        pipeline_quarterly: await pipelineForecast(ctx, {grain: "quarter", stageProbabilities}),
        combined_quarter: await combinedQuarter(ctx, {stageProbabilities, revenueForecasts: inputs}),
        accuracy: await forecastAccuracy(ctx)
      };
    },
    {eventsOnly: true}
  );
}
