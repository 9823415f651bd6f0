import type {HalfWidths} from "./procedure-forecast.ts";

/** How often the forecast's intervals held what happened — grain: one row per level (80 %, 95 %). */
export interface IntervalCoverage {
  level: 80 | 95;
  /** backtest forecasts that had an interval */
  count_forecasts: number;
  /** % of them whose month fell inside the normal interval (point ± z·RMS of the inner-backtest errors: halfWidths) */
  normal_pct: number | null;
  /** % inside the conformal interval (point ± a quantile of the inner-backtest |errors|: halfWidths) */
  conformal_pct: number | null;
  /** the interval shown: normal, unless it missed the level by more than 5 points and conformal came closer */
  method: "normal" | "conformal";
  /** % inside the interval shown */
  coverage_pct: number | null;
}

/** Coverage further from the level than this (percentage points) widens the intervals shown. */
export const COVERAGE_TOLERANCE_POINTS = 5;

/**
 * Empirical coverage of a forecast's 80 % and 95 % intervals in its backtest: the share of backtest months
 * whose actual fell within forecast ± half-width, for the normal and the conformal half-widths (each made at
 * its origin from the errors before it: procedureForecast). The interval shown is the normal one unless its
 * coverage misses the level by more than COVERAGE_TOLERANCE_POINTS, when the conformal one is shown if it
 * comes closer.
 *
 * Why: an 80 % interval that holds the month half the time promises a certainty the forecast does not have;
 * measured, the miss is visible and the wider interval, built from the forecast's own past errors, replaces it.
 *
 * Input: backtest forecasts with their half-widths (rows without a forecast or half-widths are skipped).
 * Output: one row per level.
 *
 * @example
 * // 10 months, 7 inside the normal 80 % interval, 8 inside the conformal one
 * intervalCoverage(rows); // [{level: 80, normal_pct: 70, conformal_pct: 80, method: "conformal", coverage_pct: 80, …}, …]
 */
export function intervalCoverage(
  rows: readonly {forecast: number | null; actual: number; half_widths?: HalfWidths | undefined}[]
): IntervalCoverage[] {
  const scored = rows.filter((r) => r.forecast !== null && r.half_widths !== undefined);
  const share = (key: keyof HalfWidths) =>
    scored.length
      ? (100 * scored.filter((r) => Math.abs(r.actual - r.forecast!) <= r.half_widths![key]).length) / scored.length
      : null;
  return ([80, 95] as const).map((level) => {
    const normal = share(`normal_${level}`);
    const conformal = share(`conformal_${level}`);
    const misses = (pct: number | null) => (pct === null ? Infinity : Math.abs(pct - level));
    const method =
      misses(normal) > COVERAGE_TOLERANCE_POINTS && misses(conformal) < misses(normal) ? "conformal" : "normal";
    return {
      level,
      count_forecasts: scored.length,
      normal_pct: normal,
      conformal_pct: conformal,
      method,
      coverage_pct: method === "normal" ? normal : conformal
    };
  });
}
