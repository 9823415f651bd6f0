/**
 * Follow-up (docs/method.md §5): whether each opportunity was followed up by the plan — first contact within
 * 24 h, materials 3–5 days later, second contact 7–10 days after that — how often reps and channels
 * keep to it, whether it pays (win rate compliant vs not), what is overdue today, and which follow-up
 * channels are used and win.
 */
import type {PipelineContext, PipelineResult} from "./lib/context.ts";
import {BY_CHANNEL, type ComplianceByChannelRow} from "./follow-up/compliance-by-channel.ts";
import {BY_REP, type ComplianceByRepRow} from "./follow-up/compliance-by-rep.ts";
import {complianceCounts} from "./follow-up/compliance-counts.ts";
import {followUpChannelMix, type FollowUpChannelMixRow} from "./follow-up/follow-up-channel-mix.ts";
import {followUpGlossary} from "./follow-up/follow-up-glossary.ts";
import type {FollowUpOptions} from "./follow-up/follow-up-options.ts";
import {overdueFollowUps, type OverdueFollowUpRow} from "./follow-up/overdue-follow-ups.ts";
import {winRateByCompliance, type WinRateByComplianceRow} from "./follow-up/win-rate-by-compliance.ts";
import {winRateByFollowUpMix, type WinRateByFollowUpMixRow} from "./follow-up/win-rate-by-follow-up-mix.ts";

export {complianceByChannel, type ComplianceByChannelRow} from "./follow-up/compliance-by-channel.ts";
export {complianceByRep, type ComplianceByRepRow} from "./follow-up/compliance-by-rep.ts";
export type {ComplianceCounts} from "./follow-up/compliance-counts.ts";
export {followUpChannelMix, type FollowUpChannelMixRow} from "./follow-up/follow-up-channel-mix.ts";
export {
  followUpCompliance,
  type FollowUpComplianceRow,
  type PlanStatus,
  type PlanStep,
  type StepStatus
} from "./follow-up/follow-up-compliance.ts";
export {DEFAULT_FOLLOW_UP_OPTIONS, followUpOptions, type FollowUpOptions} from "./follow-up/follow-up-options.ts";
export {overdueFollowUps, type OverdueFollowUpRow} from "./follow-up/overdue-follow-ups.ts";
export {
  followUpActions,
  type DueStatus,
  type FollowUpActionRow,
  type NextStep
} from "./follow-up/follow-up-actions.ts";
export {followUpWorkload, type FollowUpWorkloadRow} from "./follow-up/follow-up-workload.ts";
export {winRateByCompliance, type WinRateByComplianceRow} from "./follow-up/win-rate-by-compliance.ts";
export {winRateByFollowUpMix, type WinRateByFollowUpMixRow} from "./follow-up/win-rate-by-follow-up-mix.ts";

export const glossary = followUpGlossary;

export interface FollowUpResults {
  compliance_by_rep: PipelineResult<ComplianceByRepRow>;
  compliance_by_channel: PipelineResult<ComplianceByChannelRow>;
  win_rate_by_compliance: PipelineResult<WinRateByComplianceRow>;
  overdue: PipelineResult<OverdueFollowUpRow>;
  channel_mix: PipelineResult<FollowUpChannelMixRow>;
  win_rate_by_mix: PipelineResult<WinRateByFollowUpMixRow>;
}

/**
 * Every follow-up result a page needs, for one context and one plan (the per-opportunity detail,
 * which can be long, comes from followUpCompliance). Queries run one after another on the connection.
 *
 * @example
 * const results = await followUp(ctx);
 * results.win_rate_by_compliance.rows; // [{plan_status: "compliant", win_rate: 0.6, …}, {plan_status: "not_compliant", …}]
 */
export async function followUp(ctx: PipelineContext, options: Partial<FollowUpOptions> = {}): Promise<FollowUpResults> {
  // both shares from one evaluation of the plan
  const [byRep, byChannel] = await complianceCounts(ctx, [BY_REP, BY_CHANNEL], options);
  return {
    compliance_by_rep: byRep as PipelineResult<ComplianceByRepRow>,
    compliance_by_channel: byChannel as PipelineResult<ComplianceByChannelRow>,
    win_rate_by_compliance: await winRateByCompliance(ctx, options),
    overdue: await overdueFollowUps(ctx, options),
    channel_mix: await followUpChannelMix(ctx),
    win_rate_by_mix: await winRateByFollowUpMix(ctx)
  };
}
