import type {IntervalCoverage} from "./interval-coverage.ts";
import type {RevenueForecastInput} from "./regression-forecast.ts";

/** Backtest coverage of the forecast's intervals — grain: one row per currency × level (80 %, 95 %). */
export interface ForecastCoverageRow extends IntervalCoverage {
  currency: string | null;
}

/**
 * The empirical coverage of the shown forecast's 80 % and 95 % intervals in its nested backtest (forecastSeries,
 * intervalCoverage), from forecasts already made: which interval is shown, normal or conformal, and how often
 * each held the month. No rows for a series too short to backtest.
 *
 * @example
 * forecastCoverageRows(inputs); // [{currency: "CNY", level: 80, normal_pct: 66.7, conformal_pct: 77.8, method: "conformal", …}, …]
 */
export function forecastCoverageRows(inputs: readonly RevenueForecastInput[]): ForecastCoverageRow[] {
  return inputs.flatMap(({series, forecast}) =>
    forecast.shown === "procedure" ? forecast.coverage.map((row) => ({currency: series.currency, ...row})) : []
  );
}
