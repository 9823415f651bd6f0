import type {DuckDBConnection} from "@duckdb/node-api";
import type {Filters, PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {toDateEnd} from "../lib/to-date-end.ts";
import {addMonths, monthShareRemaining, monthsBetween} from "./add-months.ts";

/**
 * The history starts once this share of won deals' sales cycles has elapsed since the earliest opportunity:
 * before that, a month's revenue misses the deals created before the export begins (they are not in it).
 */
export const RAMP_UP_QUANTILE = 0.9;

/** One currency's monthly won revenue, as the forecast reads it. */
export interface RevenueSeries {
  currency: string | null;
  /** the first month of the history, "YYYY-MM-01" (see monthlyRevenue for the ramp-up rule) */
  first_month: string;
  /** the month holding now: in progress, never an observation of the history */
  current_month: string;
  /** won revenue of each complete month from first_month to the month before current_month */
  values: number[];
  counts: number[];
  /** the first day not known yet (toDateEnd: the day after now's day): what closed before it is won so far */
  to_date_end: string;
  /** won so far in the current month: closed from its first day up to to_date_end */
  current_month_to_date: number;
  current_month_count_won: number;
  /** the share of the current month's days after now's day (monthShareRemaining), the part still forecast */
  current_month_share_remaining: number;
}

/** Won revenue in one month — grain: one row per month × currency. */
export interface MonthlyRevenueRow {
  /** first day of the month */
  month: string;
  currency: string | null;
  count_won: number;
  /** Σ amount of the opportunities won (closed_at) in the month; 0 for a month in the history with none */
  won_amount: number;
  /** false for the month holding now, still in progress (won up to the end of now's day) */
  is_complete: boolean;
}

/**
 * Monthly won revenue: Σ amount of the (filtered) opportunities won in each month, by close date (UTC),
 * every month from the start of the history to the month of now, months without a win as 0.
 *
 * The history starts at the first month that begins after the earliest opportunity's creation plus the
 * 90th percentile of won sales cycles (RAMP_UP_QUANTILE): until then the months are short of the deals
 * created before the export begins, a ramp-up a regression would read as growth. Both are taken over the
 * whole export, whatever the filters — how far back the export reaches does not depend on the team — and
 * over what is known by now (created, won before the end of now's day: toDateEnd, the site periods'
 * boundary), so nothing after it moves the history. The month holding now is the last row, to date and
 * `is_complete` false: it is never an observation the forecast is fitted on.
 *
 * Why: this is the series the revenue forecast fits and backtests; the page charts it under the forecast.
 *
 * Input: won opportunities closed before the end of now's day (filtered). Output grain: one row per month × currency, the
 * months of the period only, in order.
 *
 * @example
 * const {rows} = await monthlyRevenue({connection, period: {start: "2026-01-01", end: "2027-01-01"}, now});
 * // [{month: "2026-01-01", currency: "CNY", count_won: 22, won_amount: 9_446_000, is_complete: true}, …]
 */
export async function monthlyRevenue(ctx: PipelineContext): Promise<PipelineResult<MonthlyRevenueRow>> {
  const rows: MonthlyRevenueRow[] = [];
  for (const series of await readRevenueSeries(ctx.connection, ctx.filters, ctx.now)) {
    const months = series.values.map((won_amount, i) => ({
      month: addMonths(series.first_month, i),
      currency: series.currency,
      count_won: series.counts[i],
      won_amount,
      is_complete: true
    }));
    months.push({
      month: series.current_month,
      currency: series.currency,
      count_won: series.current_month_count_won,
      won_amount: series.current_month_to_date,
      is_complete: false
    });
    rows.push(...months.filter((row) => row.month >= ctx.period.start.slice(0, 10) && row.month < ctx.period.end));
  }
  rows.sort((a, b) => a.month.localeCompare(b.month) || String(a.currency).localeCompare(String(b.currency)));
  return {rows, missing: []};
}

/**
 * The monthly won-revenue series of each currency with a win in the history (see monthlyRevenue for the
 * start) — the input of every statistical forecast. Won revenue is never summed across currencies.
 *
 * @example
 * const [cny] = await readRevenueSeries(connection, {team: "华东"}, "2026-11-20T00:00:00Z");
 * // {currency: "CNY", first_month: "2024-04-01", current_month: "2026-11-01", values: [6_697_000, …], …}
 */
export async function readRevenueSeries(
  connection: DuckDBConnection,
  filters: Filters | undefined,
  now: string
): Promise<RevenueSeries[]> {
  const [coverage] = await readRows<{first_created_at: string | null; ramp_days: number | null}>(
    connection,
    // what is known by now: deals created, and won, by the end of its day
    `SELECT min(created_at) FILTER (WHERE created_at < CAST($to_date_end AS TIMESTAMP)) AS first_created_at,
       quantile_cont(date_diff('second', created_at, closed_at) / 86400.0, $quantile)
         FILTER (WHERE outcome = 'won' AND closed_at >= created_at AND closed_at < CAST($to_date_end AS TIMESTAMP)) AS ramp_days
     FROM opportunities`,
    {quantile: RAMP_UP_QUANTILE, to_date_end: toDateEnd(now)}
  );
  if (coverage.first_created_at === null || coverage.ramp_days === null) return [];
  const firstMonth = monthStartingAtOrAfter(Date.parse(coverage.first_created_at) + coverage.ramp_days * 86_400_000);
  const currentMonth = addMonths(now, 0);
  const {sql: filter, params} = filterCondition(filters, "f");
  const won = await readRows<{month: string; currency: string | null; count_won: number; won_amount: number}>(
    connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     final AS (
       SELECT date_trunc('month', f.closed_at)::DATE AS month, f.currency,
         count(*)::INTEGER AS count_won, coalesce(sum(f.amount), 0)::DOUBLE AS won_amount
       FROM opportunity_scope f
       -- won by the end of now's day (a later close date has not happened yet), and within the history
       WHERE f.outcome = 'won' AND f.closed_at < CAST($to_date_end AS TIMESTAMP)
         AND f.closed_at >= CAST($first_month AS TIMESTAMP) AND ${filter}
       GROUP BY ALL
     )
     SELECT * FROM final ORDER BY currency NULLS LAST, month`,
    {...params, to_date_end: toDateEnd(now), first_month: firstMonth}
  );
  const currencies = [...new Set(won.map((row) => row.currency))];
  const length = Math.max(0, monthsBetween(firstMonth, currentMonth));
  return currencies.map((currency): RevenueSeries => {
    const values = new Array<number>(length).fill(0);
    const counts = new Array<number>(length).fill(0);
    let current = {amount: 0, count: 0};
    for (const row of won.filter((r) => r.currency === currency)) {
      const index = monthsBetween(firstMonth, row.month);
      if (index < length) [values[index], counts[index]] = [row.won_amount, row.count_won];
      else current = {amount: row.won_amount, count: row.count_won};
    }
    return {
      currency,
      first_month: firstMonth,
      current_month: currentMonth,
      values,
      counts,
      to_date_end: toDateEnd(now),
      current_month_to_date: current.amount,
      current_month_count_won: current.count,
      current_month_share_remaining: monthShareRemaining(now)
    };
  });
}

/** The first day of the first month that starts at or after the instant (milliseconds, UTC). */
function monthStartingAtOrAfter(milliseconds: number): string {
  const day = new Date(milliseconds).toISOString();
  const month = addMonths(day, 0);
  return Date.parse(`${month}T00:00:00Z`) >= milliseconds ? month : addMonths(day, 1);
}
