import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";

export interface StageRegressionRow {
  from_stage: string;
  to_stage: string;
  /** moves from from_stage straight to the earlier to_stage */
  n_moves: number;
  n_opportunities: number;
}

/**
 * Stage regressions: moves backwards in stage_history — consecutive entries of one opportunity (by
 * entered_at) where the next stage comes earlier in the stage model (negotiation → intent, or a
 * reopened won/lost → an open stage). Why it matters: a few are real (a deal reopened), many mean
 * reps use the stage field loosely, which corrupts the funnel and the stage probabilities.
 *
 * Input: stage_history, stages. The period and filters are not used. Output grain: one row per
 * backward from → to pair, most frequent first. Missing stage_history → no rows, missing ["stage_history"].
 *
 * @example
 * const {rows} = await stageRegressions(ctx);
 * // [{from_stage: "negotiation", to_stage: "intent", n_moves: 30, n_opportunities: 29}, …]
 */
export async function stageRegressions(ctx: PipelineContext): Promise<PipelineResult<StageRegressionRow>> {
  const missing = await missingTables(ctx.connection, ["stage_history"]);
  if (missing.length) return {rows: [], missing};
  const sql = `
WITH entries AS (
  SELECT h.opportunity_id, h.stage, h.entered_at, s.stage_order
  FROM stage_history h JOIN stages s ON s.stage = h.stage
),
moves AS (
  SELECT opportunity_id, stage AS from_stage, stage_order AS from_order,
    lead(stage) OVER w AS to_stage, lead(stage_order) OVER w AS to_order
  FROM entries
  WINDOW w AS (PARTITION BY opportunity_id ORDER BY entered_at, stage_order)
),
final AS (
  SELECT from_stage, to_stage, count(*)::INTEGER AS n_moves, count(DISTINCT opportunity_id)::INTEGER AS n_opportunities
  FROM moves
  WHERE to_order < from_order
  GROUP BY from_stage, to_stage
  ORDER BY n_moves DESC, from_stage, to_stage
)
SELECT * FROM final`;
  return {rows: await readRows<StageRegressionRow>(ctx.connection, sql), missing: []};
}
