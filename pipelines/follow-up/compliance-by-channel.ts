import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {complianceCounts, type ComplianceCounts, type ComplianceGrouping} from "./compliance-counts.ts";
import type {FollowUpOptions} from "./follow-up-options.ts";

export interface ComplianceByChannelRow extends ComplianceCounts {
  /** the opportunity's source (lead channel) */
  channel: string | null;
}

/**
 * Share of the opportunities from each channel whose follow-up followed the plan (see
 * followUpCompliance): n_compliant / n_evaluated with a 95% Wilson interval, pending plans left out,
 * and failures by step. Why it matters: leads from some channels are followed up less carefully, which
 * makes the channel look worse than its leads are.
 *
 * Input: opportunities created in the period (filters apply) and their activities. Output grain: one
 * row per opportunity source. Missing activities → no rows.
 *
 * @example
 * const {rows} = await complianceByChannel(ctx);
 * // [{channel: "referral", n_evaluated: 120, n_compliant: 50, compliant_rate: 0.4167, …}]
 */
export async function complianceByChannel(
  ctx: PipelineContext,
  options: Partial<FollowUpOptions> = {}
): Promise<PipelineResult<ComplianceByChannelRow>> {
  const [result] = await complianceCounts<ComplianceByChannelRow>(ctx, [BY_CHANNEL], options);
  return result;
}

export const BY_CHANNEL: ComplianceGrouping = {channel: "source"};
