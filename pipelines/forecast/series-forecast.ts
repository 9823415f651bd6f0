import {accuracyMetrics} from "./accuracy-metrics.ts";
import {addMonths, monthOfYear} from "./add-months.ts";
import {SEASON_MONTHS, seasonalNaivePrediction} from "./baselines.ts";
import {rollingOriginBacktest, type BacktestForecast} from "./backtest.ts";
import {chooseRegressionForm, type FormChoice} from "./choose-regression-form.ts";
import type {ForecastModel} from "./forecasters.ts";
import {intervalCoverage, type IntervalCoverage} from "./interval-coverage.ts";
import {CANDIDATE_MODELS, procedureForecast, type HalfWidths, type ProcedureForecast} from "./procedure-forecast.ts";
import {fitTrendSeason, predictTrendSeason, type Prediction, type TrendSeasonModel} from "./trend-season-regression.ts";

export const FORECAST_MODELS: readonly ForecastModel[] = ["as_shown", "combination", ...CANDIDATE_MODELS];

/** Months ahead the procedure forecasts: a year from the month holding now, and the rest of its quarter. */
const FORECAST_STEPS = 15;

/** Everything known about forecasting one monthly series: the procedure, its nested backtest, its intervals. */
export interface SeriesForecast {
  /** the history: complete months' revenue, in order */
  values: readonly number[];
  /** months of history */
  n: number;
  /** the first month of the history, "YYYY-MM-01" */
  first_month: string;
  choice: FormChoice;
  /** the regression of the chosen form fitted to the whole history; null with fewer than 3 months */
  regression: TrendSeasonModel | null;
  /** the procedure as shown, run on the whole history: what the forecast is made with */
  procedure: ProcedureForecast;
  /**
   * every model's rolling-origin forecasts: `as_shown` is the procedure run afresh at each origin (model
   * choice included), the others what each model forecast there
   */
  backtest: Record<ForecastModel, BacktestForecast[]>;
  /** how often the procedure's intervals held what happened in the backtest, per level */
  coverage: IntervalCoverage[];
  /**
   * what the forecast is made with: the backtested procedure; or, when the history is too short to backtest,
   * seasonal naive (a year or more) or the regression (3 months or more); null with less
   */
  shown: "procedure" | "seasonal_naive" | "regression" | null;
  /** why, in a sentence the page can print */
  note: string;
}

/**
 * Forecasts one monthly revenue series the way the forecast page shows it: the procedure (procedureForecast —
 * candidates backtested on the history, the best per horizon, intervals from their errors) run on the whole
 * history, and the same procedure run from each origin of the last two years with only the months before it
 * (nested rolling origin), so its backtest is that of the forecast as shown — model choice included — and the
 * candidates' and combination's backtests, from the same runs, are the detail. Intervals are normal unless
 * their backtest coverage misses the level by more than 5 points, when the conformal ones are shown
 * (intervalCoverage).
 *
 * Why: a backtest that judges the choice on the months it then reports flatters it; run as it would have
 * been at each month, the procedure reports what a reader would have seen.
 *
 * Input: the complete months' revenue in order and the first month. Output: a SeriesForecast; predictSeries
 * forecasts from it. Cost: one procedure run per origin (≤ 26), each a backtest of every candidate.
 *
 * @example
 * const series = forecastSeries(values, "2024-04-01");
 * accuracyMetrics(series.backtest.as_shown).wape_pct; // the headline accuracy
 */
export function forecastSeries(values: readonly number[], firstMonth: string): SeriesForecast {
  const month = monthOfYear(firstMonth);
  const runs = new Map<number, ProcedureForecast>();
  const run = (history: readonly number[]) => {
    if (!runs.has(history.length)) runs.set(history.length, procedureForecast(history, month, 3));
    return runs.get(history.length)!;
  };
  const backtest = Object.fromEntries(
    FORECAST_MODELS.map((model) => [
      model,
      rollingOriginBacktest(values, month, (history, _m, steps) => {
        const forecast = run(history);
        if (model !== "as_shown") return forecast.points[model].slice(0, steps);
        // too short for an inner backtest: seasonal naive, as the forecast itself would show
        if (!forecast.horizons.length) return forecast.points.seasonal_naive.slice(0, steps);
        return Array.from({length: steps}, (_, i) => forecast.points[forecast.horizons[i].model][i]);
      })
    ])
  ) as Record<ForecastModel, BacktestForecast[]>;
  const coverage = intervalCoverage(
    backtest.as_shown.map((row) => ({
      ...row,
      half_widths: runs.get(row.origin)?.horizons[row.horizon - 1]?.half_widths
    }))
  );
  const procedure = procedureForecast(values, month, FORECAST_STEPS);
  const choice = chooseRegressionForm(values, month);
  const regression = fitTrendSeason(values, month, choice.form);
  const percent = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)} %`);
  let shown: SeriesForecast["shown"];
  let note: string;
  if (procedure.horizons.length) {
    shown = "procedure";
    note =
      `procedure shown (${procedure.horizons.map((h) => h.model).join(", ")} for 1–3 months ahead): ` +
      `backtest WAPE ${percent(accuracyMetrics(backtest.as_shown).wape_pct)} as shown, ` +
      `seasonal naive ${percent(accuracyMetrics(backtest.seasonal_naive).wape_pct)}`;
  } else if (values.length >= SEASON_MONTHS) {
    shown = "seasonal_naive";
    note = `seasonal naive shown without a backtest: ${values.length} months of history, 14 needed`;
  } else if (regression) {
    shown = "regression";
    note = `regression (${choice.form}) shown without a backtest: ${values.length} months of history, 14 needed`;
  } else {
    shown = null;
    note = `no forecast: ${values.length} months of history, 3 needed`;
  }
  return {
    values,
    n: values.length,
    first_month: firstMonth,
    choice,
    regression,
    procedure,
    backtest,
    coverage,
    shown,
    note
  };
}

/** The forecasts of the months `steps` after the history (one step, or several summed) by each model. */
export interface SeriesPrediction {
  /** the shown forecast's point and intervals; null when nothing is shown */
  shown: Prediction | null;
  regression: number | null;
  seasonal_naive: number | null;
}

/**
 * Forecasts the sum of the months `steps` after the history of a SeriesForecast (1 = the next month) as shown,
 * with its intervals, and the regression's and seasonal naive's points beside it; `weights` scale the months
 * (the month in progress by the share of its days still to come). The procedure forecasts step s with the
 * model chosen for horizon min(s, 3); its half-widths beyond 3 months grow as √(s / 3) (errors taken to add up
 * like a random walk's), and a sum's half-widths add (its months' errors taken to move together: wider than
 * independent errors would give, never narrower than any of its months').
 *
 * @example
 * predictSeries(forecastSeries(values, "2024-04-01"), [1, 2]); // the next two months together
 * predictSeries(series, [1, 2, 3], [1 / 3, 1, 1]); // the rest of a quarter whose first month is two-thirds gone
 */
export function predictSeries(
  series: SeriesForecast,
  steps: readonly number[],
  weights: readonly number[] = steps.map(() => 1)
): SeriesPrediction {
  const regression = series.regression ? predictTrendSeason(series.regression, steps, weights) : null;
  const seasonal = seasonalNaivePrediction(series.values, steps, weights);
  const shown =
    series.shown === "procedure"
      ? procedurePrediction(series, steps, weights)
      : series.shown === "regression"
        ? regression
        : series.shown === "seasonal_naive"
          ? seasonal
          : null;
  return {shown, regression: regression?.point ?? null, seasonal_naive: seasonal?.point ?? null};
}

function procedurePrediction(series: SeriesForecast, steps: readonly number[], weights: readonly number[]): Prediction {
  const {points, horizons} = series.procedure;
  const method = (level: 80 | 95) => series.coverage.find((c) => c.level === level)?.method ?? "normal";
  const key80: keyof HalfWidths = `${method(80)}_80`;
  const key95: keyof HalfWidths = `${method(95)}_95`;
  let point = 0;
  let half80 = 0;
  let half95 = 0;
  steps.forEach((step, i) => {
    if (step > FORECAST_STEPS) throw new RangeError(`the forecast reaches ${FORECAST_STEPS} months ahead, not ${step}`);
    const choice = horizons[Math.min(step, horizons.length) - 1];
    const grow = Math.sqrt(Math.max(1, step / horizons.length));
    point += weights[i] * points[choice.model][step - 1]!;
    half80 += weights[i] * grow * choice.half_widths[key80];
    half95 += weights[i] * grow * choice.half_widths[key95];
  });
  return {
    point,
    lower_80: point - half80,
    upper_80: point + half80,
    lower_95: point - half95,
    upper_95: point + half95
  };
}

/**
 * The month `step` months after the history of a series (step 1 = the month after its last month).
 *
 * @example
 * stepMonth({first_month: "2024-04-01", n: 31}, 1); // "2026-11-01"
 */
export function stepMonth(series: Pick<SeriesForecast, "first_month" | "n">, step: number): string {
  return addMonths(series.first_month, series.n + step - 1);
}
