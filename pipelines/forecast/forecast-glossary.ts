import type {GlossaryEntry} from "../lib/glossary-entry.ts";

export const forecastGlossary: GlossaryEntry[] = [
  {
    metric: "won_amount",
    title: "Monthly won revenue",
    title_zh: "月度成交金额",
    definition:
      "Σ amount of the opportunities won in the month (close date, UTC), 0 for a month without a win. The history " +
      "starts at the first month beginning after the earliest opportunity's creation + the 90th percentile of won " +
      "sales cycles (before that the months miss deals created before the export began). The month holding the " +
      "latest export is to date and never an observation the forecast is fitted on: the series fitted ends with " +
      "the last complete month.",
    grain: "one row per month × currency",
    pipeline: "monthlyRevenue"
  },
  {
    metric: "won_to_date",
    title: "Won so far",
    title_zh: "至今已赢单",
    definition:
      "Σ amount of the deals won in a period that has begun, from its first day up to the end of the latest " +
      "export's day (UTC, half-open: closed before the day after the export) — the boundary of the site's " +
      "periods, so a deal closed on the export day counts in won so far, this quarter and year to date alike. " +
      "Every forecast of a period that has begun includes it.",
    grain: "one row per month or quarter × currency",
    pipeline: "regressionForecast"
  },
  {
    metric: "forecast_amount",
    title: "Revenue forecast",
    title_zh: "收入预测",
    definition:
      "Least-squares regression of monthly won revenue on a trend and, with ≥ 24 months of history, month-of-year " +
      "terms; additive, or multiplicative (on log revenue, back-transformed to the median) as a rolling backtest " +
      "of both chooses. Shown unless its backtest WAPE is worse than seasonal naive's, when seasonal naive (same " +
      "month last year) is shown instead. A period's forecast is never below what is already won in it: it is " +
      "won so far + the forecast of what remains. A quarter adds its complete months' actual revenue; the month " +
      "in progress is its won-to-date + s × the model's forecast of the whole month, s = the share of its days " +
      "after the export day (on November 20, 10/30), its interval scaled by s alike.",
    grain: "one row per month or quarter × currency",
    pipeline: "regressionForecast"
  },
  {
    metric: "lower_80",
    title: "Prediction interval (80 %, 95 %)",
    title_zh: "预测区间",
    definition:
      "Regression: ŷ ± t(1 − α/2, n − p) · s · √(1 + x₀'(X'X)⁻¹x₀), s² the residual variance, x₀'(X'X)⁻¹x₀ the " +
      "leverage of the month (a quarter: k + S'(X'X)⁻¹S, S the sum of its rows); multiplicative: exp of the log " +
      "bounds, a quarter the sum of its months' bounds. Seasonal naive: ± z · σ̂ · √(⌊(h − 1)/12⌋ + 1). " +
      "Pipeline: ± z · √Σ amount² p(1 − p). The forecast part of a bound is clamped at 0, so no bound falls " +
      "below what is already won.",
    grain: "one row per month or quarter × currency",
    pipeline: "regressionForecast"
  },
  {
    metric: "wape_pct",
    title: "Backtest error (WAPE)",
    title_zh: "回测误差（加权绝对百分比误差）",
    definition:
      "Rolling-origin backtest: from each of the last ≤ 24 months (training ≥ 12 months, 24 when six origins " +
      "remain), each model is fitted on the months before it only and forecasts 1–3 months ahead. " +
      "WAPE = 100 × Σ|f − a| / Σ|a|.",
    grain: "one row per currency × model × horizon",
    pipeline: "forecastBacktest"
  },
  {
    metric: "mape_pct",
    title: "Backtest error (MAPE)",
    title_zh: "回测误差（平均绝对百分比误差）",
    definition:
      "100 × mean(|f − a| / |a|) over the backtest forecasts of months with revenue (a = 0 left out, counted).",
    grain: "one row per currency × model × horizon",
    pipeline: "forecastBacktest"
  },
  {
    metric: "mase",
    title: "Backtest error (MASE)",
    title_zh: "回测误差（平均绝对标度误差）",
    definition:
      "mean(|f − a| / scale), scale = the training window's in-sample seasonal naive error mean|y(t) − y(t − 12)| " +
      "(naive, lag 1, with less than 24 months); below 1 the model beats that baseline.",
    grain: "one row per currency × model × horizon",
    pipeline: "forecastBacktest"
  },
  {
    metric: "bias_pct",
    title: "Backtest bias",
    title_zh: "回测偏差",
    definition: "100 × Σ(f − a) / Σ|a| over the backtest forecasts: positive when the model forecasts too high.",
    grain: "one row per currency × model × horizon",
    pipeline: "forecastBacktest"
  },
  {
    metric: "expected_amount",
    title: "Pipeline forecast",
    title_zh: "商机预测",
    definition:
      "Σ open amount × learned stage probability (opportunities closed in the last 365 days), by expected close " +
      "month; overdue expected close dates count in the month holding now, whose forecast (forecast_amount) adds " +
      "what is already won in it. Interval: normal approximation with variance Σ amount² · p(1 − p) (each deal " +
      "won or lost independently), shifted by what is won.",
    grain: "one row per expected close month or quarter × currency",
    pipeline: "pipelineForecast"
  },
  {
    metric: "combined_amount",
    title: "Combined quarter forecast",
    title_zh: "本季度综合预测",
    definition:
      "Won in the quarter so far (up to the end of the export day) + pipeline forecast of the quarter + run-rate " +
      "(revenue won in the days still to come, a year earlier, by deals created within them), with the " +
      "pipeline's interval, never below what is won; beside the statistical forecast.",
    grain: "one row per currency",
    pipeline: "combinedQuarter"
  },
  {
    metric: "accuracy_rate",
    title: "Forecast accuracy",
    title_zh: "预测准确率",
    definition:
      "For each ingest snapshot, the pipeline forecast it gave for its month and later months (won by then + Σ " +
      "open amount × stage probability as of then) against the revenue won: max(0, 1 − |actual − forecast| / actual).",
    grain: "one row per ingest × target month × currency",
    pipeline: "forecastAccuracy"
  }
];
