import type {DuckDBConnection} from "@duckdb/node-api";
import {channelQuality, type ChannelQualityRow} from "../../pipelines/channel-quality.ts";
import {channelQualityBySlice} from "../../pipelines/channel-quality/channel-quality-by-slice.ts";
import {addMonths} from "../../pipelines/forecast/add-months.ts";
import type {Period} from "../../pipelines/lib/context.ts";
import {toDateEnd} from "../../pipelines/lib/to-date-end.ts";
import type {SliceContext} from "../page-slices.ts";
import {readSiteGrid} from "../site-grid.ts";
import {sliceKey, type FilterChoice} from "../site-filters.ts";
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
 * `grouped` holds the results computed for every filter at once (groupedOverviewQuality), by the same keys.
 */
export function overviewQuality(grouped?: GroupedQuality): OverviewQuality {
  const monthly = resultCache<ChannelQualityRow[]>();
  const byPeriod = resultCache<ChannelQualityRow[]>();
  const unfiltered = (ctx: SliceContext) => {
    const byChannel = ctx.choice.dimension === "channel";
    const keep = (rows: ChannelQualityRow[]) =>
      byChannel ? rows.filter((row) => row.source === ctx.choice.value) : rows;
    return {key: qualityKey(ctx.choice), filters: byChannel ? {} : ctx.filters, keep};
  };
  const months = async (ctx: SliceContext): Promise<{first: string; rows: ChannelQualityRow[]}> => {
    const {key, filters, keep} = unfiltered(ctx);
    const period = monthsPeriod(ctx.now);
    const rows = await monthly(
      key,
      async () =>
        grouped?.monthly.get(key) ??
        (await channelQuality({...ctx, period, filters}, {interval: "month", duplicates: false})).rows
    );
    return {first: period.start, rows: keep(rows)};
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
        async () =>
          grouped?.byPeriod.get(`${period.start}|${period.end}|${key}`) ??
          (await channelQuality({...ctx, period, filters}, {interval: "period", duplicates: false})).rows
      );
      return sumBySource(keep(rows));
    }
  };
}

/** channelQuality's rows by the keys overviewQuality caches them under, computed for every filter at once. */
export interface GroupedQuality {
  monthly: Map<string, ChannelQualityRow[]>;
  byPeriod: Map<string, ChannelQualityRow[]>;
}

/**
 * overviewQuality with every result computed beforehand by channelQualityBySlice: one query for the monthly
 * series of every filter, and one per period the series cannot give (the "to date" periods and their comparisons).
 */
export async function groupedOverviewQuality(connection: DuckDBConnection): Promise<OverviewQuality> {
  const {grid, periods, choices} = await readSiteGrid(connection);
  // a channel's slices read the unfiltered rows: the channel choices' own results are not kept
  const kept = choices.flatMap((choice, c) => (choice.dimension === "channel" ? [] : [{key: qualityKey(choice), c}]));
  const series = monthsPeriod(grid.now);
  const [monthlyRows] = await channelQualityBySlice({...grid, periods: [series]}, {duplicates: false});
  const partial = new Map<string, Period>();
  for (const period of periods.flatMap((p) => [p, p.previous, p.lastYear]))
    if (period && !(isWholeMonths(period) && period.start >= series.start))
      partial.set(`${period.start}|${period.end}`, {start: period.start, end: period.end});
  const periodRows = await channelQualityBySlice(
    {...grid, periods: [...partial.values()]},
    {interval: "period", duplicates: false}
  );
  const byPeriod = new Map<string, ChannelQualityRow[]>();
  for (const [p, period] of [...partial.keys()].entries())
    for (const {key, c} of kept) byPeriod.set(`${period}|${key}`, periodRows[p][c].rows);
  return overviewQuality({monthly: new Map(kept.map(({key, c}) => [key, monthlyRows[c].rows])), byPeriod});
}

/** The key of the rows a filter choice reads: a channel reads the unfiltered ones. */
function qualityKey(choice: FilterChoice): string {
  return sliceKey("", choice.dimension === "channel" ? {dimension: null, value: null} : choice);
}

/** The TREND_MONTHS months up to now, the current month partial. */
function monthsPeriod(now: string): Period {
  return {start: addMonths(now, 1 - TREND_MONTHS), end: toDateEnd(now)};
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
