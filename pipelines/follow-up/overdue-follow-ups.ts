import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {followUpOptions, type FollowUpOptions} from "./follow-up-options.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";

export interface OverdueFollowUpRow {
  opportunity_id: string;
  account_id: string | null;
  owner_rep_id: string | null;
  rep_name: string | null;
  team: string | null;
  source: string | null;
  stage: string;
  amount: number | null;
  currency: string | null;
  created_at: string;
  expected_close_at: string | null;
  /** the latest activity of any type at or before now; null when it was never touched */
  last_touch_at: string | null;
  /** days from the last touch (or, never touched, from creation) to now */
  days_since_touch: number;
}

/**
 * Follow-ups overdue today: open opportunities nobody has touched (no activity of any type) in the
 * last `overdueDays` days (default 14) at `ctx.now`; one never touched counts from its creation. Why
 * it matters: an opportunity left alone for weeks goes cold; this is the rep's to-do list.
 *
 * A snapshot at now: the period is not used; filters apply. Input: opportunities (outcome open,
 * created by now) and activities. Output grain: one row per overdue opportunity, longest silence first,
 * then larger amount. Missing activities → no rows, missing ["activities"] (silence cannot be told
 * from a missing export).
 *
 * @example
 * const {rows} = await overdueFollowUps(ctx, {overdueDays: 21});
 * // [{opportunity_id: "O001203", stage: "intent", last_touch_at: "2026-09-02T02:15:00Z", days_since_touch: 78.9, …}]
 */
export async function overdueFollowUps(
  ctx: PipelineContext,
  options: Partial<FollowUpOptions> = {}
): Promise<PipelineResult<OverdueFollowUpRow>> {
  const {overdueDays} = followUpOptions(options);
  const missing = await missingTables(ctx.connection, ["activities"]);
  if (missing.length) return {rows: [], missing};
  const filter = filterCondition(ctx.filters);
  const sql = `
WITH open_opportunities AS (
  SELECT f.opportunity_id, f.account_id, f.owner_rep_id, f.rep_name, f.team, f.source, f.stage, f.amount,
    f.currency, f.created_at, f.expected_close_at
  FROM ${OPPORTUNITY_SCOPE} f
  -- still open as exported, and already created at now
  WHERE ${filter.sql} AND f.outcome = 'open' AND f.created_at <= $now::TIMESTAMP
),
last_touches AS (
  SELECT a.opportunity_id, max(a.occurred_at) AS last_touch_at
  FROM activities a
  -- a touch logged after now has not happened yet at now
  WHERE a.opportunity_id IN (SELECT opportunity_id FROM open_opportunities) AND a.occurred_at <= $now::TIMESTAMP
  GROUP BY a.opportunity_id
),
silences AS (
  SELECT o.*, t.last_touch_at,
    date_diff('second', coalesce(t.last_touch_at, o.created_at), $now::TIMESTAMP) / 86400.0 AS silence_days
  FROM open_opportunities o LEFT JOIN last_touches t ON t.opportunity_id = o.opportunity_id
),
final AS (
  SELECT opportunity_id, account_id, owner_rep_id, rep_name, team, source, stage, amount, currency, created_at,
    expected_close_at, last_touch_at, round(silence_days, 1) AS days_since_touch
  FROM silences
  WHERE silence_days >= $overdue_days
  ORDER BY silence_days DESC, amount DESC NULLS LAST, opportunity_id
)
SELECT * FROM final`;
  const rows = await readRows<OverdueFollowUpRow>(ctx.connection, sql, {
    now: ctx.now,
    overdue_days: overdueDays,
    ...filter.params
  });
  return {rows, missing: []};
}
