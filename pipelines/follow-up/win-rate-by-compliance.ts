import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {followUpOptions, followUpParams, type FollowUpOptions} from "./follow-up-options.ts";
import {planStepsSql} from "./plan-steps-sql.ts";
import {withWinRate} from "./win-rate-by-follow-up-mix.ts";

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
${planWinsSql("plan", [])}`;
  const counts = await readRows<{plan_status: WinRateByComplianceRow["plan_status"]; n_closed: number; n_won: number}>(
    ctx.connection,
    sql,
    {...followUpParams(ctx, resolved), ...filter.params}
  );
  return {
    rows: counts.map(({plan_status, n_closed, n_won}) => withWinRate({plan_status, n_closed, n_won})),
    missing: []
  };
}

/** The closed and won counts by plan status of `from` (plan's columns), within each group of the columns `by`. */
export function planWinsSql(from: string, by: string[]): string {
  const lead = by.map((column) => `${column}, `).join("");
  return `final AS (
  SELECT ${lead}plan_status, count(*)::INTEGER AS n_closed, count(*) FILTER (WHERE outcome = 'won')::INTEGER AS n_won
  FROM ${from}
  GROUP BY ${lead}plan_status
  ORDER BY ${lead}plan_status
)
SELECT * FROM final`;
}
