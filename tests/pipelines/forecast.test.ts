import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  combinedQuarter,
  forecast,
  forecastAccuracy,
  forecastBacktest,
  monthlyRevenue,
  pipelineForecast,
  regressionForecast
} from "../../pipelines/forecast.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

/**
 * now = 2025-05-10. R1 (team East, source web), R2 (team West, source partner).
 * Won (created → closed), cycles 1 day unless said (May 10 is day 10 of 31: 21/31 of May remains):
 *   W0 R1 100 CNY 2024-12-31 00:00 → 12-31 12:00 (before the history starts)
 *   W1 R1 100 CNY 01-15   W2 R2 50 CNY 01-20   W3 R1 120 CNY 03-05
 *   W4 R1 140 CNY created 03-10 → won 04-10 (31 days)   W5 R2 30 USD 04-11   W6 R1 60 CNY 05-03 (this month)
 *   W7 R1 999 CNY closes 05-20, after now: not won yet as far as the report knows
 * Lost: L0 potential 2024-12-01 → 12-05, L1 potential → 02-10, L2 reached intent → 03-10, L3 reached negotiation → 04-20.
 * Ramp-up: earliest creation 2024-12-01 (L0); won cycles 0.5, 1, 1, 1, 31, 1, 1, 1 → sorted [0.5 1 1 1 1 1 1 31],
 *   p90 = 1 + 0.3 · 30 = 10 days → 2024-12-11 → the history starts 2025-01.
 * CNY history Jan–Apr: 150, 0, 120, 140; May to date 60. USD: 0, 0, 0, 30.
 * Open now: O1 negotiation 100 due 05-25; O2 intent 200 due 06-15; O3 potential 50 due 03-01 (overdue);
 *   O4 negotiation 80 due 05-05 (overdue, this month); O5 potential 40, no date; O6 intent 70 due 08-10.
 * Learned probabilities at now (closed in the year before): won W0–W6 (7), lost L0–L3 (4):
 *   potential 7/11, intent (won + L2 + L3) 7/9, negotiation (won + L3) 7/8.
 * Two ingests: 2025-03-15 (the snapshot below) and 2025-05-10 (the open opportunities as today).
 */
const FIXTURE = `
INSERT INTO reps (rep_id, name, team, region, _ingest_id, _file, _line) VALUES
  ('R1', 'Rep One', 'East', 'Shanghai', 2, 'r', 1), ('R2', 'Rep Two', 'West', 'Chengdu', 2, 'r', 2);
INSERT INTO opportunities (opportunity_id, owner_rep_id, source, stage, outcome, amount, currency, created_at,
  expected_close_at, closed_at, _ingest_id, _file, _line) VALUES
  ('W0', 'R1', 'web', 'won', 'won', 100, 'CNY', '2024-12-31 00:00', NULL, '2024-12-31 12:00', 2, 'f', 1),
  ('W1', 'R1', 'web', 'won', 'won', 100, 'CNY', '2025-01-14', NULL, '2025-01-15', 2, 'f', 2),
  ('W2', 'R2', 'partner', 'won', 'won', 50, 'CNY', '2025-01-19', NULL, '2025-01-20', 2, 'f', 3),
  ('W3', 'R1', 'web', 'won', 'won', 120, 'CNY', '2025-03-04', NULL, '2025-03-05', 2, 'f', 4),
  ('W4', 'R1', 'web', 'won', 'won', 140, 'CNY', '2025-03-10', NULL, '2025-04-10', 2, 'f', 5),
  ('W5', 'R2', 'partner', 'won', 'won', 30, 'USD', '2025-04-10', NULL, '2025-04-11', 2, 'f', 6),
  ('W6', 'R1', 'web', 'won', 'won', 60, 'CNY', '2025-05-02', NULL, '2025-05-03', 2, 'f', 7),
  ('W7', 'R1', 'web', 'won', 'won', 999, 'CNY', '2025-05-19', NULL, '2025-05-20', 2, 'f', 8),
  ('L0', 'R2', 'partner', 'lost', 'lost', 10, 'CNY', '2024-12-01', NULL, '2024-12-05', 2, 'f', 9),
  ('L1', 'R2', 'partner', 'lost', 'lost', 10, 'CNY', '2025-02-01', NULL, '2025-02-10', 2, 'f', 10),
  ('L2', 'R2', 'partner', 'lost', 'lost', 10, 'CNY', '2025-02-01', NULL, '2025-03-10', 2, 'f', 11),
  ('L3', 'R1', 'web', 'lost', 'lost', 100, 'CNY', '2025-03-01', '2025-04-30', '2025-04-20', 2, 'f', 12),
  ('O1', 'R1', 'web', 'negotiation', 'open', 100, 'CNY', '2025-04-01', '2025-05-25', NULL, 2, 'f', 13),
  ('O2', 'R1', 'web', 'intent', 'open', 200, 'CNY', '2025-04-02', '2025-06-15', NULL, 2, 'f', 14),
  ('O3', 'R2', 'partner', 'potential', 'open', 50, 'CNY', '2025-02-20', '2025-03-01', NULL, 2, 'f', 15),
  ('O4', 'R1', 'web', 'negotiation', 'open', 80, 'CNY', '2025-04-03', '2025-05-05', NULL, 2, 'f', 16),
  ('O5', 'R2', 'partner', 'potential', 'open', 40, 'CNY', '2025-04-04', NULL, NULL, 2, 'f', 17),
  ('O6', 'R1', 'web', 'intent', 'open', 70, 'CNY', '2025-04-05', '2025-08-10', NULL, 2, 'f', 18);
INSERT INTO stage_history (opportunity_id, stage, entered_at, _ingest_id, _file, _line) VALUES
  ('L2', 'potential', '2025-02-01', 2, 'h', 1), ('L2', 'intent', '2025-02-15', 2, 'h', 2), ('L2', 'lost', '2025-03-10', 2, 'h', 3),
  ('L3', 'potential', '2025-03-01', 2, 'h', 4), ('L3', 'intent', '2025-03-10', 2, 'h', 5),
  ('L3', 'negotiation', '2025-04-01', 2, 'h', 6), ('L3', 'lost', '2025-04-20', 2, 'h', 7);
INSERT INTO ingests VALUES
  (1, '2025-03-15', '2025-03-15', '2025-03-15', 1, 5, 5, 0, 'loaded', NULL, 0),
  (2, '2025-05-10', '2025-05-10', '2025-05-10', 1, 18, 18, 0, 'loaded', NULL, 0);
-- the first export: W3 won already, W4 and L3 open in intent due in April, O3 overdue
INSERT INTO opportunity_snapshots VALUES
  (1, '2025-03-15', 'W3', 'won', 'won', 120, 'CNY', NULL),
  (1, '2025-03-15', 'W4', 'intent', 'open', 150, 'CNY', '2025-04-15'),
  (1, '2025-03-15', 'L3', 'intent', 'open', 100, 'CNY', '2025-04-30'),
  (1, '2025-03-15', 'O3', 'potential', 'open', 50, 'CNY', '2025-03-01');
INSERT INTO opportunity_snapshots
  SELECT 2, '2025-05-10', opportunity_id, stage, outcome, amount, currency, expected_close_at FROM opportunities WHERE outcome = 'open';`;

const NOW = "2025-05-10T00:00:00Z";
let warehouse: {connection: DuckDBConnection; close(): void};
let ctx: PipelineContext;

beforeAll(async () => {
  warehouse = await emptyWarehouse();
  await warehouse.connection.run(FIXTURE);
  ctx = {connection: warehouse.connection, period: {start: "2025-01-01", end: "2025-07-01"}, now: NOW};
});
afterAll(() => warehouse.close());

describe("monthlyRevenue(ctx)", () => {
  it("sums won amounts by close month and currency from the end of the ramp-up to now, with empty months as 0", async () => {
    const {rows, missing} = await monthlyRevenue(ctx);
    expect(missing).toEqual([]);
    const compact = rows.map((r) => [r.month, r.currency, r.count_won, r.won_amount, r.is_complete]);
    expect(compact).toEqual([
      ["2025-01-01", "CNY", 2, 150, true],
      ["2025-01-01", "USD", 0, 0, true],
      ["2025-02-01", "CNY", 0, 0, true],
      ["2025-02-01", "USD", 0, 0, true],
      ["2025-03-01", "CNY", 1, 120, true],
      ["2025-03-01", "USD", 0, 0, true],
      ["2025-04-01", "CNY", 1, 140, true],
      ["2025-04-01", "USD", 1, 30, true],
      // May so far: W6; W7 closes after now
      ["2025-05-01", "CNY", 1, 60, false],
      ["2025-05-01", "USD", 0, 0, false]
    ]);
  });

  it("filters by team and channel, and keeps to the period", async () => {
    const east = await monthlyRevenue({...ctx, filters: {team: "East"}});
    expect(east.rows.map((r) => [r.month, r.won_amount])).toEqual([
      ["2025-01-01", 100],
      ["2025-02-01", 0],
      ["2025-03-01", 120],
      ["2025-04-01", 140],
      ["2025-05-01", 60]
    ]);
    const partner = await monthlyRevenue({
      ...ctx,
      filters: {channel: "partner"},
      period: {start: "2025-01-01", end: "2025-02-01"}
    });
    expect(partner.rows.map((r) => [r.month, r.currency, r.won_amount])).toEqual([
      ["2025-01-01", "CNY", 50],
      ["2025-01-01", "USD", 0]
    ]);
  });
});

describe("regressionForecast(ctx, options)", () => {
  it("fits a trend only on four months and gives its prediction interval", async () => {
    // CNY y = 150 0 120 140 at t = 1…4: slope Sxy/Sxx = 45/5 = 9, intercept 102.5 − 22.5 = 80;
    // residuals 61 −98 13 24 → RSS 14070, s² = 7035 (df 2). May (t = 5): 125; leverage 1/4 + 2.5²/5 = 1.5;
    // se = √(7035 · 2.5) = 132.6178; 95 %: ± qt(0.975, 2) · se = ± 4.302653 · 132.6178 = ± 570.6086
    // R: predict(lm(y ~ t), data.frame(t = 5), interval = "prediction") → 125 [−445.6086, 695.6086]; 80 %: [−125.0667, 375.0667]
    // May is under way: won to date 60 + 21/31 of the month's forecast and of its bounds (w = 21/31 scales ŷ and se):
    // 60 + 125 · 21/31 = 144.68; 80 % upper 60 + 375.0667 · 21/31 = 314.08; 95 % upper 60 + 695.6086 · 21/31 = 531.22
    const {rows} = await regressionForecast(ctx, {horizon: 2});
    const may = rows.find((r) => r.currency === "CNY" && r.period_start === "2025-05-01")!;
    expect(may).toMatchObject({
      grain: "month",
      model: "regression",
      regression_form: "additive",
      has_month_terms: false,
      won_to_date: 60,
      count_months_actual: 0,
      forecast_amount: 144.68,
      // what remains is not negative: lower bounds clamped at what is won
      lower_80: 60,
      lower_95: 60,
      upper_80: 314.08,
      upper_95: 531.22,
      regression_amount: 144.68,
      seasonal_naive_amount: null,
      count_history_months: 4,
      note: "regression (additive) shown without a backtest: 4 months of history, 14 needed"
    });
    expect(rows.map((r) => [r.currency, r.period_start])).toEqual([
      ["CNY", "2025-05-01"],
      ["CNY", "2025-06-01"],
      ["USD", "2025-05-01"],
      ["USD", "2025-06-01"]
    ]);
    // June: 80 + 9 · 6 = 134
    expect(rows[1].forecast_amount).toBe(134);
  });

  it("forecasts the quarter from what is won so far and the forecast of the rest", async () => {
    // Q2: won to date April 140 + May so far 60 = 200; the rest: 21/31 of May 125 + June 134 = 84.677 + 134 = 218.677
    // → 418.68. Interval of w · May + June, w = 21/31: S = w · (1, 5) + (1, 6) = (52/31, 291/31),
    // S'(X'X)⁻¹S with (X'X)⁻¹ = [[1.5, −0.5], [−0.5, 0.2]] = (1.5 · 2704 − 52 · 291 + 0.2 · 84681) / 961 = 6.098023;
    // + Σw² = 441/961 + 1 = 1.458897 → 7.556920; se = √(7035 · 7.556920) = 230.5709; 95 %: ± 4.302653 · 230.5709 = ± 992.066
    // R: se <- sqrt(7035 * (sum(w^2) + t(s) %*% solve(t(X) %*% X) %*% s)); qt(0.975, 2) * se
    const {rows} = await regressionForecast(ctx, {grain: "quarter", horizon: 1});
    expect(rows[0]).toMatchObject({
      grain: "quarter",
      period_start: "2025-04-01",
      currency: "CNY",
      won_to_date: 200,
      count_months_actual: 1,
      forecast_amount: 418.68,
      upper_95: 1410.74, // 200 + 218.677 + 992.066
      lower_95: 200 // 218.677 − 992.066 < 0: clamped at what is won
    });
    // USD: y = 0 0 0 30 → ŷ = −15 + 9t: May 30, June 39; won to date 30 (April); quarter 30 + 30 · 21/31 + 39 = 89.32
    expect(rows[1]).toMatchObject({currency: "USD", forecast_amount: 89.32, won_to_date: 30});
  });

  it("forecasts a filtered series: team East", async () => {
    // East y = 100 0 120 140: ȳ = 90, Sxy = (−1.5)(10) + (−0.5)(−90) + 0.5 · 30 + 1.5 · 50 = 120, slope 24, intercept 30;
    // May: 30 + 120 = 150, of which 21/31 remain after East's 60 won so far: 60 + 150 · 21/31 = 161.61
    const {rows} = await regressionForecast({...ctx, filters: {team: "East"}}, {horizon: 1});
    expect(rows.map((r) => [r.currency, r.forecast_amount])).toEqual([["CNY", 161.61]]);
  });
});

describe("forecastBacktest(ctx)", () => {
  it("has nothing to score on four months of history", async () => {
    const {rows} = await forecastBacktest(ctx);
    // 2 currencies × 8 models (as shown, combination, 6 candidates) × 4 horizon rows, none with a forecast
    expect(rows).toHaveLength(64);
    expect(rows.every((r) => r.count_forecasts === 0 && r.wape_pct === null)).toBe(true);
    // the regression is shown untested: no backtest row is that of the forecast shown
    expect(rows.filter((r) => r.is_shown)).toEqual([]);
  });
});

describe("pipelineForecast(ctx, options)", () => {
  it("weights the open amounts by the learned stage probability, by expected close month, overdue ones now", async () => {
    const {rows, missing} = await pipelineForecast(ctx);
    expect(missing).toEqual([]);
    expect(rows.map((r) => [r.period_start, r.count_opportunities, r.count_overdue, r.open_amount])).toEqual([
      ["2025-05-01", 3, 2, 230], // O1, O3 (due 03-01), O4 (due 05-05)
      ["2025-06-01", 1, 0, 200],
      ["2025-08-01", 1, 0, 70],
      [null, 1, 0, 40]
    ]);
    // May: 100 · 7/8 + 50 · 7/11 + 80 · 7/8 = 87.5 + 31.818 + 70 = 189.318
    // variance 100² · 7/8 · 1/8 + 50² · 7/11 · 4/11 + 80² · 7/64 = 1093.75 + 578.512 + 700 = 2372.262, sd 48.706
    const may = rows[0];
    expect(may.expected_amount).toBeCloseTo(189.32, 2);
    expect(may.sd_amount).toBeCloseTo(48.71, 2);
    // May has begun: W6 60 won so far, added to the forecast and its bounds
    expect(may).toMatchObject({won_to_date: 60, count_won_to_date: 1, forecast_amount: 249.32});
    // 80 %: 60 + (189.318 ∓ 1.281552 · 48.706 = 126.90 … 251.74, the upper bound clamped at the 230 open)
    expect(may.lower_80).toBeCloseTo(186.9, 1);
    expect(may.upper_80).toBe(290);
    // June: 200 · 7/9 = 155.56, sd √(200² · 7/9 · 2/9) = 83.15; 95 % upper 155.56 + 1.96 · 83.15 = 318.5 > 200: clamped at 200
    // nothing won in it yet: the forecast is the expected amount
    expect(rows[1]).toMatchObject({expected_amount: 155.56, sd_amount: 83.15, upper_95: 200, won_to_date: 0});
    expect(rows[1].forecast_amount).toBe(155.56);
    // and the 95 % lower bound 155.56 − 1.96 · 83.15 = −7.41 at 0; 80 %: 155.556 − 1.281552 · 83.148 = 48.99
    expect(rows[1].lower_95).toBe(0);
    expect(rows[1].lower_80).toBeCloseTo(155.556 - 1.281552 * 83.148, 1);
    // no close date: 40 · 7/11 = 25.45
    expect(rows[3].expected_amount).toBe(25.45);
  });

  it("adds the months of a quarter, variances and all", async () => {
    const {rows} = await pipelineForecast(ctx, {grain: "quarter"});
    // USD has nothing open but W5 30 won in Q2: a row of its own
    expect(rows.map((r) => [r.period_start, r.currency, r.count_opportunities, r.open_amount, r.won_to_date])).toEqual([
      ["2025-04-01", "CNY", 4, 430, 200],
      ["2025-04-01", "USD", 0, 0, 30],
      ["2025-07-01", "CNY", 1, 70, 0],
      [null, "CNY", 1, 40, 0]
    ]);
    // Q2: 189.318 + 155.556 = 344.87; sd √(2372.262 + 40000 · 14/81) = √9285.84 = 96.36; + W4 140 + W6 60 won
    expect(rows[0].expected_amount).toBe(344.87);
    expect(rows[0].sd_amount).toBeCloseTo(96.36, 2);
    expect(rows[0].forecast_amount).toBe(544.87);
    expect(rows[1]).toMatchObject({expected_amount: 0, forecast_amount: 30, lower_95: 30, upper_95: 30});
  });

  it("filters by channel", async () => {
    // partner: O3 (overdue) and O5 (no date)
    const {rows} = await pipelineForecast({...ctx, filters: {channel: "partner"}});
    expect(rows.map((r) => [r.period_start, r.expected_amount])).toEqual([
      ["2025-05-01", 31.82],
      [null, 25.45]
    ]);
  });
});

describe("combinedQuarter(ctx)", () => {
  it("adds closed to date, the quarter's pipeline and the run-rate, beside the statistical forecast", async () => {
    const {rows} = await combinedQuarter(ctx);
    expect(rows.map((r) => r.currency)).toEqual(["CNY", "USD"]);
    expect(rows[0]).toMatchObject({
      quarter_start: "2025-04-01",
      quarter_end: "2025-07-01",
      as_of: NOW,
      days_remaining: 51, // May 11 … June 30: the export day is known
      closed_to_date: 200, // W4 140 + W6 60
      count_won_to_date: 2,
      pipeline_expected: 344.87,
      count_pipeline_opportunities: 4,
      // the export starts 2024-12-01: it does not reach back a year
      run_rate_amount: null,
      combined_amount: 544.87,
      statistical_amount: 418.68,
      statistical_model: "regression"
    });
    expect(rows[0].lower_80).toBeCloseTo(200 + 344.874 - 1.281552 * 96.363, 1);
    expect(rows[1]).toMatchObject({
      closed_to_date: 30,
      pipeline_expected: 0,
      combined_amount: 30,
      statistical_amount: 89.32
    });
  });

  it("estimates the run-rate from the same window a year earlier", async () => {
    // now 2025-05-10, Q2 ends 07-01: the days to come a year earlier, created ≥ 2024-05-11, won < 2024-07-01
    //   X1 created 05-01 (before the window) 100; X2 created 05-20 won 06-10: 200 ✓; X3 won 07-05 (after) 300; X4 won 2025-04-20: 50
    const other = await emptyWarehouse();
    try {
      await other.connection
        .run(`INSERT INTO opportunities (opportunity_id, stage, outcome, amount, currency, created_at, closed_at,
        _ingest_id, _file, _line) VALUES
        ('X1', 'won', 'won', 100, 'CNY', '2024-05-01', '2024-05-05', 1, 'f', 1),
        ('X2', 'won', 'won', 200, 'CNY', '2024-05-20', '2024-06-10', 1, 'f', 2),
        ('X3', 'won', 'won', 300, 'CNY', '2024-06-25', '2024-07-05', 1, 'f', 3),
        ('X4', 'won', 'won', 50, 'CNY', '2025-04-01', '2025-04-20', 1, 'f', 4)`);
      const {rows} = await combinedQuarter({...ctx, connection: other.connection});
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        closed_to_date: 50,
        run_rate_amount: 200,
        pipeline_expected: 0,
        combined_amount: 250
      });
    } finally {
      other.close();
    }
  });
});

describe("forecastAccuracy(ctx)", () => {
  it("sets what the pipeline forecast said at an earlier ingest against what was won", async () => {
    // ingest 1 (2025-03-15); probabilities learned then: closed before it W0–W3 won, L0 L1 L2 lost →
    //   potential 4/7, intent (won + L2) 4/5, negotiation 4/4
    // March: won before the export W3 120 + O3 (overdue) 50 · 4/7 = 28.571 → 148.57; actual 120 → 1 − 28.57/120 = 0.7619
    // April: W4 150 · 4/5 + L3 100 · 4/5 = 200; actual W4 140 → 1 − 60/140 = 0.5714
    // USD: nothing forecast; March nothing won (accuracy undefined), April 30 won → 0
    // ingest 2 (2025-05-10) is in the month holding now: nothing complete to check yet
    const {rows, missing} = await forecastAccuracy(ctx);
    expect(missing).toEqual([]);
    expect(rows.map((r) => [r.ingest_id, r.target_month, r.lead_months, r.currency, r.closed_to_date])).toEqual([
      [1, "2025-03-01", 0, "CNY", 120],
      [1, "2025-03-01", 0, "USD", 0],
      [1, "2025-04-01", 1, "CNY", 0],
      [1, "2025-04-01", 1, "USD", 0]
    ]);
    expect(rows[0]).toMatchObject({
      pipeline_expected: 28.57,
      forecast_amount: 148.57,
      actual_amount: 120,
      error_amount: 28.57
    });
    expect(rows[0].accuracy_rate).toBeCloseTo(1 - 28.5714 / 120, 4);
    expect(rows[1].accuracy_rate).toBeNull();
    expect(rows[2]).toMatchObject({pipeline_expected: 200, forecast_amount: 200, actual_amount: 140});
    expect(rows[2].accuracy_rate).toBeCloseTo(1 - 60 / 140, 12);
    expect(rows[3]).toMatchObject({forecast_amount: 0, actual_amount: 30, accuracy_rate: 0});
  });

  it("keeps to the target months of the period and the filters", async () => {
    const {rows} = await forecastAccuracy({
      ...ctx,
      period: {start: "2025-04-01", end: "2025-05-01"},
      filters: {team: "East"}
    });
    // East: W4 and L3 (R1); O3 is West's
    expect(rows.map((r) => [r.target_month, r.currency, r.forecast_amount, r.actual_amount])).toEqual([
      ["2025-04-01", "CNY", 200, 140]
    ]);
  });

  it("says what is missing without an old enough ingest, or without snapshots", async () => {
    const early = await forecastAccuracy({...ctx, now: "2025-03-20T00:00:00Z"});
    expect(early).toEqual({rows: [], missing: ["opportunity_snapshots: needs an ingest before the month holding now"]});
    const empty = await emptyWarehouse();
    try {
      expect(await forecastAccuracy({...ctx, connection: empty.connection})).toEqual({
        rows: [],
        missing: ["opportunity_snapshots"]
      });
    } finally {
      empty.close();
    }
  });
});

describe("forecast(ctx) and data after now", () => {
  it("cannot leak a spike after now into the history, the forecast or its backtest", async () => {
    // as of 2025-04-05 the history is January–March; a huge deal won 04-20, and a long-cycle one, must change nothing
    const early = {...ctx, now: "2025-04-05T00:00:00Z"};
    const before = await forecast(early);
    const spiked = await emptyWarehouse();
    try {
      await spiked.connection.run(FIXTURE);
      await spiked.connection
        .run(`INSERT INTO opportunities (opportunity_id, owner_rep_id, source, stage, outcome, amount, currency,
        created_at, closed_at, _ingest_id, _file, _line) VALUES
        ('S1', 'R1', 'web', 'won', 'won', 1000000, 'CNY', '2025-04-19', '2025-04-20', 2, 'f', 19),
        ('S2', 'R1', 'web', 'won', 'won', 5000, 'CNY', '2025-01-02', '2025-04-30', 2, 'f', 20)`);
      const after = await forecast({...early, connection: spiked.connection});
      // CNY only (USD's first win is on 04-11): January–March and April so far
      expect(before.monthly_revenue.rows.map((r) => [r.month, r.won_amount])).toEqual([
        ["2025-01-01", 150],
        ["2025-02-01", 0],
        ["2025-03-01", 120],
        ["2025-04-01", 0]
      ]);
      for (const key of [
        "monthly_revenue",
        "forecast_monthly",
        "forecast_quarterly",
        "backtest",
        "backtest_forecasts"
      ] as const)
        expect(after[key], key).toEqual(before[key]);
    } finally {
      spiked.close();
    }
  });
});

describe("forecast(ctx) on edge cases", () => {
  it("returns empty results on an empty warehouse, never zeros", async () => {
    const empty = await emptyWarehouse();
    try {
      const results = await forecast({...ctx, connection: empty.connection});
      for (const [name, result] of Object.entries(results)) expect(result.rows, name).toEqual([]);
      expect(results.accuracy.missing).toEqual(["opportunity_snapshots"]);
      expect(results.pipeline_monthly.missing).toEqual(["stage_history"]);
    } finally {
      empty.close();
    }
  });

  it("has no history for a single won opportunity: it falls in its own ramp-up", async () => {
    const one = await emptyWarehouse();
    try {
      await one.connection
        .run(`INSERT INTO opportunities (opportunity_id, stage, outcome, amount, currency, created_at, closed_at,
        _ingest_id, _file, _line) VALUES ('A', 'won', 'won', 10, 'CNY', '2025-03-01', '2025-03-02', 1, 'f', 1)`);
      // the history starts after 2025-03-01 + 1 day (its own cycle): April, after its win
      const results = await forecast({...ctx, connection: one.connection});
      expect(results.monthly_revenue.rows).toEqual([]);
      expect(results.forecast_monthly.rows).toEqual([]);
      // the quarter has nothing won, in the pipeline or forecast — zeros that are true — and no run-rate
      expect(results.combined_quarter.rows).toMatchObject([
        {currency: "CNY", closed_to_date: 0, pipeline_expected: 0, run_rate_amount: null, statistical_amount: null}
      ]);
    } finally {
      one.close();
    }
  });

  it("forecasts from three months, the fewest a trend can be fitted on", async () => {
    const three = await emptyWarehouse();
    try {
      // a lost deal created 2025-01-01 opens the export; the won one's 1-day cycle → history from February:
      // Feb 0, Mar 10, Apr 0 → ŷ = 10/3 + 0 · t, a flat line; May: nothing won so far + 10/3 · 21/31 = 2.26
      await three.connection
        .run(`INSERT INTO opportunities (opportunity_id, stage, outcome, amount, currency, created_at, closed_at,
        _ingest_id, _file, _line) VALUES ('L', 'lost', 'lost', 5, 'CNY', '2025-01-01', '2025-01-05', 1, 'f', 1),
        ('A', 'won', 'won', 10, 'CNY', '2025-03-01', '2025-03-02', 1, 'f', 2)`);
      const {rows} = await regressionForecast({...ctx, connection: three.connection}, {horizon: 1});
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({period_start: "2025-05-01", count_history_months: 3, forecast_amount: 2.26});
    } finally {
      three.close();
    }
  });

  it("agrees with itself: the aggregate equals the pipelines called one by one", async () => {
    const results = await forecast(ctx);
    expect(results.pipeline_quarterly).toEqual(await pipelineForecast(ctx, {grain: "quarter"}));
    expect(results.forecast_monthly).toEqual(await regressionForecast(ctx));
    expect(results.combined_quarter).toEqual(await combinedQuarter(ctx));
    expect(results.accuracy).toEqual(await forecastAccuracy(ctx));
  });
});
