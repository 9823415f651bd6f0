import type {DuckDBConnection} from "@duckdb/node-api";
import {channelQuality, withDuplicateLeadFlags, type ChannelQualityRow} from "../../pipelines/channel-quality.ts";
import {channelQualityBySlice} from "../../pipelines/channel-quality/channel-quality-by-slice.ts";
import {narrowsDeals} from "../../pipelines/channel-quality/shape-row.ts";
import {addMonths} from "../../pipelines/forecast/add-months.ts";
import type {Period, PipelineContext, PipelineResult} from "../../pipelines/lib/context.ts";
import {toDateEnd} from "../../pipelines/lib/to-date-end.ts";
import {wilsonInterval} from "../../pipelines/stats/wilson-interval.ts";
import {compactTable, type CompactTable} from "../compact-table.ts";
import {pageSlices, type SliceContext} from "../page-slices.ts";
import {channelSlug, readChannels} from "../read-dynamic-paths.ts";
import {significant} from "../significant.ts";
import {readByChoiceKey, readBySliceKey} from "../site-grid.ts";
import {sliceKey} from "../site-filters.ts";

/** Months in the channel trends, the current (partial) month included. */
export const TREND_MONTHS = 24;

/** Campaign rows per slice, most leads first; the slice says how many there were. */
export const CAMPAIGN_ROWS = 15;

/** One channel's quality over a period: channelQuality's period row without its bucket, rounded. */
export type ChannelSummary = Omit<
  ChannelQualityRow,
  "bucket_start" | "bucket_end" | "campaign" | "count_converted_leads" | "count_margin_imputed"
>;

/** The deals of a channel, a campaign or a month: how many, how many won and lost, the win rate, won revenue. */
export type DealOutcomes = Pick<
  ChannelQualityRow,
  "count_opportunities" | "count_won" | "count_lost" | "win_rate" | "win_rate_lower" | "win_rate_upper" | "won_revenue"
>;

export interface CampaignRow extends DealOutcomes {
  source: string | null;
  /** null: leads and deals of the channel without a campaign */
  campaign: string | null;
  count_leads: number | null;
  lead_to_opportunity_rate: number | null;
}

/** Why cost columns are empty or not: spend exported, not exported, or not attributable under a team or region. */
export type SpendState = "available" | "missing" | "not_by_filter";

/** All channels together: the period's counts summed, rates and intervals from the sums. */
export interface ChannelTotal extends DealOutcomes {
  count_leads: number | null;
  count_duplicate_leads: number | null;
  lead_to_opportunity_rate: number | null;
  /** spend of the channels that have spend; null when no channel has any */
  cost: number | null;
}

export interface ChannelsSlice {
  missing: string[];
  spend: SpendState;
  /** most won revenue first, without the columns null in every row (spend under a team filter …) */
  channels: CompactTable<ChannelSummary>;
  total: ChannelTotal;
  /**
   * the campaigns with most leads (at most CAMPAIGN_ROWS); null under a team or region filter — campaigns
   * and their budget are marketing's, listed for all teams together or per channel
   */
  campaigns: CompactTable<CampaignRow> | null;
  count_campaigns: number | null;
}

/** Monthly series per channel, as columns: the months once, then one array per channel and measure. */
export interface ChannelTrend {
  months: string[];
  series: {
    source: string | null;
    count_leads: (number | null)[];
    won_revenue: number[];
  }[];
}

export interface ChannelsData {
  slices: Record<string, ChannelsSlice>;
  /** per filter choice ("*|all", "*|team=华北"): the last TREND_MONTHS months up to the latest export */
  trend: Record<string, ChannelTrend>;
  /** channel → its page's path segment, for the channels that have a page (those with opportunities) */
  slugs: Record<string, string>;
}

/**
 * The channels page's data: per period and filter, channel quality per source (with duplicate leads,
 * cost and ROI where spend applies), all channels together and the largest campaigns; per filter, the
 * monthly trend of every channel over the last TREND_MONTHS months. Channel quality comes from one query per
 * period for every filter (channelQualityBySlice); `grouped` false computes it slice by slice.
 */
export async function channelsData(connection: DuckDBConnection, grouped = true): Promise<ChannelsData> {
  // a channel's campaigns are the rows of all campaigns with its source (no campaign row holds a
  // margin, the one figure a channel filter changes): one query per period serves every channel
  const campaigns = new Map<string, Promise<CampaignRow[]>>();
  const periodCampaigns = (ctx: SliceContext) => {
    if (!campaigns.has(ctx.sitePeriod.id)) campaigns.set(ctx.sitePeriod.id, campaignRows({...ctx, filters: {}}));
    return campaigns.get(ctx.sitePeriod.id)!;
  };
  const {slices} = await withDuplicateLeadFlags(connection, async () => {
    const sources = grouped
      ? await readBySliceKey(connection, (grid) =>
          channelQualityBySlice(grid, {interval: "period", duplicates: (filters) => !narrowsDeals(filters)})
        )
      : undefined;
    return pageSlices(connection, (ctx) =>
      channelsSlice(ctx, periodCampaigns, sources?.get(sliceKey(ctx.sitePeriod.id, ctx.choice)))
    );
  });
  const trends = grouped
    ? await readByChoiceKey(
        connection,
        async (grid) =>
          (await channelQualityBySlice({...grid, periods: [trendPeriod(grid.now)]}, {duplicates: false}))[0]
      )
    : undefined;
  const trend = await pageSlices(connection, (ctx) => channelsTrend(ctx, trends?.get(sliceKey("*", ctx.choice))), {
    byPeriod: false
  });
  return {slices, trend: trend.slices, slugs: await readChannelSlugs(connection)};
}

/**
 * One slice; `periodCampaigns` gives all campaigns of the slice's period, most leads first; `grouped` is the
 * slice's channel quality by period when it was computed for every slice at once.
 */
export async function channelsSlice(
  ctx: SliceContext,
  periodCampaigns: (ctx: SliceContext) => Promise<CampaignRow[]>,
  grouped?: PipelineResult<ChannelQualityRow>
): Promise<ChannelsSlice> {
  // spend, campaigns and duplicate leads are marketing's figures: shown for all teams together or per channel
  // (spend cannot be split by team; counting duplicates costs a third of the loader's time)
  const marketing = !narrowsDeals(ctx.filters ?? {});
  const sources = grouped ?? (await channelQuality(ctx, {interval: "period", duplicates: marketing}));
  const campaigns = marketing
    ? (await periodCampaigns(ctx)).filter((row) => ctx.choice.dimension === null || row.source === ctx.choice.value)
    : null;
  return {
    missing: sources.missing,
    spend: spendState(sources.missing, ctx),
    channels: compactTable(sources.rows.map(channelSummary).sort(byRevenue), undefined, {dropNull: true}),
    total: channelTotal(sources.rows, {leads: !sources.missing.includes("leads"), duplicates: marketing}),
    campaigns: campaigns && compactTable(campaigns.slice(0, CAMPAIGN_ROWS), undefined, {dropNull: true}),
    count_campaigns: campaigns && campaigns.length
  };
}

/** The period's campaigns (of the filter's channel, if any), most leads first. */
export async function campaignRows(ctx: PipelineContext): Promise<CampaignRow[]> {
  const {rows} = await channelQuality(ctx, {interval: "period", level: "campaign", duplicates: false});
  return rows
    .map(campaignRow)
    .sort((a, b) => (b.count_leads ?? 0) - (a.count_leads ?? 0) || b.count_opportunities - a.count_opportunities);
}

/** `grouped`: the monthly channel quality over trendPeriod, when it was computed for every filter at once. */
export async function channelsTrend(
  ctx: PipelineContext,
  grouped?: PipelineResult<ChannelQualityRow>
): Promise<ChannelTrend> {
  const period = trendPeriod(ctx.now);
  const {rows, missing} = grouped ?? (await channelQuality({...ctx, period}, {duplicates: false}));
  const noLeads = missing.includes("leads") ? null : 0;
  const months = Array.from({length: TREND_MONTHS}, (_, i) => addMonths(period.start, i));
  const sources = [...new Set(rows.map((row) => row.source))];
  return {
    months,
    series: sources.map((source) => {
      const bySource = new Map(rows.filter((r) => r.source === source).map((r) => [r.bucket_start, r]));
      const at = (month: string) => bySource.get(month);
      return {
        source,
        count_leads: months.map((m) => at(m)?.count_leads ?? noLeads),
        won_revenue: months.map((m) => Math.round(at(m)?.won_revenue ?? 0))
      };
    })
  };
}

/** The last TREND_MONTHS calendar months up to the day of `now`, the current month partial. */
export function trendPeriod(now: string): Period {
  return {start: addMonths(now, 1 - TREND_MONTHS), end: toDateEnd(now)};
}

/** Channels that get a page: the opportunities' sources, as readDynamicPaths lists them. */
async function readChannelSlugs(connection: DuckDBConnection): Promise<Record<string, string>> {
  return Object.fromEntries((await readChannels(connection)).map((source) => [source, channelSlug(source)]));
}

export function spendState(missing: string[], ctx: PipelineContext): SpendState {
  if (missing.includes("marketing_spend")) return "missing";
  return narrowsDeals(ctx.filters ?? {}) ? "not_by_filter" : "available";
}

export function channelSummary(row: ChannelQualityRow): ChannelSummary {
  return {
    source: row.source,
    count_leads: row.count_leads,
    lead_to_opportunity_rate: significant(row.lead_to_opportunity_rate),
    lead_to_opportunity_rate_lower: significant(row.lead_to_opportunity_rate_lower),
    lead_to_opportunity_rate_upper: significant(row.lead_to_opportunity_rate_upper),
    count_duplicate_leads: row.count_duplicate_leads,
    ...dealOutcomes(row),
    count_won_without_amount: row.count_won_without_amount,
    revenue_per_lead: money(row.revenue_per_lead),
    average_won_deal: money(row.average_won_deal),
    median_cycle_days: days(row.median_cycle_days),
    // the margin is what ROI compares spend with: without spend it is left out
    won_gross_margin: row.cost === null ? null : money(row.won_gross_margin),
    cost: money(row.cost),
    cost_per_lead: money(row.cost_per_lead),
    cost_per_won_deal: money(row.cost_per_won_deal),
    roi: significant(row.roi),
    payback_months: significant(row.payback_months)
  };
}

export function campaignRow(row: ChannelQualityRow): CampaignRow {
  return {
    source: row.source,
    campaign: row.campaign,
    count_leads: row.count_leads,
    lead_to_opportunity_rate: significant(row.lead_to_opportunity_rate),
    ...dealOutcomes(row)
  };
}

function dealOutcomes(row: ChannelQualityRow): DealOutcomes {
  return {
    count_opportunities: row.count_opportunities,
    count_won: row.count_won,
    count_lost: row.count_lost,
    win_rate: significant(row.win_rate),
    win_rate_lower: significant(row.win_rate_lower),
    win_rate_upper: significant(row.win_rate_upper),
    won_revenue: Math.round(row.won_revenue)
  };
}

/** All channels' counts summed; `leads` / `duplicates`: whether those were counted (else null). */
export function channelTotal(rows: ChannelQualityRow[], counted: {leads: boolean; duplicates: boolean}): ChannelTotal {
  const sum = (values: (number | null)[]) => values.reduce<number>((s, v) => s + (v ?? 0), 0);
  const leads = counted.leads ? sum(rows.map((r) => r.count_leads)) : null;
  const converted = sum(rows.map((r) => r.count_converted_leads));
  const costs = rows.map((r) => r.cost).filter((c) => c !== null);
  const won = rows.reduce((s, r) => s + r.count_won, 0);
  const lost = rows.reduce((s, r) => s + r.count_lost, 0);
  const win = wilsonInterval(won, won + lost);
  return {
    count_leads: leads,
    count_duplicate_leads: counted.leads && counted.duplicates ? sum(rows.map((r) => r.count_duplicate_leads)) : null,
    lead_to_opportunity_rate: leads ? significant(converted / leads) : null,
    count_opportunities: rows.reduce((s, r) => s + r.count_opportunities, 0),
    count_won: won,
    count_lost: lost,
    win_rate: won + lost > 0 ? significant(won / (won + lost)) : null,
    win_rate_lower: significant(win?.lower ?? null),
    win_rate_upper: significant(win?.upper ?? null),
    won_revenue: Math.round(rows.reduce((s, r) => s + r.won_revenue, 0)),
    cost: costs.length ? money(sum(costs)) : null
  };
}

function byRevenue(a: ChannelSummary, b: ChannelSummary): number {
  return b.won_revenue - a.won_revenue || b.count_opportunities - a.count_opportunities;
}

/** an amount in whole currency units */
export function money(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

function days(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}
