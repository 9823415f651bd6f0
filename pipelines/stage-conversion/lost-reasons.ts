import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {ensureStageEntries, withStageEntries} from "../lib/stage-entries.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {toDateEnd} from "../lib/to-date-end.ts";

/** Why deals were lost, by where — grain: one row per (stage lost at, lost reason). */
export interface LostReasonRow {
  /** the open stage the opportunity was in when lost; null when its stages are unknown */
  lost_stage: string | null;
  lost_stage_order: number | null;
  /** the CRM's lost reason; null when none was given */
  lost_reason: string | null;
  count_lost: number;
  /** count_lost / opportunities lost at that stage, 0–1 */
  stage_share_rate: number;
  /** count_lost / all opportunities lost in the period, 0–1 */
  share_rate: number;
}

/**
 * Lost reasons by stage: the opportunities lost in the period, counted by the stage they were lost at (the
 * last open stage they entered before the loss) and the reason the CRM recorded.
 *
 * Why: "price too high" lost in negotiation calls for a different fix (pricing, discount authority) than
 * "no budget" lost in the first stage (qualification); counting reasons without the stage mixes them.
 *
 * Input: filtered opportunities lost in the period (by the end of now's day), their lost_reason and stage entries. Output
 * grain: one row per (lost_stage, lost_reason), in funnel order then by count.
 *
 * @example
 * const {rows} = await lostReasons({connection, period: {start: "2025-01-01", end: "2026-01-01"}, now});
 * // {lost_stage: "negotiation", lost_reason: "价格过高", count_lost: 41, stage_share_rate: 0.38, …}
 */
export async function lostReasons(ctx: PipelineContext): Promise<PipelineResult<LostReasonRow>> {
  // it reads the stage events twice: compute them once
  return withStageEntries(ctx.connection, () => lostReasonsOnce(ctx), {eventsOnly: true});
}

async function lostReasonsOnce(ctx: PipelineContext): Promise<PipelineResult<LostReasonRow>> {
  await ensureStageEntries(ctx.connection);
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const rows = await readRows<LostReasonRow>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     ${lostReasonsSql(`f.closed_at >= CAST($period_start AS TIMESTAMP)
         AND f.closed_at < CAST($period_end AS TIMESTAMP) AND f.closed_at < CAST($to_date_end AS TIMESTAMP) AND ${filter}`)}`,
    {...params, period_start: ctx.period.start, period_end: ctx.period.end, to_date_end: toDateEnd(ctx.now)}
  );
  return {rows, missing: await missingTables(ctx.connection, ["stage_history"])};
}

/**
 * The query's CTEs from lost on, over opportunity_scope f: the opportunities lost that pass `where`;
 * with `slices` (joins giving l, the lost, its period_index and choice_index) counted per slice.
 */
export function lostReasonsSql(where: string, slices?: string): string {
  const by = slices ? "period_index, choice_index" : "";
  return `lost AS (
       SELECT f.opportunity_id, f.lost_reason, f.closed_at FROM opportunity_scope f
       -- lost in the period, as far as we know by the end of now's day
       WHERE f.outcome = 'lost' AND ${where}
     ),
     loss_times AS (
       -- when it was lost: the last time it entered a lost stage
       SELECT e.opportunity_id, max(e.entered_at) AS lost_at
       FROM stage_events e SEMI JOIN lost l ON l.opportunity_id = e.opportunity_id
       WHERE e.stage_kind = 'lost'
       GROUP BY e.opportunity_id
     ),
     before_loss AS (
       -- the open stage it was in then: the last open stage entered before
       SELECT e.opportunity_id, arg_max(e.stage, (e.entered_at, e.tie)) AS lost_stage
       FROM stage_events e JOIN loss_times t ON t.opportunity_id = e.opportunity_id
       WHERE e.stage_kind = 'open' AND e.entered_at <= t.lost_at
       GROUP BY e.opportunity_id
     ),
     counted AS (
       SELECT ${slices ? `${by}, ` : ""}b.lost_stage, s.stage_order AS lost_stage_order,
         nullif(trim(l.lost_reason), '') AS lost_reason, count(*)::INTEGER AS count_lost
       FROM lost l
       ${slices ?? ""}
       LEFT JOIN before_loss b ON b.opportunity_id = l.opportunity_id
       LEFT JOIN stages s ON s.stage = b.lost_stage
       GROUP BY ALL
     ),
     final AS (
       SELECT *,
         count_lost / sum(count_lost) OVER (PARTITION BY ${slices ? `${by}, ` : ""}lost_stage) AS stage_share_rate,
         count_lost / sum(count_lost) OVER (${slices ? `PARTITION BY ${by}` : ""}) AS share_rate
       FROM counted
     )
     SELECT * FROM final
     ORDER BY ${slices ? `${by}, ` : ""}lost_stage_order NULLS LAST, count_lost DESC, lost_reason NULLS LAST`;
}
