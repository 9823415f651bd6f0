import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {readRows} from "../lib/read-rows.ts";

export interface LateStageGapRow {
  opportunity_id: string;
  stage: string;
  owner_rep_id: string | null;
  has_amount: boolean;
  has_expected_close: boolean;
  created_at: string;
}

/**
 * Opportunities in the late stage with no amount or no expected close date: open opportunities in the
 * last open stage of the stage model (negotiation by default) that lack either. Why it matters: they
 * are the deals the forecast and the weighted pipeline count most, and without an amount or a date
 * they count as nothing; a rep in negotiation knows both.
 *
 * Input: opportunities, stages. The period and filters are not used. Output grain: one row per such
 * opportunity, oldest first.
 *
 * @example
 * const {rows} = await lateStageGaps(ctx);
 * // [{opportunity_id: "O000812", stage: "negotiation", has_amount: false, has_expected_close: true, …}]
 */
export async function lateStageGaps(ctx: PipelineContext): Promise<PipelineResult<LateStageGapRow>> {
  const sql = `
WITH late_stages AS (
  -- the last open stage: the one just before the close
  SELECT stage FROM stages WHERE kind = 'open' AND stage_order = (SELECT max(stage_order) FROM stages WHERE kind = 'open')
),
final AS (
  SELECT o.opportunity_id, o.stage, o.owner_rep_id, o.amount IS NOT NULL AS has_amount,
    o.expected_close_at IS NOT NULL AS has_expected_close, o.created_at
  FROM opportunities o
  WHERE o.stage IN (SELECT stage FROM late_stages) AND coalesce(o.outcome, 'open') = 'open'
    AND (o.amount IS NULL OR o.expected_close_at IS NULL)
  ORDER BY o.created_at, o.opportunity_id
)
SELECT * FROM final`;
  return {rows: await readRows<LateStageGapRow>(ctx.connection, sql), missing: []};
}
