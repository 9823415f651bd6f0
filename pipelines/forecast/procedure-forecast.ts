import {Z_95} from "../stats/wilson-interval.ts";
import {accuracyMetrics} from "./accuracy-metrics.ts";
import {SEASON_MONTHS} from "./baselines.ts";
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

/**
 * A candidate replaces seasonal naive at a horizon only when its inner-backtest WAPE there is at most this
 * share of seasonal naive's: 10 % better, the margin the forecast is asked to beat the baseline by on average
 * (BENCHMARKS.md). Smaller differences over ≤ 24 inner months come and go from one origin to the next, and
 * chasing them did worse than the baseline (docs/method.md §7).
 */
export const CHOICE_MARGIN = 0.9;

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
 * naive's; and for each horizon 1–3 seasonal naive, unless a model — candidate or combination — that forecast
 * every inner target had an inner WAPE at that horizon of at most CHOICE_MARGIN × seasonal naive's: then the
 * lowest of those (ties go to the simpler one). The interval half-widths come from the chosen model's
 * inner-backtest errors at the horizon, each divided by the series' level at its origin (errorLevel) and the
 * result multiplied by the level now (halfWidths).
 *
 * Why: no model wins everywhere — a regression holds a stable season, smoothing follows a drifting one, a
 * combination hedges — so the history decides, by forecasting its own past; but two dozen inner months cannot
 * tell a slightly better model from a lucky one, so the baseline stays unless it is beaten clearly. The
 * intervals are the widths the chosen model's own out-of-sample errors had, relative to the revenue they were
 * made on, so that errors made when sales were half what they are now do not size today's interval at half
 * its width.
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
    const baselineWape = accuracyMetrics(inner.seasonal_naive.filter((r) => r.horizon === horizon)).wape_pct;
    let best: HorizonChoice | null = null;
    for (const [model, rows] of scored) {
      const at = rows.filter((r) => r.horizon === horizon);
      const wape = accuracyMetrics(at).wape_pct;
      if (!complete(at) || wape === null || (points[model][horizon - 1] ?? null) === null) continue;
      const clearlyBetter = baselineWape !== null && wape <= CHOICE_MARGIN * baselineWape;
      if (model !== "seasonal_naive" && !clearlyBetter) continue;
      if (best === null || wape < best.inner_wape_pct)
        best = {
          horizon,
          model,
          inner_wape_pct: wape,
          count_errors: at.length,
          half_widths: halfWidths(
            at.map((r) => r.forecast! - r.actual),
            at.map((r) => errorLevel(history, r.origin)),
            errorLevel(history)
          )
        };
    }
    if (best === null) return {points, combination_members: members, horizons: []};
    horizons.push(best);
  }
  return {points, combination_members: members, horizons};
}

/**
 * The level of a series at an origin: the mean |value| of the 12 months before it (all of them when fewer),
 * 0 with none. Forecast errors are measured against it, as a share of the revenue of the year before the
 * forecast: the months after the origin are never read.
 *
 * @example
 * errorLevel([10, 20, 30, 40], 3); // (10 + 20 + 30) / 3 = 20
 */
export function errorLevel(history: readonly number[], origin = history.length): number {
  const window = history.slice(Math.max(0, origin - SEASON_MONTHS), origin);
  return window.length ? window.reduce((sum, v) => sum + Math.abs(v), 0) / window.length : 0;
}

/**
 * Interval half-widths from m out-of-sample errors e, each made at a level (errorLevel at its origin), for a
 * forecast made at `level`. The errors are taken relative to their levels, r = e / level_e, and the widths
 * are level × normal z·√mean(r²) (z = 1.2816, 1.96) and level × conformal, the ⌈(m + 1)·p⌉-th smallest |r|
 * (split conformal prediction, Vovk et al. 2005, with a score normalised as in Lei et al. 2018's locally
 * weighted form). When that rank exceeds m — fewer than 4 errors at 80 %, 19 at 95 % — the errors are too
 * few to hold that quantile (the largest of 6 is exceeded one time in 7, not one in 20) and the conformal
 * width is the normal one. Without levels, or with a level of 0 among them, the errors are used as they are.
 *
 * Why relative: a sales series' errors grow with its sales, so errors from a year when revenue was half of
 * today's would size today's interval at half its width.
 *
 * @example
 * halfWidths([1, -2, 3, -4]); // normal_80: 1.2816 · √7.5, conformal_80: ⌈5 · 0.8⌉ = 4th smallest |e| = 4
 * halfWidths([5, -10], [50, 100], 200); // r = 0.1, −0.1: normal_80 = 200 · 1.2816 · 0.1
 */
export function halfWidths(errors: readonly number[], levels?: readonly number[], level?: number): HalfWidths {
  const relative = levels !== undefined && level !== undefined && level > 0 && levels.every((l) => l > 0);
  const scaled = relative ? errors.map((e, i) => e / levels[i]) : errors;
  const unit = relative ? level : 1;
  const m = scaled.length;
  const rms = Math.sqrt(scaled.reduce((sum, e) => sum + e * e, 0) / m);
  const sorted = scaled.map(Math.abs).sort((a, b) => a - b);
  const conformal = (p: number, normal: number) => {
    const rank = Math.ceil((m + 1) * p);
    return rank <= m ? unit * sorted[rank - 1] : normal;
  };
  const normal_80 = unit * Z_80 * rms;
  const normal_95 = unit * Z_95 * rms;
  return {normal_80, normal_95, conformal_80: conformal(0.8, normal_80), conformal_95: conformal(0.95, normal_95)};
}
