import * as Plot from "@observablehq/plot";

/** A "YYYY-MM-DD" (or ISO timestamp) as a Date at midnight UTC, the x values of the forecast charts. */
export function utcDay(iso) {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

/** The middle of a month ("YYYY-MM-01"): where a point for the whole month sits over a month-wide bar. */
export function midMonth(iso) {
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, 15));
}

/** The first day of the month after a month ("YYYY-MM-01"), as a Date: the end of that month's bar. */
export function nextMonth(iso) {
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), 1));
}

/** The period the filter bar selects, as a shaded band behind a time chart (a Plot mark). */
export function periodBand(site, filter) {
  const period = site.periods.find((p) => p.id === filter.period);
  const band = period ? [{start: utcDay(period.start), end: utcDay(period.end)}] : [];
  return Plot.rectX(band, {x1: "start", x2: "end", fill: "currentColor", fillOpacity: 0.07, clip: true});
}
