import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {pipelineStageProbabilities, round2} from "../pipeline/weighted-pipeline.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {toDateEnd} from "../lib/to-date-end.ts";
import {stageProbabilityOf, type LearnedStageProbability} from "../stage-conversion/stage-probabilities.ts";
import {addMonths, quarterStart} from "./add-months.ts";
import {Z_95} from "../stats/wilson-interval.ts";
import {Z_80} from "./student-t.ts";

/** The pipeline's forecast — grain: one row per expected close month (or quarter) × currency. */
export interface PipelineForecastRow {
  grain: "month" | "quarter";
  /** first day of the month or quarter the deals are expected to close in; null: no expected close date */
  period_start: string | null;
  currency: string | null;
  /** won in the period so far, up to the end of now's day: only the month (quarter) holding now has any */
  won_to_date: number;
  count_won_to_date: number;
  count_opportunities: number;
  /** of them, overdue — expected close date before today — and counted in the month holding now */
  count_overdue: number;
  /** without an amount (they add nothing) */
  count_without_amount: number;
  /** in a stage with no probability, learned or configured (left out of the expected amount) */
  count_without_probability: number;
  /** Σ amount of the open opportunities */
  open_amount: number;
  /** Σ amount × p, p the stage's learned win probability: the expected revenue */
  expected_amount: number;
  /** won_to_date + expected_amount: the period's revenue as the pipeline forecasts it, never below what is won */
  forecast_amount: number;
  /** √Σ amount² · p(1 − p): the standard deviation of the revenue if each deal is won or lost independently */
  sd_amount: number;
  /**
   * interval of forecast_amount: won_to_date + (expected_amount ∓ z · sd_amount, the normal approximation,
   * clamped to 0 … the weighted deals' open amount)
   */
  lower_80: number;
  upper_80: number;
  lower_95: number;
  upper_95: number;
}

/**
 * Pipeline forecast: the revenue the open pipeline is expected to bring, by expected close month (or
 * quarter) — Σ amount × p over the open opportunities, p the win probability learned for their stage
 * (pipelineStageProbabilities: opportunities closed in the last year, company-wide) — with an interval from
 * the variance of Bernoulli outcomes: each deal is won (amount) with probability p or lost (0), so its
 * variance is amount² · p(1 − p), and the deals' variances add, taken as independent. The interval is the
 * normal approximation expected ∓ z·sd (z = 1.2816, 1.9600), clamped to what the deals could bring
 * (0 … Σ amount); with a handful of deals the true distribution is lumpy and the approximation rough.
 *
 * An expected close date already past (overdue) cannot be believed, but the deal is still open and can
 * close: it counts in the month holding now (count_overdue says how many); a deal without an expected close
 * date gets a row of its own (period_start null).
 *
 * The month (quarter) holding now has begun: its forecast_amount is what is already won in it, up to the end
 * of now's day (toDateEnd, the boundary of the site's periods), + the pipeline's expected revenue, and its
 * interval is shifted by the same amount, so it never falls below what is won. A currency with wins in it but
 * no open deal due gets that row too.
 *
 * Why: the regression extrapolates the past; the pipeline says what is in hand. Where they disagree, one of
 * them is wrong, and forecastAccuracy shows which has been right before.
 *
 * Input: opportunities open now and won in the period holding now (filtered); closed ones of the last year for
 * the probabilities (or `stageProbabilities` already learned by pipelineStageProbabilities at now). The
 * period plays no part. Output grain: one row per close month (grain "month") or quarter × currency, in
 * order, from the month holding now; no-date rows last.
 *
 * @example
 * const {rows} = await pipelineForecast(ctx, {grain: "month"});
 * // [{period_start: "2026-11-01", won_to_date: 2_927_000, count_overdue: 16, expected_amount: 9_243_191, …}, …]
 */
export async function pipelineForecast(
  ctx: PipelineContext,
  options: {grain?: "month" | "quarter"; stageProbabilities?: LearnedStageProbability[]} = {}
): Promise<PipelineResult<PipelineForecastRow>> {
  const grain = options.grain ?? "month";
  const probability = stageProbabilityOf(
    options.stageProbabilities ?? (await pipelineStageProbabilities(ctx.connection, ctx.now))
  );
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const groups = await readRows<{
    close_month: string | null;
    currency: string | null;
    stage: string;
    count_opportunities: number;
    count_overdue: number;
    count_without_amount: number;
    amount: number;
    amount_squared: number;
  }>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     open_now AS (
       SELECT f.stage, f.currency, f.amount::DOUBLE AS amount, f.expected_close_at,
         -- an expected close date already past still closes, at the earliest now: the month holding now
         -- (greatest() skips nulls: a deal without a date keeps none)
         CASE WHEN f.expected_close_at IS NOT NULL
           THEN greatest(date_trunc('month', f.expected_close_at), date_trunc('month', CAST($now AS TIMESTAMP)))::DATE
         END AS close_month,
         f.expected_close_at < CAST(CAST($now AS TIMESTAMP) AS DATE) AS is_overdue
       FROM opportunity_scope f
       WHERE f.outcome = 'open' AND ${filter}
     ),
     final AS (
       SELECT close_month, currency, stage,
         count(*)::INTEGER AS count_opportunities,
         count(*) FILTER (WHERE is_overdue)::INTEGER AS count_overdue,
         count(*) FILTER (WHERE amount IS NULL)::INTEGER AS count_without_amount,
         coalesce(sum(amount), 0) AS amount,
         coalesce(sum(amount * amount), 0) AS amount_squared
       FROM open_now GROUP BY ALL
     )
     SELECT * FROM final ORDER BY close_month NULLS LAST, currency NULLS LAST, stage`,
    {...params, now: ctx.now}
  );
  const current = grain === "month" ? addMonths(ctx.now, 0) : quarterStart(ctx.now);
  const won = await readRows<{currency: string | null; count_won: number; won_amount: number}>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     final AS (
       SELECT f.currency, count(*)::INTEGER AS count_won, coalesce(sum(f.amount), 0)::DOUBLE AS won_amount
       FROM opportunity_scope f
       -- won in the period holding now, up to the end of now's day
       WHERE f.outcome = 'won' AND f.closed_at >= CAST($start AS TIMESTAMP)
         AND f.closed_at < CAST($to_date_end AS TIMESTAMP) AND ${filter}
       GROUP BY ALL
     )
     SELECT * FROM final ORDER BY currency NULLS LAST`,
    {...params, start: current, to_date_end: toDateEnd(ctx.now)}
  );
  const rows = new Map<string, PipelineForecastRow & {variance: number; weighted_open: number}>();
  const rowOf = (start: string | null, currency: string | null) => {
    const key = JSON.stringify([start, currency]);
    const row = rows.get(key) ?? {
      grain,
      period_start: start,
      currency,
      won_to_date: 0,
      count_won_to_date: 0,
      count_opportunities: 0,
      count_overdue: 0,
      count_without_amount: 0,
      count_without_probability: 0,
      open_amount: 0,
      expected_amount: 0,
      forecast_amount: 0,
      sd_amount: 0,
      lower_80: 0,
      upper_80: 0,
      lower_95: 0,
      upper_95: 0,
      variance: 0,
      weighted_open: 0
    };
    rows.set(key, row);
    return row;
  };
  for (const group of groups) {
    const start =
      group.close_month === null ? null : grain === "month" ? group.close_month : quarterStart(group.close_month);
    const row = rowOf(start, group.currency);
    const p = probability(group.stage);
    row.count_opportunities += group.count_opportunities;
    row.count_overdue += group.count_overdue;
    row.count_without_amount += group.count_without_amount;
    row.open_amount += group.amount;
    if (p === null) row.count_without_probability += group.count_opportunities;
    else {
      row.expected_amount += group.amount * p;
      row.variance += group.amount_squared * p * (1 - p);
      row.weighted_open += group.amount;
    }
  }
  for (const {currency, count_won, won_amount} of won) {
    const row = rowOf(current, currency);
    [row.won_to_date, row.count_won_to_date] = [won_amount, count_won];
  }
  const result = [...rows.values()].map(({variance, weighted_open, ...row}): PipelineForecastRow => {
    const sd = Math.sqrt(variance);
    // the pipeline's part cannot be negative nor exceed what its deals could bring; what is won is known
    const bound = (value: number) => round2(row.won_to_date + Math.min(weighted_open, Math.max(0, value)));
    return {
      ...row,
      won_to_date: round2(row.won_to_date),
      open_amount: round2(row.open_amount),
      expected_amount: round2(row.expected_amount),
      forecast_amount: round2(row.won_to_date + row.expected_amount),
      sd_amount: round2(sd),
      lower_80: bound(row.expected_amount - Z_80 * sd),
      upper_80: bound(row.expected_amount + Z_80 * sd),
      lower_95: bound(row.expected_amount - Z_95 * sd),
      upper_95: bound(row.expected_amount + Z_95 * sd)
    };
  });
  result.sort((a, b) => nullsLast(a.period_start, b.period_start) || nullsLast(a.currency, b.currency));
  return {rows: result, missing: await missingTables(ctx.connection, ["stage_history"])};
}

function nullsLast(a: string | null, b: string | null): number {
  return a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
}
