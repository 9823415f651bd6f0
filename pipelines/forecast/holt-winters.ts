import {nelderMead} from "./nelder-mead.ts";

/** additive: value = level + trend + season; multiplicative: value = (level + trend) × season. */
export type Seasonality = "additive" | "multiplicative";

/** Smoothing weights: level α, trend β (β ≤ α), season γ (γ ≤ 1 − α), damping φ (1 = no damping). */
export interface HoltWintersParameters {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/** The states after the last month, and what the fit cost. */
export interface HoltWintersModel extends HoltWintersParameters {
  seasonality: Seasonality;
  period: number;
  /** months of history */
  n: number;
  level: number;
  trend: number;
  /** seasonal states by position in the cycle: season[t mod period] is the latest for month t */
  season: number[];
  /** Σ one-step errors² over months period … n − 1 */
  sse: number;
}

/** Two full seasons start the states and at least four months more are smoothed before parameters are fitted. */
export const holtWintersMinMonths = (period: number) => 2 * period + 4;

/**
 * Runs Holt-Winters' recursions with given weights (Hyndman & Athanasopoulos, FPP3 §8.3, with the damped
 * trend of §8.2), from starting states taken off the first two seasons: level ℓ = the first season's mean,
 * trend b = (second season's mean − first's) / period, season s_i = y_i − ℓ (or y_i / ℓ) for the first
 * season. Then for t = period … n − 1, with ℓ, b the previous states and s = s_(t − period):
 *
 *   additive:        ŷ_t = ℓ + φb + s,        ℓ' = α(y_t − s) + (1 − α)(ℓ + φb),  s' = γ(y_t − ℓ − φb) + (1 − γ)s
 *   multiplicative:  ŷ_t = (ℓ + φb)·s,        ℓ' = α(y_t / s) + (1 − α)(ℓ + φb),  s' = γ(y_t / (ℓ + φb)) + (1 − γ)s
 *   both:            b' = β/α·(ℓ' − ℓ) + (1 − β/α)·φb   (β = αβ* as in ETS, so β ≤ α)
 *
 * Output: the model after the last month, its SSE of the one-step errors ŷ_t − y_t; null when the history is
 * shorter than two seasons, or a multiplicative state leaves the positive numbers.
 *
 * @example
 * // period 2: ℓ = 11, b = (12 − 11) / 2 = 0.5, s = [−1, 1]; y_2 = 12: ŷ = 11.5 − 1 = 10.5, error 1.5 …
 * holtWintersFilter([10, 12, 11, 13, 12], 2, "additive", {alpha: 0.5, beta: 0.25, gamma: 0.5, phi: 1});
 */
export function holtWintersFilter(
  values: readonly number[],
  period: number,
  seasonality: Seasonality,
  parameters: HoltWintersParameters
): HoltWintersModel | null {
  const n = values.length;
  if (n < 2 * period) return null;
  const {alpha, beta, gamma, phi} = parameters;
  const mean = (from: number) => values.slice(from, from + period).reduce((sum, y) => sum + y, 0) / period;
  let level = mean(0);
  let trend = (mean(period) - level) / period;
  const multiplicative = seasonality === "multiplicative";
  if (multiplicative && !(level > 0)) return null;
  const season = values.slice(0, period).map((y) => (multiplicative ? y / level : y - level));
  const betaStar = alpha > 0 ? beta / alpha : 0;
  let sse = 0;
  for (let t = period; t < n; t++) {
    const y = values[t];
    const s = season[t % period];
    const base = level + phi * trend;
    const fitted = multiplicative ? base * s : base + s;
    sse += (y - fitted) ** 2;
    const newLevel = alpha * (multiplicative ? y / s : y - s) + (1 - alpha) * base;
    trend = betaStar * (newLevel - level) + (1 - betaStar) * phi * trend;
    season[t % period] = gamma * (multiplicative ? y / base : y - base) + (1 - gamma) * s;
    level = newLevel;
    if (multiplicative && !(level > 0 && season[t % period] > 0)) return null;
  }
  if (!Number.isFinite(sse)) return null;
  return {seasonality, period, n, level, trend, season, sse, ...parameters};
}

/**
 * Fits Holt-Winters by least squares: the weights that minimise the SSE of the one-step errors
 * (holtWintersFilter), found by Nelder–Mead over α ∈ (0, 1), β ∈ (0, α), γ ∈ (0, 1 − α) and, damped,
 * φ ∈ (0.8, 0.98) (FPP3 §8.2 keeps φ there: below it the trend dies at once, above it is indistinguishable
 * from no damping); undamped φ = 1.
 *
 * Why: smoothing weighs recent months more than a regression does, so a level or a season that drifts is
 * followed; damping stops a trend from being projected for ever, which over-forecasts beyond a few months.
 *
 * Input: the monthly values (all > 0 for the multiplicative form), the period, the seasonality, damping.
 * Output: the fitted model, or null below holtWintersMinMonths(period) or when no weights keep the
 * multiplicative states positive.
 *
 * @example
 * const model = fitHoltWinters(airPassengers, 12, "multiplicative", true);
 * forecastHoltWinters(model!, 1); // January 1961
 */
export function fitHoltWinters(
  values: readonly number[],
  period: number,
  seasonality: Seasonality,
  damped: boolean
): HoltWintersModel | null {
  if (values.length < holtWintersMinMonths(period)) return null;
  if (seasonality === "multiplicative" && values.some((y) => !(y > 0))) return null;
  const logistic = (u: number) => 1 / (1 + Math.exp(-u));
  const parameters = (u: number[]): HoltWintersParameters => {
    const alpha = logistic(u[0]);
    return {
      alpha,
      beta: alpha * logistic(u[1]),
      gamma: (1 - alpha) * logistic(u[2]),
      phi: damped ? 0.8 + 0.18 * logistic(u[3]) : 1
    };
  };
  const sse = (u: number[]) => holtWintersFilter(values, period, seasonality, parameters(u))?.sse ?? Infinity;
  // start: α 0.5, β* 0.12, γ 0.05, φ 0.96 — a moderately smooth level, a slow trend and season
  const start = damped ? [0, -2, -2.9, 2] : [0, -2, -2.9];
  const {point} = nelderMead(sse, start, {step: 1, maxIterations: 300});
  return holtWintersFilter(values, period, seasonality, parameters(point));
}

/**
 * The forecast `step` months after the last month of a fitted model: (ℓ + (φ + φ² + … + φ^h)·b) plus (or
 * times) the latest seasonal state of the target month.
 *
 * @example
 * forecastHoltWinters({…, level: 12, trend: 0.5, phi: 1, season: [−1, 1], n: 5, seasonality: "additive"}, 1); // 12.5 + 1
 */
export function forecastHoltWinters(model: HoltWintersModel, step: number): number {
  let damping = 0;
  for (let k = 1, power = model.phi; k <= step; k++, power *= model.phi) damping += power;
  const base = model.level + damping * model.trend;
  const s = model.season[(model.n - 1 + step) % model.period];
  return model.seasonality === "multiplicative" ? base * s : base + s;
}
