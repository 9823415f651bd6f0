import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";

export interface FollowUpChannelMixRow {
  /** activity type: call, email, meeting, visit, social, material_sent, other (null when not exported) */
  type: string | null;
  n_activities: number;
  /** n_activities / all activities in the period, 0–1 */
  activity_rate: number;
  /** distinct opportunities touched this way */
  n_opportunities: number;
}

/**
 * The mix of follow-up channels: activities that happened in the period by type (call, email,
 * meeting, visit, social, material_sent …), with each type's share of all of them. Why it matters: a
 * team that only phones and never visits shows it here; winRateByFollowUpMix says whether it costs.
 *
 * Input: activities with occurred_at in the period that belong to an opportunity matching the filters
 * (activities tied to no opportunity are left out, since they carry no channel or owner). Output grain:
 * one row per activity type, most frequent first. Missing activities → no rows, missing ["activities"].
 *
 * @example
 * const {rows} = await followUpChannelMix(ctx);
 * // [{type: "call", n_activities: 3921, activity_rate: 0.3458, n_opportunities: 1380}, …]
 */
export async function followUpChannelMix(ctx: PipelineContext): Promise<PipelineResult<FollowUpChannelMixRow>> {
  const missing = await missingTables(ctx.connection, ["activities"]);
  if (missing.length) return {rows: [], missing};
  const filter = filterCondition(ctx.filters);
  const sql = `
WITH scoped AS (
  SELECT f.opportunity_id FROM ${OPPORTUNITY_SCOPE} f WHERE ${filter.sql}
),
touches AS (
  SELECT a.opportunity_id, a.type
  FROM activities a
  -- what the reps did in the period, on the opportunities the filters select
  WHERE a.occurred_at >= $period_start::TIMESTAMP AND a.occurred_at < $period_end::TIMESTAMP
    AND a.opportunity_id IN (SELECT opportunity_id FROM scoped)
),
final AS (
  SELECT type, count(*)::INTEGER AS n_activities,
    count(*) / sum(count(*)) OVER () AS activity_rate,
    count(DISTINCT opportunity_id)::INTEGER AS n_opportunities
  FROM touches
  GROUP BY type
  ORDER BY n_activities DESC, type
)
SELECT * FROM final`;
  const rows = await readRows<FollowUpChannelMixRow>(ctx.connection, sql, {
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    ...filter.params
  });
  return {rows, missing: []};
}
