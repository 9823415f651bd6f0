import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {readRows} from "../lib/read-rows.ts";
import {REPORTING_OPPORTUNITIES} from "../lib/reporting-amounts.ts";

export interface PastCloseDateRow {
  opportunity_id: string;
  stage: string;
  owner_rep_id: string | null;
  expected_close_at: string;
  /** calendar days from the expected close date to now */
  days_overdue: number;
  amount: number | null;
}

/**
 * Open opportunities whose expected close date has passed at now. Why it matters: the pipeline due this
 * quarter and the coverage ratio trust that date; a stale date makes a dead deal look due, and the rep
 * should either close it or move the date.
 *
 * Input: opportunities (outcome open). The period and filters are not used. Output grain: one row per
 * such opportunity, longest overdue first.
 *
 * @example
 * const {rows} = await pastCloseDates(ctx);
 * // [{opportunity_id: "O000026", stage: "intent", expected_close_at: "2024-01-22", days_overdue: 1033, …}]
 */
export async function pastCloseDates(ctx: PipelineContext): Promise<PipelineResult<PastCloseDateRow>> {
  const sql = `
WITH open_opportunities AS (
  SELECT opportunity_id, stage, owner_rep_id, expected_close_at, amount
  FROM ${REPORTING_OPPORTUNITIES}
  WHERE coalesce(outcome, 'open') = 'open'
),
final AS (
  SELECT opportunity_id, stage, owner_rep_id, expected_close_at,
    date_diff('day', expected_close_at, $now::TIMESTAMP::DATE)::INTEGER AS days_overdue, amount
  FROM open_opportunities
  WHERE expected_close_at < $now::TIMESTAMP::DATE
  ORDER BY expected_close_at, opportunity_id
)
SELECT * FROM final`;
  return {rows: await readRows<PastCloseDateRow>(ctx.connection, sql, {now: ctx.now}), missing: []};
}
