import {leastSquares, leverage, type LeastSquaresFit} from "./least-squares.ts";
import {studentTQuantile} from "./student-t.ts";

/** Month-of-year terms are fitted only with at least two years of history: each month then has two observations. */
export const MONTH_TERMS_MIN_MONTHS = 24;
/** A trend needs two parameters and one degree of freedom left for the residual variance. */
export const REGRESSION_MIN_MONTHS = 3;

/** additive: revenue = trend + month effect; multiplicative: log revenue = trend + month effect (effects are factors). */
export type RegressionForm = "additive" | "multiplicative";

/** A point forecast with its 80 % and 95 % prediction intervals (null when no residual degree of freedom is left). */
export interface Prediction {
  point: number;
  lower_80: number | null;
  upper_80: number | null;
  lower_95: number | null;
  upper_95: number | null;
}

export interface TrendSeasonModel {
  form: RegressionForm;
  has_month_terms: boolean;
  /** months of history fitted */
  n: number;
  /** month of the year (1–12) of the first value */
  first_month_of_year: number;
  /** the least-squares fit, on the log scale for the multiplicative form */
  fit: LeastSquaresFit;
}

/**
 * The design row of month `index` (0 = the first month of the history): intercept, trend t = index + 1
 * and, with month terms, eleven 0/1 columns for February … December (January is the baseline) — the
 * columns of R's `lm(y ~ t + factor(month))` when the history holds every month of the year.
 *
 * @example
 * designRow(0, 3, true); // [1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0] — the first month, a March
 */
export function designRow(index: number, firstMonthOfYear: number, hasMonthTerms: boolean): number[] {
  const row = [1, index + 1];
  if (!hasMonthTerms) return row;
  const month = ((firstMonthOfYear - 1 + index) % 12) + 1;
  for (let k = 2; k <= 12; k++) row.push(month === k ? 1 : 0);
  return row;
}

/**
 * Fits monthly revenue on a linear trend and, with at least MONTH_TERMS_MIN_MONTHS months, month-of-year
 * terms, by least squares: additively (y = a + b·t + s_month) or multiplicatively, on the logarithm
 * (log y = a + b·t + s_month, so the trend is a growth rate and the month effects are factors).
 *
 * Why both: a business that grows 30 % a year has a December peak that grows with it; an additive model
 * keeps the peak's size fixed and misses. The multiplicative form needs every month's revenue positive.
 *
 * Input: the monthly values in order and the month of the year of the first. Output: the model, or null
 * when the history is shorter than REGRESSION_MIN_MONTHS or the multiplicative form meets a value ≤ 0.
 *
 * @example
 * const model = fitTrendSeason([10, 12, 14, 16], 1, "additive"); // trend only: 8 + 2·t
 * predictTrendSeason(model!, [1]).point; // 18 (t = 5)
 */
export function fitTrendSeason(
  values: readonly number[],
  firstMonthOfYear: number,
  form: RegressionForm
): TrendSeasonModel | null {
  const n = values.length;
  if (n < REGRESSION_MIN_MONTHS) return null;
  if (form === "multiplicative" && values.some((value) => !(value > 0))) return null;
  const hasMonthTerms = n >= MONTH_TERMS_MIN_MONTHS;
  const x = values.map((_, i) => designRow(i, firstMonthOfYear, hasMonthTerms));
  const y = form === "multiplicative" ? values.map(Math.log) : [...values];
  return {form, has_month_terms: hasMonthTerms, n, first_month_of_year: firstMonthOfYear, fit: leastSquares(x, y)};
}

/**
 * The forecast of the months `steps` after the history (1 = the month after the last fitted one) — one
 * step for a month, several for their sum (a quarter) — with prediction intervals from the residual
 * variance s² and the leverage of the new rows, with Student's t on n − p degrees of freedom:
 *
 *   one month:  ŷ₀ ± t(1 − α/2, n − p) · s · √(1 + x₀'(X'X)⁻¹x₀)
 *   a sum of k: Σŷ ± t(1 − α/2, n − p) · s · √(k + S'(X'X)⁻¹S),  S = Σ x₀ (the new errors are independent)
 *
 * which is R's `predict(lm(...), newdata, interval = "prediction")` for one month. The multiplicative form
 * forecasts on the log scale and back-transforms: the point is exp(ŷ₀), the median (not the mean) of the
 * forecast distribution — the value absolute-error measures such as WAPE reward — and the bounds are
 * exp of the log-scale bounds, exact quantiles. For a sum the multiplicative bounds are the sums of the
 * monthly bounds: exact if the months' errors moved together, wider than needed otherwise (conservative).
 * Bounds are as computed; a caller showing revenue clamps them at 0.
 *
 * `weights` (default 1 each) scale the months of the sum: additive Σ wᵢŷᵢ ± t · s · √(Σ wᵢ² + S'(X'X)⁻¹S),
 * S = Σ wᵢx₀ᵢ, the variance of Σ wᵢyᵢ; multiplicative, each month's point and bounds times wᵢ. A month in
 * progress enters with the share of its days still to come (monthShareRemaining): its remaining revenue is
 * taken as that share of a whole month's.
 *
 * @example
 * // y = 2 4 5 4 5: ŷ(6) = 5.8, 95 % ± qt(0.975, 3) · √(0.8 · 2.1)
 * predictTrendSeason(fitTrendSeason([2, 4, 5, 4, 5], 1, "additive")!, [1]); // {point: 5.8, lower_95: 1.675, upper_95: 9.925, …}
 */
export function predictTrendSeason(
  model: TrendSeasonModel,
  steps: readonly number[],
  weights: readonly number[] = steps.map(() => 1)
): Prediction {
  if (steps.length === 0 || steps.some((step) => !(Number.isInteger(step) && step >= 1)))
    throw new RangeError("predictTrendSeason requires steps ≥ 1");
  if (weights.length !== steps.length || weights.some((w) => !(w >= 0)))
    throw new RangeError("predictTrendSeason requires one weight ≥ 0 per step");
  const rows = steps.map((step) => designRow(model.n + step - 1, model.first_month_of_year, model.has_month_terms));
  const {fit} = model;
  const linear = (row: number[]) => row.reduce((sum, x, i) => sum + x * fit.coefficients[i], 0);
  if (model.form === "additive") {
    const total = rows.reduce(
      (sum, row, k) => row.map((x, i) => weights[k] * x + sum[i]),
      rows[0].map(() => 0)
    );
    const squares = weights.reduce((sum, w) => sum + w * w, 0);
    const se = Math.sqrt(fit.sigma2 * (squares + leverage(fit, total)));
    return interval(linear(total), se, fit.df);
  }
  const months = rows.map((row, k) => {
    const log = interval(linear(row), Math.sqrt(fit.sigma2 * (1 + leverage(fit, row))), fit.df);
    const exp = (value: number | null) => (value === null ? null : weights[k] * Math.exp(value));
    return {
      point: exp(log.point)!,
      lower_80: exp(log.lower_80),
      upper_80: exp(log.upper_80),
      lower_95: exp(log.lower_95),
      upper_95: exp(log.upper_95)
    };
  });
  const sum = (key: keyof Prediction) =>
    months.some((m) => m[key] === null) ? null : months.reduce((total, m) => total + m[key]!, 0);
  return {
    point: sum("point")!,
    lower_80: sum("lower_80"),
    upper_80: sum("upper_80"),
    lower_95: sum("lower_95"),
    upper_95: sum("upper_95")
  };
}

function interval(point: number, se: number, df: number): Prediction {
  if (!(df > 0) || !Number.isFinite(se)) return {point, lower_80: null, upper_80: null, lower_95: null, upper_95: null};
  const t80 = studentTQuantile(0.9, df);
  const t95 = studentTQuantile(0.975, df);
  return {
    point,
    lower_80: point - t80 * se,
    upper_80: point + t80 * se,
    lower_95: point - t95 * se,
    upper_95: point + t95 * se
  };
}
