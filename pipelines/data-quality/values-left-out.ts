import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import {readRows} from "../lib/read-rows.ts";

/** What the metrics leave out for want of a value, among the opportunities a filter keeps (all of them loaded). */
export interface ValuesLeftOutRow {
  /** no created date: counted as created in no period; no sales cycle, age or follow-up plan */
  opportunities_without_created_at: number;
  /** no stage the stage model knows: in no stage's figures (funnel, pipeline by stage, weighted pipeline) */
  opportunities_without_stage: number;
  /** neither an outcome nor a stage to take one from: in no win rate, not in the open pipeline */
  opportunities_without_outcome: number;
  /** won without an amount: in the win rate and the won count, not in revenue or the average deal */
  won_without_amount: number;
  /** open without an amount: in the open count, not in pipeline amounts or forecasts */
  open_without_amount: number;
  /** closed before created (flagged by ingest): no sales cycle */
  closed_before_created: number;
}

/**
 * Values left out: how many loaded opportunities lack a value some metric needs — every metric that needs
 * it leaves the row out, and the pages say how many. Why it matters: ingest keeps every row it can place,
 * so a deal exported without a created date still counts in the open pipeline, but not in "created this
 * quarter"; a reader must see that the figure is short by that much.
 *
 * Input: opportunities in the filter's scope, whatever their dates (the period is not used). Output grain:
 * one row.
 *
 * @example
 * const {rows: [row]} = await valuesLeftOut(ctx);
 * // {opportunities_without_created_at: 1, opportunities_without_stage: 1, won_without_amount: 1, …}
 */
export async function valuesLeftOut(ctx: PipelineContext): Promise<PipelineResult<ValuesLeftOutRow>> {
  const filter = filterCondition(ctx.filters);
  const rows = await readRows<ValuesLeftOutRow>(
    ctx.connection,
    `SELECT
       count(*) FILTER (WHERE f.created_at IS NULL)::INTEGER AS opportunities_without_created_at,
       count(*) FILTER (WHERE f.stage IS NULL)::INTEGER AS opportunities_without_stage,
       count(*) FILTER (WHERE f.outcome IS NULL)::INTEGER AS opportunities_without_outcome,
       count(*) FILTER (WHERE f.outcome = 'won' AND f.amount IS NULL)::INTEGER AS won_without_amount,
       count(*) FILTER (WHERE f.outcome = 'open' AND f.amount IS NULL)::INTEGER AS open_without_amount,
       count(*) FILTER (WHERE f.closed_at < f.created_at)::INTEGER AS closed_before_created
     FROM ${OPPORTUNITY_SCOPE} f
     WHERE ${filter.sql}`,
    filter.params
  );
  return {rows, missing: []};
}
