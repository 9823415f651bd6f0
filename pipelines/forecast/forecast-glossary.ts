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
      "Made by seasonal naive (same month last year) unless another model forecast this history's own past " +
      "clearly better — a backtest WAPE at most 0.9 × seasonal naive's; then by the best of those. Chosen " +
      "separately for 1, 2 and 3 months ahead (further ahead: the 3-month choice), among naive (last month), the " +
      "trend-and-month regression (additive, or multiplicative on log revenue), Holt-Winters smoothing (additive " +
      "or multiplicative season, damped trend) and the combination — the mean of the models that did no worse " +
      "than seasonal naive. Smaller leads over two dozen backtest months are as likely luck as skill. With under 14 months nothing can be backtested: " +
      "seasonal naive is shown from 12 months, the regression before. A period's forecast is never below what is already won in it: it is " +
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
      "A range the month should fall in 4 times out of 5 (80 %) or 19 out of 20 (95 %), built from how wrong the " +
      "chosen model was when it forecast the history's own past at that horizon, each error taken as a share of " +
      "the average month of the year before it was made and applied to the average month of the last year: " +
      "normal, ± 1.28 (1.96) × the typical size of those errors (root mean square); or conformal, ± the error " +
      "size not exceeded in 80 % (95 %) of them (the normal width while there are too few errors to tell: under " +
      "4 for 80 %, under 19 for 95 %) — shown instead when the normal interval's coverage missed its level by " +
      "more than 5 points. Beyond 3 months ahead the width grows as √(h / 3); a quarter adds its months' widths. On a " +
      "history too short to backtest: the regression's t-interval or seasonal naive's ± z · σ̂. Pipeline: " +
      "± z · √Σ amount² p(1 − p). The forecast part of a bound is clamped at 0, so no bound falls below what " +
      "is already won, and the interval keeps its width while months remain.",
    grain: "one row per month or quarter × currency",
    pipeline: "regressionForecast"
  },
  {
    metric: "as_shown_wape_pct",
    title: "Accuracy of the forecast as shown",
    title_zh: "所示预测的准确度",
    definition:
      "The forecast judged as a reader would have met it: at each of the last ≤ 24 months the whole procedure " +
      "— backtesting the models, choosing one per horizon, forming the combination — is run again with only the " +
      "months before, and its forecast 1, 2 and 3 months ahead is set against what was won. Its WAPE is the " +
      "headline accuracy; a model's own best backtest below it was picked after the fact and flatters.",
    grain: "one row per currency × horizon",
    pipeline: "forecastBacktest"
  },
  {
    metric: "coverage_pct",
    title: "Interval coverage",
    title_zh: "区间覆盖率",
    definition:
      "In that backtest, the share of months that fell inside the 80 % (95 %) interval made for them beforehand. " +
      "Near 80 % (95 %) the intervals mean what they say; far below, they promise too much certainty — then, " +
      "more than 5 points off, the page shows conformal intervals built from the backtest's own errors and says so.",
    grain: "one row per currency × level",
    pipeline: "forecastCoverageRows"
  },
  {
    metric: "wape_pct",
    title: "Backtest error (WAPE)",
    title_zh: "回测误差（加权绝对百分比误差）",
    definition:
      "Rolling-origin backtest: each of the last ≤ 24 months (training ≥ 12 months, 24 when six months remain " +
      "to score) is forecast 1, 2 and 3 months ahead by each model fitted on the months before it only — every " +
      "horizon on the same months. WAPE = 100 × Σ|f − a| / Σ|a|: the error as a share of revenue.",
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
      "(naive, lag 1, with less than 24 months). Below 1 the model's errors are smaller than that baseline's; " +
      "1 or more (1.05, say) means they are not.",
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
