import type {BucketInterval} from "./channel-quality/bucket.ts";
import {channelQualitySql, type ChannelLevel} from "./channel-quality/channel-quality-sql.ts";
import {hasDuplicateLeadFlags} from "./channel-quality/duplicate-lead-flags.ts";
import {checkWindowDays, DEFAULT_DUPLICATE_WINDOW_DAYS} from "./channel-quality/duplicate-leads.ts";
import type {PipelineContext, PipelineResult} from "./lib/context.ts";
import {missingTables} from "./lib/missing-tables.ts";
import {filterCondition} from "./lib/filter-condition.ts";
import {readRows} from "./lib/read-rows.ts";
import {shapeRow, sliceFigures, type RawRow} from "./channel-quality/shape-row.ts";

export {channelQualityGlossary as glossary} from "./channel-quality/channel-quality-glossary.ts";
export {duplicateLeads, type DuplicateLeadRow} from "./channel-quality/duplicate-leads.ts";
export {withDuplicateLeadFlags} from "./channel-quality/duplicate-lead-flags.ts";
export type {BucketInterval} from "./channel-quality/bucket.ts";
export type {ChannelLevel} from "./channel-quality/channel-quality-sql.ts";

/** One row per time bucket × source (× campaign). Amounts are in the deals' currency. */
export interface ChannelQualityRow {
  /** first day of the bucket (clipped to the period) */
  bucket_start: string;
  /** day after the bucket's last day (clipped to the period) */
  bucket_end: string;
  source: string | null;
  /** null on source-level rows; on campaign-level rows null means "no campaign" */
  campaign: string | null;
  /** leads created in the bucket; null (with every lead column) without a leads export or under a product filter */
  count_leads: number | null;
  count_converted_leads: number | null;
  lead_to_opportunity_rate: number | null;
  lead_to_opportunity_rate_lower: number | null;
  lead_to_opportunity_rate_upper: number | null;
  /** leads of the bucket that repeat an earlier lead's phone, e-mail or company within the window (null with `duplicates: false`) */
  count_duplicate_leads: number | null;
  /** opportunities created in the bucket */
  count_opportunities: number;
  /** opportunities won / lost with a close date in the bucket */
  count_won: number;
  count_lost: number;
  win_rate: number | null;
  win_rate_lower: number | null;
  win_rate_upper: number | null;
  /** Σ amount of the deals won in the bucket */
  won_revenue: number;
  /** won deals without an amount: counted in the win rate, left out of won revenue and the average won deal */
  count_won_without_amount: number;
  revenue_per_lead: number | null;
  /** won revenue / the won deals with an amount */
  average_won_deal: number | null;
  /** median days from creation to close of the deals won in the bucket */
  median_cycle_days: number | null;
  /** Σ amount × expected_margin of the deals won in the bucket (missing margins imputed, see count_margin_imputed) */
  won_gross_margin: number | null;
  count_margin_imputed: number;
  /** marketing spend of the bucket; null without spend for the source, on campaign rows, or under a team/region/rep/product filter */
  cost: number | null;
  cost_per_lead: number | null;
  cost_per_won_deal: number | null;
  /** (won_gross_margin − cost) / cost, a ratio: 0.5 = +50 % */
  roi: number | null;
  /** months of the bucket's average monthly won gross margin needed to recover its cost */
  payback_months: number | null;
}

export interface ChannelQualityOptions {
  /** time buckets: calendar month (default), quarter, or the whole period as one row per channel */
  interval?: BucketInterval;
  /** rows per source (default) or per source and campaign */
  level?: ChannelLevel;
  /** window in days for duplicate leads (default 90) */
  duplicateWindowDays?: number;
  /**
   * count duplicate leads (default true); false skips the three sorts of the lead table it takes
   * (about half the time on millions of leads) and leaves count_duplicate_leads null
   */
  duplicates?: boolean;
}

/**
 * Channel quality: how good the leads and deals of each source (and campaign) are, and what they cost.
 * Per time bucket (month, quarter or the whole period) and source (or source × campaign):
 *
 * - leads created in the bucket, the share of them converted into an opportunity (lead→opportunity
 *   rate, a cohort rate: a lead counts as converted whenever it converted, by `converted_at` or
 *   `converted_opportunity_id`), duplicates among them (see `duplicateLeads`);
 * - opportunities created in the bucket; deals won and lost with a close date in the bucket and the
 *   win rate won / (won + lost); won revenue Σ amount; revenue per lead = won revenue / leads (a period
 *   ratio: this bucket's revenue over this bucket's leads, including deals that did not start as a
 *   lead); average won deal; median sales cycle (closed_at − created_at of the won deals, in days);
 * - where `marketing_spend` exists: cost (a month cut by the period counts with the share of its days
 *   inside), cost per lead, cost per won deal, gross margin of the won deals Σ amount × expected_margin
 *   (a won deal without a margin gets the average margin of the period's won deals, counted in
 *   `count_margin_imputed`), ROI = (won gross margin − cost) / cost, and payback = cost / (won gross
 *   margin per month of the bucket): months of margin the spend needs to pay for itself (below the
 *   bucket's length in months ⇔ ROI above 0; null when the margin is 0).
 *
 * Both rates carry a 95 % Wilson interval (`_lower`, `_upper`). Filters: channel = source, rep = owner,
 * team/region = the owner's, product (deals only: leads carry no product, so lead columns are null).
 * Spend is per channel, so cost columns are null on campaign rows and under a team, region, rep or
 * product filter. Amounts are summed in their currency (one currency is assumed).
 *
 * Why it matters: the budget follows the channels that bring deals, not the ones that bring leads —
 * referral and partner leads convert and win far more often than paid ads, and the ROI shows it.
 *
 * Input: `opportunities`, `reps`, optional `leads` and `marketing_spend`. Output grain: one row per
 * bucket × source (× campaign) with a lead, a created or closed deal, or spend in the bucket; `missing`
 * names `leads` / `marketing_spend` when they are empty (their columns are then null).
 *
 * @example
 * const ctx = {connection, period: {start: "2026-01-01", end: "2026-07-01"}, now};
 * const {rows} = await channelQuality(ctx, {interval: "quarter"});
 * // on the sample: [… {bucket_start: "2026-01-01", bucket_end: "2026-04-01", source: "referral", count_leads: 14,
 * //   lead_to_opportunity_rate: 0.571, count_won: 8, count_lost: 8, win_rate: 0.5, win_rate_lower: 0.280,
 * //   won_revenue: 2525000, cost: 12721.56, roi: 82.9, payback_months: 0.036, …}, …]
 */
export async function channelQuality(
  ctx: PipelineContext,
  options: ChannelQualityOptions = {}
): Promise<PipelineResult<ChannelQualityRow>> {
  const {interval = "month", level = "source", duplicates = true} = options;
  const windowDays = checkWindowDays(options.duplicateWindowDays ?? DEFAULT_DUPLICATE_WINDOW_DAYS);
  const filters = ctx.filters ?? {};
  const missing = await missingTables(ctx.connection, ["leads", "marketing_spend"]);
  const figures = sliceFigures(filters, missing, level, duplicates);
  const {leadsApply, spendApplies} = figures;
  const filter = filterCondition(filters, "x");
  const flagged = windowDays === DEFAULT_DUPLICATE_WINDOW_DAYS && (await hasDuplicateLeadFlags(ctx.connection));
  const raw = await readRows<RawRow>(
    ctx.connection,
    `SELECT *, coalesce(source IN (SELECT channel FROM marketing_spend), false) AS has_spend
     FROM (${channelQualitySql(interval, level, filter.sql, {flagged})})`,
    {
      ...filter.params,
      start: ctx.period.start,
      end: ctx.period.end,
      ...(flagged ? {} : {window_days: windowDays}),
      leads_apply: leadsApply,
      duplicates_apply: leadsApply && duplicates,
      spend_applies: spendApplies,
      channel: filters.channel ?? null
    }
  );
  const rows = raw.map((row) => shapeRow(row, interval, ctx.period, figures));
  return {rows, missing};
}
