import {toDateEnd} from "../lib/to-date-end.ts";

/**
 * The first day of the month `count` months after the month of `date` (ISO date or timestamp; UTC), as
 * "YYYY-MM-01" — month arithmetic for the monthly series without local-time surprises.
 *
 * @example
 * addMonths("2026-11-20T00:00:00Z", 2); // "2027-01-01"
 * addMonths("2026-03-01", -13); // "2025-02-01"
 */
export function addMonths(date: string, count: number): string {
  const index = monthNumber(date) + count;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;
}

/** Whole months from the month of `from` to the month of `to`: monthsBetween("2026-01-15", "2026-03-01") = 2. */
export function monthsBetween(from: string, to: string): number {
  return monthNumber(to) - monthNumber(from);
}

/** The month of the year of a date, 1–12. */
export function monthOfYear(date: string): number {
  return Number(date.slice(5, 7));
}

/** The first day of the calendar quarter holding `date`: quarterStart("2026-11-20") = "2026-10-01". */
export function quarterStart(date: string): string {
  return addMonths(date, -((monthOfYear(date) - 1) % 3));
}

/**
 * The share of the month holding `now` still to come: the days after now's day (toDateEnd) over the days of
 * the month, UTC. The month in progress is forecast as its won-to-date + this share × the forecast of the
 * whole month, so a forecast never counts the known days twice nor falls below what is already won.
 *
 * @example
 * monthShareRemaining("2026-11-20T00:00:00Z"); // 10 / 30: November 21 … 30 remain
 * monthShareRemaining("2026-11-30T09:00:00Z"); // 0: the export day closes the month
 */
export function monthShareRemaining(now: string): number {
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const next = day(addMonths(now, 1));
  return (next - day(toDateEnd(now))) / (next - day(addMonths(now, 0)));
}

function monthNumber(date: string): number {
  if (!/^\d{4}-\d{2}/.test(date)) throw new RangeError(`addMonths requires an ISO date, got ${date}`);
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}
