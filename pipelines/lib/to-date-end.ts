/**
 * The end of every "to date" figure as of `now` (the latest export): the day after now's UTC day, as an ISO
 * date. Periods are half-open, so the whole day of the export is known — a deal closed on that day counts in
 * "won so far", in the quarter, in year to date and in the month being forecast alike, whatever the hour of
 * the export or of the close.
 *
 * @example
 * toDateEnd("2026-11-20T00:00:00Z"); // "2026-11-21": closed_at < 2026-11-21 is known
 */
export function toDateEnd(now: string): string {
  const day = Date.parse(`${now.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day)) throw new RangeError(`toDateEnd requires an ISO date, got ${now}`);
  return new Date(day + 86_400_000).toISOString().slice(0, 10);
}
