import {Z_95} from "../stats/wilson-interval.ts";
import {Z_80} from "./student-t.ts";
import type {Prediction} from "./trend-season-regression.ts";

/** The seasonal period of monthly revenue. */
export const SEASON_MONTHS = 12;

/**
 * The naive forecast: every future month equals the last month seen, ŷ(n + h) = y(n). The baseline any
 * forecast has to beat to be worth showing; on seasonal data it is poor (it forecasts January from December).
 *
 * Input: the monthly values up to the origin and the step h ≥ 1. Output: the forecast, null without history.
 *
 * @example
 * naiveForecast([5, 7, 9], 3); // 9
 */
export function naiveForecast(values: readonly number[], step: number): number | null {
  checkStep(step);
  return values.length > 0 ? values[values.length - 1] : null;
}

/**
 * The seasonal naive forecast: a future month equals the same month a year earlier,
 * ŷ(n + h) = y(n + h − 12·⌈h/12⌉). The baseline a seasonal model has to beat: it already knows that
 * December is big; a regression that cannot beat it has learned nothing it adds.
 *
 * Input: the monthly values up to the origin and the step h ≥ 1. Output: the forecast, null with less
 * than a year of history.
 *
 * @example
 * seasonalNaiveForecast([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], 1); // 2 (the month 12 before the next)
 */
export function seasonalNaiveForecast(values: readonly number[], step: number): number | null {
  checkStep(step);
  const n = values.length;
  if (n < SEASON_MONTHS) return null;
  return values[n - SEASON_MONTHS + ((step - 1) % SEASON_MONTHS)];
}

/**
 * The seasonal naive forecast of the months `steps` after the history (one step, or several summed for a
 * quarter) with 80 % and 95 % prediction intervals as Hyndman & Athanasopoulos, Forecasting: Principles
 * and Practice (3rd ed., §5.5) give them: σ̂ = √(mean of the squared in-sample residuals y(t) − y(t − 12)),
 * the h-step standard deviation σ̂·√(⌊(h − 1)/12⌋ + 1), normal quantiles (nothing is estimated, so no
 * degrees of freedom are lost); a sum of months adds their variances (the errors taken as independent).
 * `weights` (default 1 each) scale the months: Σ wᵢŷᵢ with variance Σ wᵢ² σ̂ₕ² (a month in progress enters
 * with the share of its days still to come, as predictTrendSeason).
 *
 * Output: null with less than a year of history; intervals null with exactly a year (no residual yet).
 *
 * @example
 * // residuals 13 − 10 = 3 and 24 − 20 = 4: σ̂ = √12.5; next month = index 2 → 30 ± 1.96 · 3.54
 * seasonalNaivePrediction([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 13, 24], [1]);
 * // {point: 30, lower_95: 23.07, upper_95: 36.93, …}
 */
export function seasonalNaivePrediction(
  values: readonly number[],
  steps: readonly number[],
  weights: readonly number[] = steps.map(() => 1)
): Prediction | null {
  if (weights.length !== steps.length || weights.some((w) => !(w >= 0)))
    throw new RangeError("seasonalNaivePrediction requires one weight ≥ 0 per step");
  const points = steps.map((step) => seasonalNaiveForecast(values, step));
  if (points.length === 0 || points.some((point) => point === null)) return null;
  const point = points.reduce((sum: number, value, i) => sum + weights[i] * value!, 0);
  const residuals = values.slice(SEASON_MONTHS).map((value, i) => value - values[i]);
  if (residuals.length === 0) return {point, lower_80: null, upper_80: null, lower_95: null, upper_95: null};
  const sigma2 = residuals.reduce((sum, r) => sum + r * r, 0) / residuals.length;
  const variance = steps.reduce(
    (sum, step, i) => sum + weights[i] ** 2 * sigma2 * (Math.floor((step - 1) / SEASON_MONTHS) + 1),
    0
  );
  const se = Math.sqrt(variance);
  return {
    point,
    lower_80: point - Z_80 * se,
    upper_80: point + Z_80 * se,
    lower_95: point - Z_95 * se,
    upper_95: point + Z_95 * se
  };
}

function checkStep(step: number): void {
  if (!(Number.isInteger(step) && step >= 1))
    throw new RangeError(`a forecast step must be an integer ≥ 1, got ${step}`);
}
