import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {stageProbabilityOf} from "../stage-conversion/stage-probabilities.ts";
import {pipelineStageProbabilities, round2, type StageProbabilityOptions} from "./weighted-pipeline.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";

/** Open pipeline now — grain: one row per open stage × expected close month × currency. */
export interface OpenPipelineRow {
  stage: string;
  stage_order: number;
  /** first day of the expected close month ("2026-12-01"); null when the opportunity has no close date */
  expected_close_month: string | null;
  currency: string | null;
  count_opportunities: number;
  /** opportunities counted without an amount (they add nothing to `amount`) */
  count_without_amount: number;
  amount: number;
  /** the stage probability used for weighting (see weightedPipeline) */
  stage_probability: number | null;
  weighted_amount: number | null;
}

/**
 * Open pipeline by stage and expected close month: how many opportunities are open now, for how much,
 * and when they are expected to close, with the amount weighted by the learned stage probability.
 *
 * Why: the shape of the pipeline — early-stage mass far out, or late-stage deals due this month — tells
 * more than its total; months before now hold overdue deals whose close date needs updating.
 *
 * Input: open opportunities now (filtered). The period plays no part. Output grain: one row per (stage,
 * expected close month, currency), in funnel order then by month (no date last).
 *
 * @example
 * const {rows} = await openPipeline({connection, period, now: "2026-11-20T00:00:00Z"});
 * // {stage: "negotiation", expected_close_month: "2026-12-01", count_opportunities: 14, amount: 4_120_000, …}
 */
export async function openPipeline(
  ctx: PipelineContext,
  options: StageProbabilityOptions = {}
): Promise<PipelineResult<OpenPipelineRow>> {
  const probability = stageProbabilityOf(
    options.learned ?? (await pipelineStageProbabilities(ctx.connection, ctx.now))
  );
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const sums = await readRows<Omit<OpenPipelineRow, "stage_probability" | "weighted_amount">>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     open_now AS (
       SELECT f.stage, f.stage_order, f.expected_close_at, f.currency, f.amount FROM opportunity_scope f
       WHERE f.outcome = 'open' AND ${filter}
     ),
     final AS (
       SELECT stage, stage_order, date_trunc('month', expected_close_at)::DATE AS expected_close_month, currency,
         count(*)::INTEGER AS count_opportunities,
         count(*) FILTER (WHERE amount IS NULL)::INTEGER AS count_without_amount,
         coalesce(sum(amount), 0)::DOUBLE AS amount
       FROM open_now GROUP BY ALL
     )
     SELECT * FROM final ORDER BY stage_order, stage, expected_close_month NULLS LAST, currency NULLS LAST`,
    params
  );
  const rows = sums.map((row): OpenPipelineRow => {
    const p = probability(row.stage);
    return {...row, stage_probability: p, weighted_amount: p === null ? null : round2(row.amount * p)};
  });
  return {rows, missing: []};
}
