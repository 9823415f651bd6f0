/**
 * Customers (docs/method.md §1 and §6): which segments convert and at what value, RFM per account, the
 * repeat-purchase rate, the care list for the coming days, and loyalty tiers.
 */
import type {PipelineContext, PipelineResult} from "./lib/context.ts";
import {careList, type CareListOptions, type CareListRow} from "./customers/care-list.ts";
import {
  customerSegmentsByDimension,
  type CustomerSegmentRow,
  type SegmentDimension
} from "./customers/customer-segments.ts";
import {customersGlossary} from "./customers/customers-glossary.ts";
import {loyaltyTiers, type LoyaltyTierRow} from "./customers/loyalty-tiers.ts";
import {repeatPurchaseRate, type RepeatPurchaseRateRow} from "./customers/repeat-purchase-rate.ts";
import {rfmSegments, type RfmSegmentRow} from "./customers/rfm-segments.ts";

export {accountRfm, type AccountRfmRow, type RfmSegment} from "./customers/account-rfm.ts";
export {DEFAULT_HOLIDAYS, nextMonthDay, type Holiday} from "./customers/care-holidays.ts";
export {careList, DEFAULT_CARE_LIST_OPTIONS, type CareListOptions, type CareListRow} from "./customers/care-list.ts";
export {
  customerSegments,
  customerSegmentsByDimension,
  SEGMENT_DIMENSIONS,
  type CustomerSegmentRow,
  type SegmentDimension
} from "./customers/customer-segments.ts";
export {loyaltyTiers, type LoyaltyTierRow} from "./customers/loyalty-tiers.ts";
export {repeatPurchaseRate, type RepeatPurchaseRateRow} from "./customers/repeat-purchase-rate.ts";
export {rfmSegments, type RfmSegmentRow} from "./customers/rfm-segments.ts";

export const glossary = customersGlossary;

export interface CustomersResults {
  segments: Record<SegmentDimension, PipelineResult<CustomerSegmentRow>>;
  rfm_segments: PipelineResult<RfmSegmentRow>;
  repeat_purchase: PipelineResult<RepeatPurchaseRateRow>;
  care_list: PipelineResult<CareListRow>;
  loyalty_tiers: PipelineResult<LoyaltyTierRow>;
}

/**
 * Every customer result a page needs, for one context: segments on every dimension, RFM segments,
 * repeat purchase, the care list and loyalty tiers (the per-account RFM rows, which can be long, come
 * from accountRfm). Queries run one after another on the connection.
 *
 * @example
 * const {repeat_purchase} = await customers(ctx);
 * repeat_purchase.rows[0].repeat_purchase_rate; // 0.23
 */
export async function customers(
  ctx: PipelineContext,
  options: {careList?: Partial<CareListOptions>} = {}
): Promise<CustomersResults> {
  return {
    segments: await customerSegmentsByDimension(ctx),
    rfm_segments: await rfmSegments(ctx),
    repeat_purchase: await repeatPurchaseRate(ctx),
    care_list: await careList(ctx, options.careList),
    loyalty_tiers: await loyaltyTiers(ctx)
  };
}
