import {channelQuality, type ChannelQualityRow} from "../../pipelines/channel-quality.ts";
import {addMonths} from "../../pipelines/forecast/add-months.ts";
import type {Period} from "../../pipelines/lib/context.ts";
import {toDateEnd} from "../../pipelines/lib/to-date-end.ts";
import type {SliceContext} from "../page-slices.ts";
import {sliceKey} from "../site-filters.ts";
import {resultCache} from "./overview-scope.ts";

/** Months of the monthly series: the last 24 charted, the 12 before them for "a year earlier". */
export const TREND_MONTHS = 36;

/** A channel's counts and sums over a period: what the overview adds up or compares. */
export interface ChannelTotals {
  source: string | null;
  count_leads: number | null;
  count_converted_leads: number | null;
  count_opportunities: number;
  count_won: number;
  count_lost: number;
  won_revenue: number;
}

export interface OverviewQuality {
  /** the monthly rows of the slice's filter, from `first` (TREND_MONTHS months, the current month last) */
  months(ctx: SliceContext): Promise<{first: string; rows: ChannelQualityRow[]}>;
  /** the slice filter's channels over `period` */
  totals(ctx: SliceContext, period: Period): Promise<ChannelTotals[]>;
}

/**
 * channelQuality for the overview's slices, each run once: by month over the TREND_MONTHS months up to now
 * per filter, and for the whole period where a period is not made of whole months of that series (the "to
 * date" ones and their comparisons). Counts and sums add up over months, so a whole-month period is the sum
 * of its months; a channel's rows are its rows of the unfiltered result, as the channel filter would give.
 */
export function overviewQuality(): OverviewQuality {
  const monthly = resultCache<ChannelQualityRow[]>();
  const byPeriod = resultCache<ChannelQualityRow[]>();
  const unfiltered = (ctx: SliceContext) => {
    const byChannel = ctx.choice.dimension === "channel";
    const choice = byChannel ? {dimension: null, value: null} : ctx.choice;
    const keep = (rows: ChannelQualityRow[]) =>
      byChannel ? rows.filter((row) => row.source === ctx.choice.value) : rows;
    return {key: sliceKey("", choice), filters: byChannel ? {} : ctx.filters, keep};
  };
  const months = async (ctx: SliceContext): Promise<{first: string; rows: ChannelQualityRow[]}> => {
    const {key, filters, keep} = unfiltered(ctx);
    const first = addMonths(ctx.now, 1 - TREND_MONTHS);
    const period = {start: first, end: toDateEnd(ctx.now)};
    const rows = await monthly(
      key,
      async () => (await channelQuality({...ctx, period, filters}, {interval: "month", duplicates: false})).rows
    );
    return {first, rows: keep(rows)};
  };
  return {
    months,
    async totals(ctx: SliceContext, period: Period): Promise<ChannelTotals[]> {
      const series = await months(ctx);
      if (isWholeMonths(period) && period.start >= series.first) {
        return sumBySource(
          series.rows.filter((row) => row.bucket_start >= period.start && row.bucket_start < period.end)
        );
      }
      const {key, filters, keep} = unfiltered(ctx);
      const rows = await byPeriod(
        `${period.start}|${period.end}|${key}`,
        async () => (await channelQuality({...ctx, period, filters}, {interval: "period", duplicates: false})).rows
      );
      return sumBySource(keep(rows));
    }
  };
}

function sumBySource(rows: ChannelQualityRow[]): ChannelTotals[] {
  const totals = new Map<string | null, ChannelTotals>();
  const add = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
  for (const row of rows) {
    const total = totals.get(row.source);
    totals.set(
      row.source,
      total
        ? {
            source: row.source,
            count_leads: add(total.count_leads, row.count_leads),
            count_converted_leads: add(total.count_converted_leads, row.count_converted_leads),
            count_opportunities: total.count_opportunities + row.count_opportunities,
            count_won: total.count_won + row.count_won,
            count_lost: total.count_lost + row.count_lost,
            won_revenue: total.won_revenue + row.won_revenue
          }
        : {
            source: row.source,
            count_leads: row.count_leads,
            count_converted_leads: row.count_converted_leads,
            count_opportunities: row.count_opportunities,
            count_won: row.count_won,
            count_lost: row.count_lost,
            won_revenue: row.won_revenue
          }
    );
  }
  return [...totals.values()];
}

function isWholeMonths(period: Period): boolean {
  return period.start.endsWith("-01") && period.end.endsWith("-01");
}
