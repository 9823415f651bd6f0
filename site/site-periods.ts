import {addMonths, quarterStart} from "../pipelines/forecast/add-months.ts";
import type {Period} from "../pipelines/lib/context.ts";
import {toDateEnd} from "../pipelines/lib/to-date-end.ts";

export type PeriodId = "qtd" | "lq" | "ytd" | "ly" | "l12m" | "all";

/** A period the site's filter bar offers, with the two periods the overview compares it with. */
export interface SitePeriod extends Period {
  id: PeriodId;
  /** the same number of days immediately before (the previous quarter's or year's first days); null for all time */
  previous: Period | null;
  /** the same days one year earlier; null for all time */
  lastYear: Period | null;
}

export const PERIOD_IDS: PeriodId[] = ["qtd", "lq", "ytd", "ly", "l12m", "all"];
export const DEFAULT_PERIOD: PeriodId = "ytd";

/**
 * The filter bar's periods relative to `now` (the latest export): quarter to date, last quarter, year to
 * date, last year, the last 12 months and all time — in UTC, half-open, "to date" ones ending the day after
 * `now`. All time starts on `firstDay`, the month of the warehouse's earliest record, and is compared with
 * nothing.
 *
 * @example
 * sitePeriods("2026-11-20T00:00:00Z", "2023-11-01")[0]; // {id: "qtd", start: "2026-10-01", end: "2026-11-21", …}
 * sitePeriods("2026-11-20T00:00:00Z", "2023-11-01")[4]; // {id: "l12m", start: "2025-11-21", end: "2026-11-21", …}
 */
export function sitePeriods(now: string, firstDay: string): SitePeriod[] {
  const tomorrow = toDateEnd(now);
  const quarter = quarterStart(now);
  const year = `${now.slice(0, 4)}-01-01`;
  const all = firstDay < tomorrow ? firstDay : year;
  return [
    period("qtd", quarter, tomorrow, 3),
    period("lq", addMonths(quarter, -3), quarter, 3),
    period("ytd", year, tomorrow, 12),
    period("ly", addMonths(year, -12), year, 12),
    period("l12m", shiftDay(tomorrow, -12), tomorrow, 12),
    {id: "all", start: all, end: tomorrow, previous: null, lastYear: null}
  ];
}

function period(id: PeriodId, start: string, end: string, length: number): SitePeriod {
  return {id, start, end, previous: shift({start, end}, -length), lastYear: shift({start, end}, -12)};
}

/** The period moved by whole months; a day past the end of the shorter month falls back to its last day. */
export function shift({start, end}: Period, months: number): Period {
  return {start: shiftDay(start, months), end: shiftDay(end, months)};
}

function shiftDay(day: string, months: number): string {
  const monthStart = addMonths(day, months);
  const wanted = Number(day.slice(8, 10));
  const last = new Date(Date.UTC(Number(monthStart.slice(0, 4)), Number(monthStart.slice(5, 7)), 0)).getUTCDate();
  return `${monthStart.slice(0, 8)}${String(Math.min(wanted, last)).padStart(2, "0")}`;
}
