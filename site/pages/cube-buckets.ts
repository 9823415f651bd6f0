import {addMonths} from "../../pipelines/forecast/add-months.ts";
import type {SitePeriod} from "../site-periods.ts";

/** A span of days the cube sums over: start ≤ day < end (ISO dates, UTC), never across a month's end. */
export interface CubeBucket {
  start: string;
  end: string;
}

/**
 * The days, other than the first of a month, at which the cube splits a month into two buckets: every start
 * and end of the site's periods and of the periods the overview compares them with (the previous period, the
 * same period a year earlier). Quarter and year to date end on the day after the export, and the last 12
 * months start on that day a year earlier; with these splits each of those periods is a whole number of
 * buckets, so the browser sums them exactly. Sorted, without repeats.
 *
 * @example
 * cubeSplitDays(sitePeriods("2026-11-20T00:00:00Z", "2023-11-01")); // ["2024-11-21", "2025-02-21", …, "2026-11-21"]
 */
export function cubeSplitDays(periods: SitePeriod[]): string[] {
  const days = periods.flatMap((period) =>
    [period, period.previous, period.lastYear].flatMap((p) => (p ? [p.start, p.end] : []))
  );
  return [...new Set(days.filter((day) => !day.endsWith("-01")))].sort();
}

/**
 * The cube's buckets from the month of `first` to the month of `last` (ISO dates or timestamps), each
 * month cut at the split days inside it: contiguous, in order.
 *
 * @example
 * cubeBuckets("2026-10-05", "2026-11-20", ["2026-11-21"]);
 * // [{start: "2026-10-01", end: "2026-11-01"}, {start: "2026-11-01", end: "2026-11-21"}, {start: "2026-11-21", end: "2026-12-01"}]
 */
export function cubeBuckets(first: string, last: string, splitDays: string[]): CubeBucket[] {
  const buckets: CubeBucket[] = [];
  for (let month = addMonths(first, 0); month <= last.slice(0, 10); month = addMonths(month, 1)) {
    const next = addMonths(month, 1);
    const starts = [month, ...splitDays.filter((day) => day > month && day < next)];
    starts.forEach((start, i) => buckets.push({start, end: starts[i + 1] ?? next}));
  }
  return buckets;
}
