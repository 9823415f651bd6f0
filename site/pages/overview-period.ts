import type {DuckDBConnection} from "@duckdb/node-api";
import type {PipelineResult} from "../../pipelines/lib/context.ts";
import {missingTables} from "../../pipelines/lib/missing-tables.ts";
import {repPerformance, type RepPerformanceRow} from "../../pipelines/rep-performance.ts";
import {pageSlices, type PageSlices, type SliceContext} from "../page-slices.ts";
import {significant} from "../significant.ts";
import {salesVelocity, type SalesVelocityRow} from "../../pipelines/pipeline.ts";
import {sliceKey} from "../site-filters.ts";
import {readReportingCurrency} from "./pipeline-data.ts";
import type {ChannelTotals, OverviewQuality} from "./overview-quality.ts";
import {resultCache, type OverviewScope} from "./overview-scope.ts";

/** Alert lists are short: the page shows the five that matter most. */
export const ALERT_ROWS = 5;
/** A channel's quality dropped: a rate fell by this much (0.1 = 10 percentage points) from the previous period… */
export const DROP_POINTS = 0.1;
/** …on at least this many closed deals (win rate) or leads (lead conversion) in both periods. */
export const DROP_MIN_CLOSED = 10;
export const DROP_MIN_LEADS = 20;

/** A period's headline figures, summed over the channels (channelQuality). */
export interface OverviewKpis {
  won_revenue: number;
  count_won: number;
  count_lost: number;
  win_rate: number | null;
  /** null without a leads export */
  count_leads: number | null;
  count_opportunities: number;
}

export interface ChannelDrop {
  source: string | null;
  /** the channel's page relative to the site root ("channels/referral.html"), null when the site has none */
  channel_path: string | null;
  metric: "win_rate" | "lead_to_opportunity_rate";
  rate: number;
  previous_rate: number;
  /** closed deals (win rate) or leads (lead conversion) behind `rate` */
  count: number;
}

export interface RepBelowPlan {
  rep_id: string;
  rep_name: string | null;
  team: string | null;
  /** the rep's page relative to the site root ("rep.html?id=R001"), null when the site has none */
  rep_path: string | null;
  won_revenue: number;
  quota: number;
  quota_attainment_rate: number;
}

/** One period × filter slice: the KPIs of the period, of its previous period and of the same period a year earlier. */
export interface OverviewPeriodSlice {
  current: OverviewKpis;
  /** null for all time, which is compared with nothing */
  previous: OverviewKpis | null;
  last_year: OverviewKpis | null;
  /** average won deal and average sales cycle (days) of the deals won in the period (salesVelocity); null with none won */
  deals: {avg_won_amount: number | null; avg_cycle_days: number | null};
  channel_drops: {count: number; rows: ChannelDrop[]};
  /** count null when quotas cannot apply (no quotas export, or a channel filter) */
  reps_below_plan: {count: number | null; rows: RepBelowPlan[]};
  missing: string[];
}

/**
 * The period-dependent part of the overview: each slice needs channelQuality for three periods, shared
 * between slices and read from the monthly series where it can (overviewQuality). Reps below plan come from
 * one unfiltered repPerformance per period: a rep's row does not change when the filter is the rep's own team
 * or region.
 */
export async function overviewPeriodSlices(
  connection: DuckDBConnection,
  scope: OverviewScope,
  quality: OverviewQuality,
  velocities?: Map<string, PipelineResult<SalesVelocityRow>>
): Promise<PageSlices<OverviewPeriodSlice>> {
  const performance = resultCache<PipelineResult<RepPerformanceRow>>();
  const leadsMissing = await missingTables(connection, ["leads"]);
  const currency = await readReportingCurrency(connection);
  return pageSlices(connection, async (ctx) => {
    const current = await quality.totals(ctx, ctx.sitePeriod);
    const previous = ctx.sitePeriod.previous && (await quality.totals(ctx, ctx.sitePeriod.previous));
    const lastYear = ctx.sitePeriod.lastYear && (await quality.totals(ctx, ctx.sitePeriod.lastYear));
    // in the reporting currency, as the pipeline page's velocity
    const velocity = (velocities?.get(sliceKey(ctx.sitePeriod.id, ctx.choice)) ?? (await salesVelocity(ctx))).rows.find(
      (row) => row.currency === currency
    );
    const reps = await performance(ctx.sitePeriod.id, () => repPerformance({...ctx, filters: {}}));
    const drops = channelDrops(current, previous ?? []).map((drop) => ({
      ...drop,
      channel_path: scope.channelPath(drop.source)
    }));
    return {
      current: kpis(current),
      previous: previous && kpis(previous),
      last_year: lastYear && kpis(lastYear),
      deals: {
        avg_won_amount: velocity?.avg_won_amount == null ? null : Math.round(velocity.avg_won_amount),
        avg_cycle_days: velocity?.avg_cycle_days == null ? null : Math.round(velocity.avg_cycle_days * 10) / 10
      },
      channel_drops: {count: drops.length, rows: drops.slice(0, ALERT_ROWS)},
      reps_below_plan: repsBelowPlan(ctx, reps, scope),
      missing: [...leadsMissing, ...reps.missing.filter((table) => table !== "activities")].sort()
    };
  });
}

function kpis(rows: ChannelTotals[]): OverviewKpis {
  const sum = (f: (row: ChannelTotals) => number | null) => rows.reduce((total, row) => total + (f(row) ?? 0), 0);
  const won = sum((row) => row.count_won);
  const lost = sum((row) => row.count_lost);
  return {
    won_revenue: Math.round(sum((row) => row.won_revenue)),
    count_won: won,
    count_lost: lost,
    win_rate: won + lost === 0 ? null : significant(won / (won + lost)),
    count_leads: rows.some((row) => row.count_leads !== null) ? sum((row) => row.count_leads) : null,
    count_opportunities: sum((row) => row.count_opportunities)
  };
}

/**
 * Channels whose win rate or lead→opportunity rate fell by DROP_POINTS or more from the previous period, on
 * enough closed deals or leads in both periods for the fall not to be a handful of deals; largest fall first.
 */
export function channelDrops(current: ChannelTotals[], previous: ChannelTotals[]): Omit<ChannelDrop, "channel_path">[] {
  const drops: Omit<ChannelDrop, "channel_path">[] = [];
  for (const row of current) {
    const before = previous.find((p) => p.source === row.source);
    if (!before) continue;
    const closed = row.count_won + row.count_lost;
    const closedBefore = before.count_won + before.count_lost;
    if (closed >= DROP_MIN_CLOSED && closedBefore >= DROP_MIN_CLOSED) {
      const [rate, previousRate] = [row.count_won / closed, before.count_won / closedBefore];
      drops.push({source: row.source, metric: "win_rate", rate, previous_rate: previousRate, count: closed});
    }
    const [leads, leadsBefore] = [row.count_leads ?? 0, before.count_leads ?? 0];
    if (leads >= DROP_MIN_LEADS && leadsBefore >= DROP_MIN_LEADS) {
      drops.push({
        source: row.source,
        metric: "lead_to_opportunity_rate",
        rate: row.count_converted_leads! / leads,
        previous_rate: before.count_converted_leads! / leadsBefore,
        count: leads
      });
    }
  }
  return drops
    .filter((drop) => drop.previous_rate - drop.rate >= DROP_POINTS - 1e-9)
    .sort((a, b) => b.previous_rate - b.rate - (a.previous_rate - a.rate))
    .map((drop) => ({...drop, rate: significant(drop.rate), previous_rate: significant(drop.previous_rate)}));
}

function repsBelowPlan(
  ctx: SliceContext,
  reps: PipelineResult<RepPerformanceRow>,
  scope: OverviewScope
): OverviewPeriodSlice["reps_below_plan"] {
  const {dimension, value} = ctx.choice;
  // quotas are per rep and month, not per channel
  if (dimension === "channel" || reps.missing.includes("quotas")) return {count: null, rows: []};
  const below = reps.rows
    .filter((row) => row.rep_id !== null && (dimension === null || row[dimension] === value))
    .filter((row) => row.quota_attainment_rate !== null && row.quota_attainment_rate < 1)
    .sort((a, b) => a.quota_attainment_rate! - b.quota_attainment_rate!);
  return {
    count: below.length,
    rows: below.slice(0, ALERT_ROWS).map((row) => ({
      rep_id: row.rep_id!,
      rep_name: row.rep_name,
      team: row.team,
      rep_path: scope.repPath(row.rep_id!),
      won_revenue: Math.round(row.won_revenue),
      quota: Math.round(row.quota!),
      quota_attainment_rate: significant(row.quota_attainment_rate!)
    }))
  };
}
