import {quarterAgainstQuota, type QuarterAgainstQuota} from "./quarter-against-quota.ts";
import type {DuckDBConnection} from "@duckdb/node-api";
import {
  BACKTEST_HORIZONS,
  forecast,
  type AccuracyMetrics,
  type BacktestForecastRow,
  type CombinedQuarterRow,
  type ForecastBacktestRow,
  type ForecastCoverageRow,
  type ForecastResults,
  type RevenueForecastRow
} from "../../pipelines/forecast.ts";
import type {PipelineContext, Period} from "../../pipelines/lib/context.ts";
import {toDateEnd} from "../../pipelines/lib/to-date-end.ts";
import {pipelineStageProbabilities} from "../../pipelines/pipeline/weighted-pipeline.ts";
import type {LearnedStageProbability} from "../../pipelines/stage-conversion/stage-probabilities.ts";
import {pageSlices, type PageSlices} from "../page-slices.ts";
import {significant} from "../significant.ts";

/** Why the forecast shows the model it shows (the page words it in the site's language). */
export type ModelReason = "too_short" | "no_backtest" | "procedure";

export interface ForecastModelInfo {
  shown: RevenueForecastRow["model"] | null;
  reason: ModelReason;
  /** the models the procedure forecasts 1, 2 and 3 months ahead with */
  horizon_models: string[];
  regression_form: "additive" | "multiplicative" | null;
  has_month_terms: boolean;
  count_history_months: number;
  /** backtest of the procedure as shown (nested: model choice made afresh at each origin), all horizons */
  as_shown_wape_pct: number | null;
  as_shown_mase: number | null;
  seasonal_naive_wape_pct: number | null;
  /** the first and last month the backtest forecast */
  backtest_first_month: string | null;
  backtest_last_month: string | null;
}

export interface ForecastPoint {
  period_start: string;
  /** won in the period so far (the month or quarter holding now only): forecast_amount and its bounds include it */
  won_to_date: number;
  forecast_amount: number;
  lower_80: number | null;
  upper_80: number | null;
  lower_95: number | null;
  upper_95: number | null;
  /** seasonal naive's point forecast, to compare (the regression's when seasonal naive itself is shown) */
  other_amount: number | null;
}

export interface PipelinePoint {
  period_start: string | null;
  count_opportunities: number;
  count_overdue: number;
  open_amount: number;
  expected_amount: number;
  /** won in the month so far (the month holding now only) */
  won_to_date: number;
  /** won_to_date + expected_amount; the bounds are its interval */
  forecast_amount: number;
  lower_80: number;
  upper_80: number;
  lower_95: number;
  upper_95: number;
}

/** The forecast page's numbers for one filter choice, as of now, in one currency. */
export interface ForecastSlice {
  missing: string[];
  /** the currency shown: the one with the most won revenue; other_currencies are left out */
  currency: string | null;
  other_currencies: string[];
  model: ForecastModelInfo;
  /** won revenue of the complete months, the last HISTORY_MONTHS of the history */
  history: {month: string; won_amount: number}[];
  /** won in the month holding now, so far */
  month_to_date: {month: string; won_amount: number; count_won: number} | null;
  forecast_monthly: ForecastPoint[];
  forecast_quarterly: (ForecastPoint & {count_months_actual: number})[];
  /** backtest errors per model that forecast at all, over all horizons, and WAPE 1, 2 and 3 months ahead */
  backtest: (Omit<AccuracyMetrics, "mean_error"> & {
    model: string;
    is_shown: boolean;
    wape_by_horizon: (number | null)[];
  })[];
  /** how often the shown intervals held the month in the backtest, per level, and which interval is shown */
  coverage: Omit<ForecastCoverageRow, "currency">[];
  /** one-month-ahead backtest forecasts of the procedure as shown and both baselines beside what was won, per month */
  backtest_forecasts: {
    target_month: string;
    actual_amount: number;
    as_shown: number | null;
    naive: number | null;
    seasonal_naive: number | null;
  }[];
  /** the pipeline forecast by expected close month (a no-date row last); its quarter is in combined_quarter */
  pipeline_monthly: PipelinePoint[];
  combined_quarter: Omit<CombinedQuarterRow, "as_of" | "currency" | "pipeline_sd"> | null;
  /** the pipeline forecast made at past ingests against what was won */
  accuracy: {
    exported_at: string;
    target_month: string;
    lead_months: number;
    forecast_amount: number;
    actual_amount: number;
    accuracy_rate: number | null;
  }[];
  accuracy_missing: string[];
}

/** Months of history a slice carries: five years are plenty to read a trend and a season off a chart. */
export const HISTORY_MONTHS = 60;

/**
 * The forecast page's data: one slice per filter choice (byPeriod false) — forecasts are made as of the
 * latest export and do not depend on the site's period, which only highlights months on the page. The stage
 * probabilities are learned from every deal, whatever the filter: once for all slices.
 */
export async function forecastData(
  connection: DuckDBConnection
): Promise<PageSlices<ForecastSlice & {quarter: QuarterAgainstQuota}>> {
  // learned by the first slice, inside pageSlices' stage entries (every slice has the same now)
  let learned: Promise<LearnedStageProbability[]> | undefined;
  return pageSlices(
    connection,
    async (ctx) => forecastSlice(ctx, await (learned ??= pipelineStageProbabilities(connection, ctx.now))),
    {byPeriod: false}
  );
}

/**
 * One slice: forecast(ctx) over the whole history up to now, shaped for the page; `learned`, the stage probabilities
 * as of now when they were learned already.
 */
export async function forecastSlice(
  ctx: PipelineContext,
  learned?: LearnedStageProbability[]
): Promise<ForecastSlice & {quarter: QuarterAgainstQuota}> {
  const payload = forecastPayload(
    await forecast({...ctx, period: historyUntil(ctx.now)}, {stageProbabilities: learned})
  );
  return {...payload, quarter: await quarterAgainstQuota(ctx, payload.currency, learned)};
}

/** Every day from the first export on up to and including the day of now. */
export function historyUntil(now: string): Period {
  return {start: "1900-01-01", end: toDateEnd(now)};
}

/** The page's slice from forecast results: one currency, amounts in whole units, rates to 4 significant digits. */
export function forecastPayload(results: ForecastResults): ForecastSlice {
  const currency = mainCurrency(results);
  const mine = <T extends {currency: string | null}>(rows: T[]) => rows.filter((row) => row.currency === currency);
  const months = mine(results.monthly_revenue.rows);
  const complete = months.filter((row) => row.is_complete);
  const current = months.find((row) => !row.is_complete);
  const monthly = mine(results.forecast_monthly.rows);
  const backtest = mine(results.backtest.rows);
  const combined = mine(results.combined_quarter.rows)[0];
  const currencies = new Set(
    [...results.monthly_revenue.rows, ...results.pipeline_monthly.rows].map((row) => row.currency)
  );
  currencies.delete(currency);
  return {
    missing: [
      ...new Set(
        [results.monthly_revenue, results.pipeline_monthly, results.combined_quarter].flatMap((r) => r.missing)
      )
    ],
    currency,
    other_currencies: [...currencies].map(String),
    model: modelInfo(monthly[0], complete.length, backtest),
    history: complete.slice(-HISTORY_MONTHS).map(({month, won_amount}) => ({month, won_amount: money(won_amount)})),
    month_to_date: current
      ? {month: current.month, won_amount: money(current.won_amount), count_won: current.count_won}
      : null,
    forecast_monthly: monthly.map(forecastPoint),
    forecast_quarterly: mine(results.forecast_quarterly.rows).map((row) => ({
      ...forecastPoint(row),
      count_months_actual: row.count_months_actual
    })),
    backtest: backtest
      // a model that never forecast (Holt-Winters before 28 months) has no row to show
      .filter((r) => r.horizon_months === null && r.count_forecasts > 0)
      .map((r) => ({
        model: r.model,
        is_shown: r.is_shown,
        count_forecasts: r.count_forecasts,
        mape_pct: significant(r.mape_pct),
        count_mape_excluded: r.count_mape_excluded,
        wape_pct: significant(r.wape_pct),
        mase: significant(r.mase),
        bias_pct: significant(r.bias_pct),
        wape_by_horizon: BACKTEST_HORIZONS.map((h) =>
          significant(backtest.find((b) => b.model === r.model && b.horizon_months === h)?.wape_pct ?? null)
        )
      })),
    coverage: mine(results.coverage.rows).map(({currency: _currency, ...row}) => ({
      ...row,
      normal_pct: significant(row.normal_pct),
      conformal_pct: significant(row.conformal_pct),
      coverage_pct: significant(row.coverage_pct)
    })),
    backtest_forecasts: oneMonthAhead(mine(results.backtest_forecasts.rows)),
    pipeline_monthly: mine(results.pipeline_monthly.rows).map(pipelinePoint),
    combined_quarter: combined
      ? {
          quarter_start: combined.quarter_start,
          quarter_end: combined.quarter_end,
          days_remaining: Math.round(combined.days_remaining),
          closed_to_date: money(combined.closed_to_date),
          count_won_to_date: combined.count_won_to_date,
          pipeline_expected: money(combined.pipeline_expected),
          count_pipeline_opportunities: combined.count_pipeline_opportunities,
          run_rate_amount: moneyOrNull(combined.run_rate_amount),
          combined_amount: money(combined.combined_amount),
          lower_80: money(combined.lower_80),
          upper_80: money(combined.upper_80),
          lower_95: money(combined.lower_95),
          upper_95: money(combined.upper_95),
          statistical_amount: moneyOrNull(combined.statistical_amount),
          statistical_model: combined.statistical_model
        }
      : null,
    accuracy: mine(results.accuracy.rows).map((r) => ({
      exported_at: r.exported_at,
      target_month: r.target_month,
      lead_months: r.lead_months,
      forecast_amount: money(r.forecast_amount),
      actual_amount: money(r.actual_amount),
      accuracy_rate: significant(r.accuracy_rate)
    })),
    accuracy_missing: results.accuracy.missing
  };
}

function oneMonthAhead(rows: BacktestForecastRow[]): ForecastSlice["backtest_forecasts"] {
  const byMonth = new Map<string, ForecastSlice["backtest_forecasts"][number]>();
  for (const row of rows) {
    if (
      row.horizon_months !== 1 ||
      !(row.model === "as_shown" || row.model === "naive" || row.model === "seasonal_naive")
    )
      continue;
    const month = byMonth.get(row.target_month) ?? {
      target_month: row.target_month,
      actual_amount: money(row.actual_amount),
      as_shown: null,
      naive: null,
      seasonal_naive: null
    };
    month[row.model] = moneyOrNull(row.forecast_amount);
    byMonth.set(row.target_month, month);
  }
  return [...byMonth.values()].sort((a, b) => a.target_month.localeCompare(b.target_month));
}

/** The currency with the most won revenue in the history (then the most pipeline), so amounts never mix. */
function mainCurrency(results: ForecastResults): string | null {
  const totals = new Map<string | null, number>();
  for (const row of results.monthly_revenue.rows)
    totals.set(row.currency, (totals.get(row.currency) ?? 0) + row.won_amount);
  for (const row of results.pipeline_monthly.rows) if (!totals.has(row.currency)) totals.set(row.currency, 0);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  return ranked.length ? ranked[0][0] : null;
}

function modelInfo(
  first: RevenueForecastRow | undefined,
  countHistoryMonths: number,
  backtest: ForecastBacktestRow[]
): ForecastModelInfo {
  const pooled = (model: string) => backtest.find((r) => r.model === model && r.horizon_months === null);
  const reason: ModelReason = !first ? "too_short" : first.model === "procedure" ? "procedure" : "no_backtest";
  return {
    shown: first?.model ?? null,
    reason,
    horizon_models: first?.horizon_models ?? [],
    regression_form: first?.regression_form ?? null,
    has_month_terms: first?.has_month_terms ?? false,
    count_history_months: first?.count_history_months ?? countHistoryMonths,
    as_shown_wape_pct: significant(pooled("as_shown")?.wape_pct ?? null),
    as_shown_mase: significant(pooled("as_shown")?.mase ?? null),
    seasonal_naive_wape_pct: significant(pooled("seasonal_naive")?.wape_pct ?? null),
    backtest_first_month: pooled("seasonal_naive")?.first_target_month ?? null,
    backtest_last_month: pooled("seasonal_naive")?.last_target_month ?? null
  };
}

function forecastPoint(row: RevenueForecastRow): ForecastPoint {
  return {
    period_start: row.period_start,
    won_to_date: money(row.won_to_date),
    forecast_amount: money(row.forecast_amount),
    lower_80: moneyOrNull(row.lower_80),
    upper_80: moneyOrNull(row.upper_80),
    lower_95: moneyOrNull(row.lower_95),
    upper_95: moneyOrNull(row.upper_95),
    other_amount: moneyOrNull(row.model === "seasonal_naive" ? row.regression_amount : row.seasonal_naive_amount)
  };
}

function pipelinePoint(row: ForecastResults["pipeline_monthly"]["rows"][number]): PipelinePoint {
  return {
    period_start: row.period_start,
    count_opportunities: row.count_opportunities,
    count_overdue: row.count_overdue,
    open_amount: money(row.open_amount),
    expected_amount: money(row.expected_amount),
    won_to_date: money(row.won_to_date),
    forecast_amount: money(row.forecast_amount),
    lower_80: money(row.lower_80),
    upper_80: money(row.upper_80),
    lower_95: money(row.lower_95),
    upper_95: money(row.upper_95)
  };
}

const money = (value: number) => Math.round(value);
const moneyOrNull = (value: number | null) => (value === null ? null : Math.round(value));
