import {Z_95} from "../stats/wilson-interval.ts";
import {accuracyMetrics} from "./accuracy-metrics.ts";
import {BACKTEST_HORIZONS, rollingOriginBacktest, type BacktestForecast, type Forecaster} from "./backtest.ts";
import {
  holtWintersForecaster,
  naiveForecaster,
  regressionForecaster,
  seasonalNaiveForecaster,
  type CandidateModel
} from "./forecasters.ts";
import {Z_80} from "./student-t.ts";

/** The candidates, simplest first: on equal inner-backtest WAPE the simpler one is chosen. */
export const CANDIDATE_MODELS: readonly CandidateModel[] = [
  "seasonal_naive",
  "naive",
  "regression_additive",
  "regression_multiplicative",
  "holt_winters_additive",
  "holt_winters_multiplicative"
];

const FORECASTERS: Record<CandidateModel, Forecaster> = {
  seasonal_naive: seasonalNaiveForecaster,
  naive: naiveForecaster,
  regression_additive: regressionForecaster("additive"),
  regression_multiplicative: regressionForecaster("multiplicative"),
  holt_winters_additive: holtWintersForecaster("additive"),
  holt_winters_multiplicative: holtWintersForecaster("multiplicative")
};

/** Interval half-widths at 80 % and 95 %: from the normal law, or conformal (quantiles of past errors). */
export interface HalfWidths {
  normal_80: number;
  normal_95: number;
  conformal_80: number;
  conformal_95: number;
}

/** What the procedure forecasts one horizon ahead with, and why. */
export interface HorizonChoice {
  horizon: number;
  model: CandidateModel | "combination";
  /** the chosen model's WAPE (%) at this horizon in the inner backtest */
  inner_wape_pct: number;
  /** inner-backtest forecasts of the chosen model at this horizon (what the half-widths are made from) */
  count_errors: number;
  half_widths: HalfWidths;
}

/** The procedure as shown, run on one history. */
export interface ProcedureForecast {
  /** every model's point forecasts 1 … steps months after the history (null where it cannot forecast) */
  points: Record<CandidateModel | "combination", (number | null)[]>;
  /** the candidates averaged by the combination: those whose inner-backtest WAPE is no worse than seasonal naive's */
  combination_members: CandidateModel[];
  /** the choice for horizons 1–3; empty when the history is too short for an inner backtest */
  horizons: HorizonChoice[];
}

/**
 * The forecasting procedure the page shows, run on one history: an inner rolling-origin backtest of every
 * candidate (rollingOriginBacktest: same target months for each horizon, data before each origin only);
 * a combination, the mean of the candidates whose inner WAPE over all horizons is no worse than seasonal
 * naive's; and for each horizon 1–3 the model — candidate or combination — with the lowest inner WAPE at that
 * horizon among those that forecast every inner target (ties go to the simpler one). The interval half-widths
 * come from that model's inner-backtest errors e at the horizon: normal, z·√mean(e²); conformal, the
 * ⌈(m + 1)·level⌉-th smallest |e| of m (the largest when m is too small for the level).
 *
 * Why: no model wins everywhere — a regression holds a stable season, smoothing follows a drifting one, a
 * combination hedges — so the history decides, by forecasting its own past; and the intervals are the
 * widths the chosen model's own out-of-sample errors had.
 *
 * Input: the history (it is all the procedure ever sees), the month of the year of its first value, the steps
 * to forecast. Output: every model's points, the combination's members, the per-horizon choice. Cost: one
 * fit of each candidate per inner origin (≤ 26 origins; Holt-Winters ≈ 1 ms a fit).
 *
 * @example
 * procedureForecast(airPassengers, 1, 12).horizons.map((h) => h.model); // e.g. ["holt_winters_multiplicative", …]
 */
export function procedureForecast(
  history: readonly number[],
  firstMonthOfYear: number,
  steps: number
): ProcedureForecast {
  const inner = Object.fromEntries(
    CANDIDATE_MODELS.map((model) => [model, rollingOriginBacktest(history, firstMonthOfYear, FORECASTERS[model])])
  ) as Record<CandidateModel, BacktestForecast[]>;
  const points = Object.fromEntries(
    CANDIDATE_MODELS.map((model) => [model, FORECASTERS[model](history, firstMonthOfYear, steps)])
  ) as ProcedureForecast["points"];
  const complete = (rows: BacktestForecast[]) => rows.length > 0 && rows.every((r) => r.forecast !== null);
  const baseline = accuracyMetrics(inner.seasonal_naive).wape_pct;
  const members = CANDIDATE_MODELS.filter((model) => {
    const wape = accuracyMetrics(inner[model]).wape_pct;
    return complete(inner[model]) && baseline !== null && wape !== null && wape <= baseline;
  });
  const mean = (values: (number | null)[]) =>
    values.some((v) => v === null) ? null : values.reduce((sum: number, v) => sum + v!, 0) / values.length;
  const combination = inner.seasonal_naive.map((row, i) => ({
    ...row,
    forecast: mean(members.map((model) => inner[model][i].forecast))
  }));
  points.combination = Array.from({length: steps}, (_, i) => mean(members.map((model) => points[model][i])));
  const scored: [CandidateModel | "combination", BacktestForecast[]][] = [
    ...CANDIDATE_MODELS.map((model): [CandidateModel, BacktestForecast[]] => [model, inner[model]]),
    ...(members.length >= 2
      ? [["combination", combination] as [CandidateModel | "combination", BacktestForecast[]]]
      : [])
  ];
  const horizons: HorizonChoice[] = [];
  for (const horizon of BACKTEST_HORIZONS) {
    let best: HorizonChoice | null = null;
    for (const [model, rows] of scored) {
      const at = rows.filter((r) => r.horizon === horizon);
      const wape = accuracyMetrics(at).wape_pct;
      if (!complete(at) || wape === null || (points[model][horizon - 1] ?? null) === null) continue;
      if (best === null || wape < best.inner_wape_pct)
        best = {
          horizon,
          model,
          inner_wape_pct: wape,
          count_errors: at.length,
          half_widths: halfWidths(at.map((r) => r.forecast! - r.actual))
        };
    }
    if (best === null) return {points, combination_members: members, horizons: []};
    horizons.push(best);
  }
  return {points, combination_members: members, horizons};
}

/**
 * Interval half-widths from out-of-sample errors: normal z·√mean(e²) (z = 1.2816, 1.96) and conformal, the
 * ⌈(m + 1)·level⌉-th smallest |e| of the m errors (split conformal prediction, Vovk et al. 2005; the largest
 * |e| when that rank exceeds m).
 *
 * @example
 * halfWidths([1, -2, 3, -4]); // normal_80: 1.2816 · √7.5, conformal_80: ⌈5 · 0.8⌉ = 4th smallest |e| = 4
 */
export function halfWidths(errors: readonly number[]): HalfWidths {
  const m = errors.length;
  const rms = Math.sqrt(errors.reduce((sum, e) => sum + e * e, 0) / m);
  const sorted = errors.map(Math.abs).sort((a, b) => a - b);
  const quantile = (level: number) => sorted[Math.min(m, Math.ceil((m + 1) * level)) - 1];
  return {normal_80: Z_80 * rms, normal_95: Z_95 * rms, conformal_80: quantile(0.8), conformal_95: quantile(0.95)};
}
