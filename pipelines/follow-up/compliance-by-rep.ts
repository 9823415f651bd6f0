import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {complianceCounts, type ComplianceCounts, type ComplianceGrouping} from "./compliance-counts.ts";
import type {FollowUpOptions} from "./follow-up-options.ts";

export interface ComplianceByRepRow extends ComplianceCounts {
  rep_id: string | null;
  rep_name: string | null;
  team: string | null;
}

/**
 * Share of a rep's opportunities whose follow-up followed the plan (first contact ≤ 24 h, materials
 * 3–5 days later, second contact 7–10 days after that; see followUpCompliance): n_compliant /
 * n_evaluated, where opportunities still pending at now are left out of the denominator, with a 95%
 * Wilson interval and the count of failures at each step. Why it matters: a low share, and the step
 * where it breaks, is what a manager coaches.
 *
 * Input: opportunities created in the period (filters apply) and their activities. Output grain: one
 * row per owner rep (null when the opportunity has no owner). Missing activities → no rows.
 *
 * @example
 * const {rows} = await complianceByRep(ctx);
 * // [{rep_id: "R001", rep_name: "王伟", n_evaluated: 40, n_compliant: 18, compliant_rate: 0.45, …}]
 */
export async function complianceByRep(
  ctx: PipelineContext,
  options: Partial<FollowUpOptions> = {}
): Promise<PipelineResult<ComplianceByRepRow>> {
  const [result] = await complianceCounts<ComplianceByRepRow>(ctx, [BY_REP], options);
  return result;
}

export const BY_REP: ComplianceGrouping = {rep_id: "owner_rep_id", rep_name: "rep_name", team: "team"};
