import type {DuckDBConnection} from "@duckdb/node-api";
import {CliError} from "../../config/cli-error.ts";
import {channelQuality, type ChannelQualityRow} from "../../pipelines/channel-quality.ts";
import {addMonths} from "../../pipelines/forecast/add-months.ts";
import type {Period, PipelineContext, PipelineResult} from "../../pipelines/lib/context.ts";
import {pageSlices} from "../page-slices.ts";
import {channelSlug, readChannels} from "../read-dynamic-paths.ts";
import {significant} from "../significant.ts";
import {
  campaignRows,
  channelSummary,
  channelTotal,
  money,
  TREND_MONTHS,
  trendPeriod,
  type CampaignRow,
  type ChannelSummary,
  type ChannelTotal,
  type DealOutcomes
} from "./channels-data.ts";

/** Whether the channel's cost is known: spend exported for it, not exported at all, or exported for other channels only. */
export type ChannelSpend = "available" | "missing" | "none";

/** One month of one channel. */
export interface ChannelMonth extends DealOutcomes {
  month: string;
  count_leads: number | null;
  won_gross_margin: number | null;
  cost: number | null;
  roi: number | null;
}

/** One period of the channel's page. */
export interface ChannelSlice {
  missing: string[];
  spend: ChannelSpend;
  /** null when the channel had no lead, deal or spend in the period */
  summary: ChannelSummary | null;
  /** every channel together over the same period, to compare with */
  all_channels: ChannelTotal;
  /** all the channel's campaigns, most leads first */
  campaigns: CampaignRow[];
}

export interface ChannelData {
  channel: {source: string; slug: string};
  /** per period: "ytd|*" (the page is one channel, for all teams and regions) */
  slices: Record<string, ChannelSlice>;
  /** the last TREND_MONTHS months up to the latest export, every month present */
  trend: {missing: string[]; spend: ChannelSpend; months: ChannelMonth[]; total: ChannelTotal};
}

/** The channel whose page slug is `slug` (see channelSlug), among the opportunities' sources; null if none. */
export async function findChannel(connection: DuckDBConnection, slug: string): Promise<string | null> {
  return (await readChannels(connection)).find((source) => channelSlug(source) === slug) ?? null;
}

/**
 * One channel's page data: per period, its quality (duplicate leads, cost and ROI included), all
 * channels' rates beside it and its campaigns; its monthly trend over the last TREND_MONTHS months.
 * `slug` is the page's path segment, as Framework passes it to the loader (`--channel <slug>`).
 */
export async function channelData(connection: DuckDBConnection, slug: string): Promise<ChannelData> {
  const source = await findChannel(connection, slug);
  if (source === null) throw new CliError(`no channel has the page slug ${JSON.stringify(slug)}`, {exitCode: 2});
  const {slices} = await pageSlices(connection, (ctx) => channelSlice(ctx, source), {byFilter: false});
  const trend = await pageSlices(connection, (ctx) => channelTrend(ctx, source), {byPeriod: false, byFilter: false});
  return {channel: {source, slug}, slices, trend: Object.values(trend.slices)[0]};
}

export async function channelSlice(ctx: PipelineContext, source: string): Promise<ChannelSlice> {
  const own = {...ctx, filters: {channel: source}};
  return sliceOf(
    await channelQuality(own, {interval: "period"}),
    await channelQuality({...ctx, filters: {}}, {interval: "period", duplicates: false}),
    await campaignRows(own)
  );
}

function sliceOf(
  {rows, missing}: PipelineResult<ChannelQualityRow>,
  all: PipelineResult<ChannelQualityRow>,
  campaigns: CampaignRow[]
): ChannelSlice {
  return {
    missing,
    spend: channelSpend(
      missing,
      rows.some((row) => row.cost !== null)
    ),
    summary: rows.length ? channelSummary(rows[0]) : null,
    all_channels: channelTotal(all.rows, {leads: !missing.includes("leads"), duplicates: false}),
    campaigns
  };
}

export async function channelTrend(ctx: PipelineContext, source: string): Promise<ChannelData["trend"]> {
  const period = trendPeriod(ctx.now);
  return trendOf(await channelQuality({...ctx, period, filters: {channel: source}}, {duplicates: false}), period);
}

function trendOf({rows, missing}: PipelineResult<ChannelQualityRow>, period: Period): ChannelData["trend"] {
  const spend = channelSpend(
    missing,
    rows.some((row) => row.cost !== null)
  );
  const byMonth = new Map(rows.map((row) => [row.bucket_start, row]));
  const months = Array.from({length: TREND_MONTHS}, (_, i) => addMonths(period.start, i)).map((month) => {
    const row = byMonth.get(month);
    const cost = spend === "available" ? (row?.cost ?? 0) : null;
    return {
      month,
      count_leads: missing.includes("leads") ? null : (row?.count_leads ?? 0),
      count_opportunities: row?.count_opportunities ?? 0,
      count_won: row?.count_won ?? 0,
      count_lost: row?.count_lost ?? 0,
      win_rate: significant(row?.win_rate ?? null),
      win_rate_lower: significant(row?.win_rate_lower ?? null),
      win_rate_upper: significant(row?.win_rate_upper ?? null),
      won_revenue: Math.round(row?.won_revenue ?? 0),
      won_gross_margin: cost === null ? null : money(row?.won_gross_margin ?? 0),
      cost: money(cost),
      roi: significant(row?.roi ?? null)
    };
  });
  const total = channelTotal(rows, {leads: !missing.includes("leads"), duplicates: false});
  return {missing, spend, months, total};
}

/**
 * Every channel's page data (channelData), by file, from channelQuality run once per period and once by month
 * for all channels together: a channel's rows are its rows of the unfiltered result, as its filter gives them.
 */
export async function channelPageFiles(connection: DuckDBConnection): Promise<Record<string, ChannelData>> {
  const sources = await readChannels(connection);
  const of = (result: PipelineResult<ChannelQualityRow>, source: string) => ({
    rows: result.rows.filter((row) => row.source === source),
    missing: result.missing
  });
  const periods = await pageSlices(
    connection,
    async (ctx) => {
      const own = await channelQuality({...ctx, filters: {}}, {interval: "period"});
      const all = await channelQuality({...ctx, filters: {}}, {interval: "period", duplicates: false});
      const campaigns = await campaignRows({...ctx, filters: {}});
      return sources.map((source) =>
        sliceOf(
          of(own, source),
          all,
          campaigns.filter((row) => row.source === source)
        )
      );
    },
    {byFilter: false}
  );
  const trends = await pageSlices(
    connection,
    async (ctx) => {
      const period = trendPeriod(ctx.now);
      const rows = await channelQuality({...ctx, period, filters: {}}, {duplicates: false});
      return sources.map((source) => trendOf(of(rows, source), period));
    },
    {byPeriod: false, byFilter: false}
  );
  const trend = Object.values(trends.slices)[0];
  return Object.fromEntries(
    sources.map((source, i) => [
      `data/channels/${channelSlug(source)}.json`,
      {
        channel: {source, slug: channelSlug(source)},
        slices: Object.fromEntries(Object.entries(periods.slices).map(([key, slices]) => [key, slices[i]])),
        trend: trend[i]
      }
    ])
  );
}

function channelSpend(missing: string[], hasCost: boolean): ChannelSpend {
  if (missing.includes("marketing_spend")) return "missing";
  return hasCost ? "available" : "none";
}
