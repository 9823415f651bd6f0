import {SEASON_MONTHS} from "./baselines.ts";
import {MONTH_TERMS_MIN_MONTHS} from "./trend-season-regression.ts";

/** The horizons evaluated: forecasts made 1, 2 and 3 months ahead. */
export const BACKTEST_HORIZONS = [1, 2, 3] as const;
/** The shortest training window: a year, so that seasonal naive can forecast from every origin. */
export const BACKTEST_MIN_TRAINING_MONTHS = 12;
/** At most this many target months (the latest ones) are evaluated. */
export const BACKTEST_MAX_TARGETS = 24;
const MAX_HORIZON = Math.max(...BACKTEST_HORIZONS);

/**
 * A forecasting method as the backtest calls it: given the history up to an origin — the only data it
 * ever receives — and the month of the year of its first value, the forecasts for steps 1 … `steps`
 * after it (null where the method cannot forecast).
 */
export type Forecaster = (history: readonly number[], firstMonthOfYear: number, steps: number) => (number | null)[];

/** One backtest forecast: made at `origin` (months of history used), `horizon` months ahead. */
export interface BacktestForecast {
  /** months of history the forecast was made from: the values at indexes 0 … origin − 1 */
  origin: number;
  horizon: number;
  /** index of the month forecast: origin + horizon − 1 */
  target: number;
  forecast: number | null;
  actual: number;
  /** the MASE denominator of this origin's training window (see maseScale) */
  scale: number | null;
}

/**
 * The first month scored by the rolling-origin backtest of a series of n months (an index):
 * max(14, min(26, n − 6), n − 24). Every horizon 1–3 is scored on the same target months — this one to the
 * last — so the horizons differ only in how far ahead they were forecast, never in which months they were
 * judged on. The training windows hold at least a year for a 3-month-ahead forecast (seasonal naive needs
 * one); two years when that still leaves six or more targets (the month terms the forecast itself will use
 * are then in play); and only the latest 24 months are scored, so a long history costs no more than two years.
 *
 * @example
 * firstBacktestTarget(34); // 26 → targets 26 … 33, forecast from origins 24 … 33
 * firstBacktestTarget(20); // 14
 */
export function firstBacktestTarget(n: number): number {
  const lead = MAX_HORIZON - 1;
  return Math.max(
    BACKTEST_MIN_TRAINING_MONTHS + lead,
    Math.min(MONTH_TERMS_MIN_MONTHS + lead, n - 6),
    n - BACKTEST_MAX_TARGETS
  );
}

/**
 * Rolling-origin evaluation ("time-series cross-validation", Hyndman & Athanasopoulos, FPP3 §5.10): for
 * each target month from `firstTarget` (firstBacktestTarget) to n − 1 and each horizon h, the forecaster
 * gets the months before the origin o = target − h + 1 — a frozen copy of values[0 … o − 1], nothing later —
 * and its forecast h months ahead is set against what happened. Every horizon is scored on the same months.
 *
 * Why: an in-sample fit says how well a model explains the past it has seen; the backtest says how well it
 * forecasts a month it has not seen, which is the question. Because the forecaster only ever receives the
 * slice before the origin, no data after the origin can leak into a forecast (a test plants a spike after
 * the origin and checks the forecasts made before it do not move).
 *
 * Input: the monthly values, the month of the year of the first, a forecaster. Output grain: one row per
 * origin × horizon whose target is scored, in order. Cost: one forecaster call per origin.
 *
 * @example
 * rollingOriginBacktest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], 1, (h, _m, k) => Array(k).fill(h.at(-1)));
 * // targets 14 (index) only: [{origin: 12, horizon: 3, target: 14, forecast: 12, actual: 15, scale: 1}, …]
 */
export function rollingOriginBacktest(
  values: readonly number[],
  firstMonthOfYear: number,
  forecaster: Forecaster,
  options: {firstTarget?: number; horizons?: readonly number[]} = {}
): BacktestForecast[] {
  const horizons = options.horizons ?? BACKTEST_HORIZONS;
  const maxHorizon = Math.max(...horizons);
  const firstTarget = options.firstTarget ?? firstBacktestTarget(values.length);
  const rows: BacktestForecast[] = [];
  for (let origin = Math.max(1, firstTarget - maxHorizon + 1); origin < values.length; origin++) {
    const history = Object.freeze(values.slice(0, origin));
    const forecasts = forecaster(history, firstMonthOfYear, maxHorizon);
    const scale = maseScale(history);
    for (const horizon of horizons) {
      const target = origin + horizon - 1;
      if (target < firstTarget || target >= values.length) continue;
      rows.push({origin, horizon, target, forecast: forecasts[horizon - 1] ?? null, actual: values[target], scale});
    }
  }
  return rows;
}

/**
 * The MASE denominator of a training window (Hyndman & Koehler 2006): the mean absolute error of the
 * in-sample seasonal naive forecast, mean |y(t) − y(t − 12)|, when the window holds two years (the season
 * is then seen twice), else of the naive forecast, mean |y(t) − y(t − 1)|; null when it is 0 or undefined.
 * Scaling each origin by its own training window keeps the measure free of data after the origin.
 *
 * @example
 * maseScale([3, 5, 4, 8]); // (2 + 1 + 4) / 3 = 2.33
 */
export function maseScale(history: readonly number[]): number | null {
  const lag = history.length >= MONTH_TERMS_MIN_MONTHS ? SEASON_MONTHS : 1;
  const differences = history.slice(lag).map((value, i) => Math.abs(value - history[i]));
  if (differences.length === 0) return null;
  const scale = differences.reduce((sum, d) => sum + d, 0) / differences.length;
  return scale > 0 ? scale : null;
}
