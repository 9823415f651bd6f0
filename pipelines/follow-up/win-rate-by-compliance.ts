import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {wilsonInterval} from "../stats/wilson-interval.ts";
import {followUpOptions, followUpParams, type FollowUpOptions} from "./follow-up-options.ts";
import {planStepsSql} from "./plan-steps-sql.ts";

export interface WinRateByComplianceRow {
  /** compliant: all three steps on time; not_compliant: any step early, late or missing */
  plan_status: "compliant" | "not_compliant";
  n_closed: number;
  n_won: number;
  /** n_won / n_closed with its 95% Wilson interval */
  win_rate: number;
  win_rate_lower: number;
  win_rate_upper: number;
}

/**
 * Win rate of opportunities whose follow-up followed the plan against those whose did not: won /
 * (won + lost) among the opportunities closed in the period (the contract's win rate), split by plan
 * compliance (see followUpCompliance), each with a 95% Wilson interval. Why it matters: it is the
 * evidence for the plan — if compliant opportunities do not win more often, the plan is ritual.
 * Correlation, not proof: diligent reps both follow the plan and win more.
 *
 * Input: opportunities closed in the period (filters apply) and their activities. Output grain: one
 * row per plan status that occurs (compliant first). Missing activities → no rows.
 *
 * @example
 * const {rows} = await winRateByCompliance(ctx);
 * // [{plan_status: "compliant", n_closed: 300, n_won: 180, win_rate: 0.6, …},
 * //  {plan_status: "not_compliant", n_closed: 700, n_won: 190, win_rate: 0.27, …}]
 */
export async function winRateByCompliance(
  ctx: PipelineContext,
  options: Partial<FollowUpOptions> = {}
): Promise<PipelineResult<WinRateByComplianceRow>> {
  const resolved = followUpOptions(options);
  const missing = await missingTables(ctx.connection, ["activities"]);
  if (missing.length) return {rows: [], missing};
  const filter = filterCondition(ctx.filters);
  const sql = `${planStepsSql("closed", filter.sql)},
final AS (
  SELECT plan_status, count(*)::INTEGER AS n_closed, count(*) FILTER (WHERE outcome = 'won')::INTEGER AS n_won
  FROM plan
  GROUP BY plan_status
  ORDER BY plan_status
)
SELECT * FROM final`;
  const counts = await readRows<{plan_status: WinRateByComplianceRow["plan_status"]; n_closed: number; n_won: number}>(
    ctx.connection,
    sql,
    {...followUpParams(ctx, resolved), ...filter.params}
  );
  const rows = counts.map(({plan_status, n_closed, n_won}) => {
    // a group holds at least one closed opportunity, so the interval exists
    const {lower, upper} = wilsonInterval(n_won, n_closed)!;
    return {plan_status, n_closed, n_won, win_rate: n_won / n_closed, win_rate_lower: lower, win_rate_upper: upper};
  });
  return {rows, missing: []};
}
