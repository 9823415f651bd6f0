import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {pipelineStageProbabilities, round2} from "../pipeline/weighted-pipeline.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {stageProbabilityOf, type LearnedStageProbability} from "../stage-conversion/stage-probabilities.ts";
import {quarterStart} from "./add-months.ts";
import {Z_95} from "../stats/wilson-interval.ts";
import {Z_80} from "./student-t.ts";

/** The pipeline's expected revenue — grain: one row per expected close month (or quarter) × currency. */
export interface PipelineForecastRow {
  grain: "month" | "quarter";
  /** first day of the month or quarter the deals are expected to close in; null: no expected close date */
  period_start: string | null;
  currency: string | null;
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
  /** √Σ amount² · p(1 − p): the standard deviation of the revenue if each deal is won or lost independently */
  sd_amount: number;
  /** expected_amount ∓ z · sd_amount (normal approximation), clamped to 0 … the weighted deals' open amount */
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
 * Why: the regression extrapolates the past; the pipeline says what is in hand. Where they disagree, one of
 * them is wrong, and forecastAccuracy shows which has been right before.
 *
 * Input: opportunities open now (filtered); closed ones of the last year for the probabilities (or
 * `stageProbabilities` already learned by pipelineStageProbabilities at now). The period plays no part. Output grain: one row per close month (grain "month") or quarter × currency, in order, from
 * the month holding now; no-date rows last.
 *
 * @example
 * const {rows} = await pipelineForecast(ctx, {grain: "month"});
 * // [{period_start: "2026-11-01", count_overdue: 16, expected_amount: 9_243_191, sd_amount: 1_629_332, …}, …]
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
  const rows = new Map<string, PipelineForecastRow & {variance: number; weighted_open: number}>();
  for (const group of groups) {
    const start =
      group.close_month === null ? null : grain === "month" ? group.close_month : quarterStart(group.close_month);
    const key = JSON.stringify([start, group.currency]);
    const row = rows.get(key) ?? {
      grain,
      period_start: start,
      currency: group.currency,
      count_opportunities: 0,
      count_overdue: 0,
      count_without_amount: 0,
      count_without_probability: 0,
      open_amount: 0,
      expected_amount: 0,
      sd_amount: 0,
      lower_80: 0,
      upper_80: 0,
      lower_95: 0,
      upper_95: 0,
      variance: 0,
      weighted_open: 0
    };
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
    rows.set(key, row);
  }
  const result = [...rows.values()].map(({variance, weighted_open, ...row}): PipelineForecastRow => {
    const sd = Math.sqrt(variance);
    const clamp = (value: number) => round2(Math.min(weighted_open, Math.max(0, value)));
    return {
      ...row,
      open_amount: round2(row.open_amount),
      expected_amount: round2(row.expected_amount),
      sd_amount: round2(sd),
      lower_80: clamp(row.expected_amount - Z_80 * sd),
      upper_80: clamp(row.expected_amount + Z_80 * sd),
      lower_95: clamp(row.expected_amount - Z_95 * sd),
      upper_95: clamp(row.expected_amount + Z_95 * sd)
    };
  });
  return {rows: result, missing: await missingTables(ctx.connection, ["stage_history"])};
}
