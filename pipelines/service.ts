/**
 * Service (docs/method.md §6): tickets and complaints by category and month, resolution times, satisfaction,
 * the complaint rate per 100 active customers, the accounts at risk (open complaint, open deal), and
 * whether customers who complained buy again.
 */
import type {PipelineContext, PipelineResult} from "./lib/context.ts";
import {complaintRate, type ComplaintRateRow} from "./service/complaint-rate.ts";
import {complaintRiskList, type ComplaintRiskRow} from "./service/complaint-risk-list.ts";
import {
  repurchaseAfterComplaint,
  type RepurchaseAfterComplaintOptions,
  type RepurchaseAfterComplaintRow
} from "./service/repurchase-after-complaint.ts";
import {resolutionTimes, type ResolutionTimeRow} from "./service/resolution-times.ts";
import {satisfactionScores, type SatisfactionScoreRow} from "./service/satisfaction-scores.ts";
import {serviceGlossary} from "./service/service-glossary.ts";
import {ticketsByMonth, type TicketsByMonthRow} from "./service/tickets-by-month.ts";

export {complaintRate, type ComplaintRateRow} from "./service/complaint-rate.ts";
export {complaintRiskList, type ComplaintRiskRow} from "./service/complaint-risk-list.ts";
export {
  repurchaseAfterComplaint,
  type RepurchaseAfterComplaintOptions,
  type RepurchaseAfterComplaintRow
} from "./service/repurchase-after-complaint.ts";
export {resolutionTimes, type ResolutionTimeRow} from "./service/resolution-times.ts";
export {satisfactionScores, type SatisfactionScoreRow} from "./service/satisfaction-scores.ts";
export {DEFAULT_COMPLAINT_CATEGORIES, type ServiceOptions} from "./service/service-scope.ts";
export {ticketsByMonth, type TicketsByMonthRow} from "./service/tickets-by-month.ts";

export const glossary = serviceGlossary;

export interface ServiceResults {
  tickets_by_month: PipelineResult<TicketsByMonthRow>;
  resolution_times: PipelineResult<ResolutionTimeRow>;
  satisfaction: PipelineResult<SatisfactionScoreRow>;
  complaint_rate: PipelineResult<ComplaintRateRow>;
  risk_list: PipelineResult<ComplaintRiskRow>;
  repurchase_after_complaint: PipelineResult<RepurchaseAfterComplaintRow>;
}

/**
 * Every service result a page needs, for one context. Queries run one after another on the connection.
 *
 * @example
 * const {risk_list} = await service(ctx);
 * risk_list.rows.length; // accounts with an open complaint and an open opportunity
 */
export async function service(
  ctx: PipelineContext,
  options: Partial<RepurchaseAfterComplaintOptions> = {}
): Promise<ServiceResults> {
  return {
    tickets_by_month: await ticketsByMonth(ctx, options),
    resolution_times: await resolutionTimes(ctx),
    satisfaction: await satisfactionScores(ctx),
    complaint_rate: await complaintRate(ctx, options),
    risk_list: await complaintRiskList(ctx, options),
    repurchase_after_complaint: await repurchaseAfterComplaint(ctx, options)
  };
}
