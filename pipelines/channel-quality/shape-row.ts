import type {ChannelQualityRow} from "../channel-quality.ts";
import type {Filters, Period} from "../lib/context.ts";
import type {ChannelLevel} from "./channel-quality-sql.ts";
import {wilsonInterval} from "../stats/wilson-interval.ts";
import {bucketEnd, monthsCovered, type BucketInterval} from "./bucket.ts";

/** A row of channelQualitySql: raw counts and sums of one bucket × source (× campaign). */
export interface RawRow {
  bucket_start: string;
  source: string | null;
  campaign: string | null;
  count_leads: number | null;
  count_converted_leads: number | null;
  count_duplicate_leads: number | null;
  count_opportunities: number;
  count_won: number;
  count_lost: number;
  won_revenue: number;
  won_gross_margin: number | null;
  count_margin_imputed: number;
  count_won_without_amount: number;
  median_cycle_days: number | null;
  cost: number | null;
  has_spend: boolean;
}

/** Which figures a slice under `filters` has at all. */
export interface SliceFigures {
  /** leads carry no product: no lead figures under a product filter */
  leadsApply: boolean;
  /** spend is per channel: none on campaign rows or under a team, region, rep or product filter */
  spendApplies: boolean;
  duplicates: boolean;
}

export function sliceFigures(
  filters: Filters,
  missing: string[],
  level: ChannelLevel,
  duplicates: boolean
): SliceFigures {
  const leadsApply = !missing.includes("leads") && filters.product === undefined;
  return {
    leadsApply,
    spendApplies: !missing.includes("marketing_spend") && level === "source" && !narrowsDeals(filters),
    duplicates
  };
}

/** A filter other than the channel narrows the deals: a team's deals did not consume the whole channel budget. */
export function narrowsDeals(filters: Filters): boolean {
  return [filters.team, filters.region, filters.rep, filters.product].some((f) => f !== undefined);
}

/**
 * A row of channelQualitySql with its rates, intervals and ratios: `leadsApply`, `spendApplies` and `duplicates`
 * say whether the slice has lead, spend and duplicate-lead figures at all (null columns otherwise).
 */
export function shapeRow(
  row: RawRow,
  interval: BucketInterval,
  period: Period,
  {leadsApply, spendApplies, duplicates}: SliceFigures
): ChannelQualityRow {
  const end = bucketEnd(row.bucket_start, interval, period);
  const leads = leadsApply ? (row.count_leads ?? 0) : null;
  const converted = leadsApply ? (row.count_converted_leads ?? 0) : null;
  const conversion = leads === null ? null : wilsonInterval(converted!, leads);
  const closed = row.count_won + row.count_lost;
  const win = wilsonInterval(row.count_won, closed);
  // no won deal: no margin; won deals but no margin anywhere in the period: unknown
  const grossMargin = row.count_won === 0 ? 0 : row.won_gross_margin;
  const cost = spendApplies && row.has_spend ? (row.cost ?? 0) : null;
  const months = monthsCovered(row.bucket_start, end);
  return {
    bucket_start: row.bucket_start,
    bucket_end: end,
    source: row.source,
    campaign: row.campaign,
    count_leads: leads,
    count_converted_leads: converted,
    lead_to_opportunity_rate: ratio(converted, leads),
    lead_to_opportunity_rate_lower: conversion?.lower ?? null,
    lead_to_opportunity_rate_upper: conversion?.upper ?? null,
    count_duplicate_leads: leadsApply && duplicates ? (row.count_duplicate_leads ?? 0) : null,
    count_opportunities: row.count_opportunities,
    count_won: row.count_won,
    count_lost: row.count_lost,
    win_rate: ratio(row.count_won, closed),
    win_rate_lower: win?.lower ?? null,
    win_rate_upper: win?.upper ?? null,
    won_revenue: row.won_revenue,
    count_won_without_amount: row.count_won_without_amount,
    revenue_per_lead: ratio(row.won_revenue, leads),
    average_won_deal: ratio(row.won_revenue, row.count_won - row.count_won_without_amount),
    median_cycle_days: row.median_cycle_days,
    won_gross_margin: grossMargin,
    count_margin_imputed: row.count_margin_imputed,
    cost,
    cost_per_lead: ratio(cost, leads),
    cost_per_won_deal: ratio(cost, row.count_won),
    roi: cost === null || grossMargin === null ? null : ratio(grossMargin - cost, cost),
    payback_months: cost === null || grossMargin === null || grossMargin <= 0 ? null : (cost * months) / grossMargin
  };
}

/** numerator / denominator, null when either is unknown or the denominator is 0 */
function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return numerator / denominator;
}
