import {describe, expect, it} from "vitest";
import type {RevenueSeries} from "../../../pipelines/forecast/monthly-revenue.ts";
import {regressionForecastRows} from "../../../pipelines/forecast/regression-forecast.ts";
import {forecastSeries} from "../../../pipelines/forecast/series-forecast.ts";

describe("regressionForecastRows(inputs, options)", () => {
  it("keeps a quarter's interval open while months remain, even when the forecast of the rest is below 0", () => {
    // y = 40 30 20 12 0 at t = 1…5 (February … June): slope Sxy/Sxx = −98/10 = −9.8, intercept 20.4 + 29.4 = 49.8;
    // July – September: −9, −18.8, −28.6, together −56.4; RSS 2.8, s² = 2.8/3 (df 3).
    // S = (3, 21), (X'X)⁻¹ = [[1.1, −0.3], [−0.3, 0.1]]: S'(X'X)⁻¹S = 9.9 − 37.8 + 44.1 = 16.2; se = √(s² · (3 + 16.2)) = √17.92
    // 80 %: ± qt(0.9, 3) · se = 1.637744 · 4.233202 = 6.9329; 95 %: qt(0.975, 3) · se = 3.182446 · 4.233202 = 13.4719.
    // Nothing can be negative: the rest counts as 0 and the interval moves along, keeping its width.
    const values = [40, 30, 20, 12, 0];
    const series: RevenueSeries = {
      currency: "CNY",
      first_month: "2026-02-01",
      current_month: "2026-07-01",
      values,
      counts: values.map(() => 1),
      to_date_end: "2026-07-01",
      current_month_to_date: 0,
      current_month_count_won: 0,
      current_month_share_remaining: 1
    };
    const [quarter] = regressionForecastRows([{series, forecast: forecastSeries(values, "2026-02-01")}], {
      grain: "quarter",
      horizon: 1
    });
    expect(quarter).toMatchObject({period_start: "2026-07-01", model: "regression", forecast_amount: 0, lower_80: 0});
    expect(quarter.upper_80!).toBeCloseTo(6.93, 2);
    expect(quarter.upper_95!).toBeCloseTo(13.47, 2);
  });
});
