import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {round2} from "../pipeline/weighted-pipeline.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {toDateEnd} from "../lib/to-date-end.ts";
import {addMonths, quarterStart} from "./add-months.ts";
import {pipelineForecast} from "./pipeline-forecast.ts";
import type {LearnedStageProbability} from "../stage-conversion/stage-probabilities.ts";
import {
  forecastRevenueSeries,
  regressionForecastRows,
  type RevenueForecastInput,
  type RevenueForecastRow
} from "./regression-forecast.ts";

/** The current quarter's revenue from what is known — grain: one row per currency. */
export interface CombinedQuarterRow {
  /** the quarter holding now: [quarter_start, quarter_end) */
  quarter_start: string;
  quarter_end: string;
  as_of: string;
  currency: string | null;
  /** days after now's day to the quarter end: the days still to come */
  days_remaining: number;
  /** won in the quarter so far, up to the end of now's day (the pipeline forecast's won_to_date) */
  closed_to_date: number;
  count_won_to_date: number;
  /** the pipeline forecast for the quarter: Σ amount × stage probability of the deals expected in it (overdue ones too) */
  pipeline_expected: number;
  /** its standard deviation from the Bernoulli outcomes */
  pipeline_sd: number;
  count_pipeline_opportunities: number;
  /** deals not yet in the pipeline: revenue won in the days still to come, a year earlier, by deals created within them; null when the export does not reach back a year */
  run_rate_amount: number | null;
  /** closed_to_date + pipeline_expected + run_rate_amount (0 when null) */
  combined_amount: number;
  /** combined_amount with the pipeline's interval (closed revenue is known; the run-rate is taken as it is) */
  lower_80: number;
  upper_80: number;
  lower_95: number;
  upper_95: number;
  /** the statistical forecast of the quarter (regressionForecast, its shown model), to compare; null without one */
  statistical_amount: number | null;
  statistical_model: RevenueForecastRow["model"] | null;
}

/**
 * Combined quarter view: what the quarter holding now will bring, built from the three things known —
 *
 *   closed to date (won in the quarter up to the end of now's day — toDateEnd, the site periods' boundary)
 *   + pipeline forecast (Σ open amount × learned stage probability, deals expected to close in the quarter,
 *     overdue ones counted now; pipelineForecast)
 *   + run-rate (deals that will be created and won before the quarter ends, not in the pipeline yet:
 *     estimated by the revenue won in the days still to come a year earlier — [toDateEnd(now) − 1 year,
 *     quarter end − 1 year) — by deals created within that window, so the season is that of the window)
 *
 * with the pipeline's Bernoulli interval around it, beside the statistical forecast for the quarter. What is
 * already won is known: the combined amount and both bounds are never below closed_to_date.
 *
 * Why: early in a quarter the statistical forecast carries it; late, the closed revenue and the pipeline
 * know more. Showing the parts says where the number comes from, and a gap between the combined and the
 * statistical figure is the question for the forecast call.
 *
 * Input: filtered opportunities (won in the quarter; won in the window a year earlier; open now); the
 * period plays no part. `stageProbabilities` (pipelineStageProbabilities at now) and `revenueForecasts`
 * (forecastRevenueSeries for the same filters and now) may be passed in when already computed. Output grain: one row per currency with any part.
 *
 * @example
 * const {rows} = await combinedQuarter(ctx);
 * // [{quarter_start: "2026-10-01", closed_to_date: 5_589_000, pipeline_expected: 19_104_548, run_rate_amount: 1_941_000, …}]
 */
export async function combinedQuarter(
  ctx: PipelineContext,
  options: {stageProbabilities?: LearnedStageProbability[]; revenueForecasts?: RevenueForecastInput[]} = {}
): Promise<PipelineResult<CombinedQuarterRow>> {
  const start = quarterStart(ctx.now);
  const end = addMonths(start, 3);
  const toDate = toDateEnd(ctx.now);
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const parts = await readRows<{currency: string | null; run_rate: number}>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     final AS (
       SELECT f.currency,
         -- a year earlier: created in the window still to come, and won before that quarter ended
         coalesce(sum(f.amount) FILTER (WHERE f.created_at >= CAST($to_date_end AS TIMESTAMP) - INTERVAL 1 YEAR
           AND f.closed_at < CAST($end AS TIMESTAMP) - INTERVAL 1 YEAR), 0)::DOUBLE AS run_rate
       FROM opportunity_scope f
       WHERE f.outcome = 'won' AND ${filter}
       GROUP BY ALL
     )
     SELECT * FROM final ORDER BY currency NULLS LAST`,
    {...params, end, to_date_end: toDate}
  );
  // the run-rate needs the export to reach back a year
  const [{reaches_back: reachesBack}] = await readRows<{reaches_back: boolean | null}>(
    ctx.connection,
    `SELECT min(created_at) <= CAST($now AS TIMESTAMP) - INTERVAL 1 YEAR AS reaches_back FROM opportunities`,
    {now: ctx.now}
  );
  const pipeline = (
    await pipelineForecast(ctx, {grain: "quarter", stageProbabilities: options.stageProbabilities})
  ).rows.filter((row) => row.period_start === start);
  const inputs = options.revenueForecasts ?? (await forecastRevenueSeries(ctx.connection, ctx.filters, ctx.now));
  const statistical = regressionForecastRows(inputs, {grain: "quarter", horizon: 1});
  const currencies = [...new Set([...parts, ...pipeline].map((row) => row.currency))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b)
  );
  const daysRemaining = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${toDate}T00:00:00Z`)) / 86_400_000;
  const rows = currencies.map((currency): CombinedQuarterRow => {
    const part = parts.find((p) => p.currency === currency);
    // the pipeline's quarter row: won so far + the expected revenue of the open deals, its bounds likewise
    const open = pipeline.find((p) => p.currency === currency);
    const forecast = statistical.find((s) => s.currency === currency);
    const runRate = reachesBack ? (part?.run_rate ?? 0) : null;
    const plus = (value: number | undefined) => round2((value ?? 0) + (runRate ?? 0));
    return {
      quarter_start: start,
      quarter_end: end,
      as_of: ctx.now,
      currency,
      days_remaining: daysRemaining,
      closed_to_date: open?.won_to_date ?? 0,
      count_won_to_date: open?.count_won_to_date ?? 0,
      pipeline_expected: open?.expected_amount ?? 0,
      pipeline_sd: open?.sd_amount ?? 0,
      count_pipeline_opportunities: open?.count_opportunities ?? 0,
      run_rate_amount: runRate,
      combined_amount: plus(open?.forecast_amount),
      lower_80: plus(open?.lower_80),
      upper_80: plus(open?.upper_80),
      lower_95: plus(open?.lower_95),
      upper_95: plus(open?.upper_95),
      statistical_amount: forecast?.forecast_amount ?? null,
      statistical_model: forecast?.model ?? null
    };
  });
  return {rows, missing: []};
}
