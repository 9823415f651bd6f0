import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {forecast, forecastRevenueSeries, monthlyRevenue, type ForecastResults} from "../../pipelines/forecast.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {weightedPipeline} from "../../pipelines/pipeline.ts";
import {sampleWarehouse} from "./sample-warehouse.ts";

let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
let ctx: PipelineContext;
let results: ForecastResults;

beforeAll(async () => {
  warehouse = await sampleWarehouse();
  ctx = warehouse.context({start: "2024-01-01", end: "2027-01-01"});
  results = await forecast(ctx);
});
afterAll(() => warehouse.close());

const pooled = (model: string) => results.backtest.rows.find((r) => r.model === model && r.horizon_months === null)!;

describe("forecast(ctx) on the sample", () => {
  it("matches the golden output", async () => {
    await expect(JSON.stringify(results, null, 2)).toMatchFileSnapshot("./__snapshots__/forecast.json");
  });

  it("backtests the forecast as shown, model choice included, better than naive on WAPE and MASE", () => {
    // 31 months of history (2024-04 … 2026-10): targets 2026-05 … 2026-10 at horizons 1–3, 18 forecasts
    expect(pooled("as_shown").count_forecasts).toBe(18);
    expect(pooled("as_shown").wape_pct!).toBeLessThan(pooled("naive").wape_pct!);
    expect(pooled("as_shown").mase!).toBeLessThan(pooled("naive").mase!);
    for (const horizon of [1, 2, 3]) {
      const row = (model: string) =>
        results.backtest.rows.find((r) => r.model === model && r.horizon_months === horizon)!;
      expect(row("as_shown").count_forecasts).toBe(6);
      expect(row("as_shown").first_target_month).toBe("2026-05-01");
      expect(row("as_shown").wape_pct!).toBeLessThan(row("naive").wape_pct!);
    }
  });

  it("shows the procedure, says which model it uses per horizon, and reports its intervals' coverage", () => {
    const shown = results.backtest.rows.filter((r) => r.is_shown && r.horizon_months === null);
    expect(shown.map((r) => r.model)).toEqual(["as_shown"]);
    for (const row of [...results.forecast_monthly.rows, ...results.forecast_quarterly.rows]) {
      expect(row.model).toBe("procedure");
      expect(row.horizon_models).toHaveLength(3);
      expect(row.note).toMatch(
        /^procedure shown \(.+ for 1–3 months ahead\): backtest WAPE .+ as shown, seasonal naive /
      );
    }
    expect(results.coverage.rows.map((r) => [r.level, r.count_forecasts])).toEqual([
      [80, 18],
      [95, 18]
    ]);
  });

  it("shows the seasons the generator built in: a December peak and a February dip", () => {
    const months = results.monthly_revenue.rows.filter((r) => r.is_complete);
    expect(months[0].month).toBe("2024-04-01"); // the ramp-up months 2024-01 … 03 are left out
    const byYear = (year: string) => months.filter((r) => r.month.startsWith(year)).map((r) => r.won_amount);
    const of = (month: string) => months.find((r) => r.month === month)!.won_amount;
    for (const year of ["2024", "2025"]) expect(of(`${year}-12-01`)).toBe(Math.max(...byYear(year)));
    expect(of("2026-02-01")).toBe(Math.min(...byYear("2026")));
    expect(of("2025-02-01")).toBeLessThan(of("2025-01-01") / 2);
  });

  it("fits month terms whose December effect is the largest and February's negative", async () => {
    const [{forecast: series}] = await forecastRevenueSeries(ctx.connection, undefined, ctx.now);
    expect(series.regression!.has_month_terms).toBe(true);
    // coefficients: intercept, trend, then February … December (January baseline)
    const effects = series.regression!.fit.coefficients.slice(2);
    expect(effects[10]).toBe(Math.max(...effects)); // December
    expect(effects[0]).toBeLessThan(0); // February
    // and the forecast follows: December 2026 above every other month of the next year, February 2027 the lowest
    const monthly = results.forecast_monthly.rows;
    const amount = (month: string) => monthly.find((r) => r.period_start === month)!.forecast_amount;
    expect(amount("2026-12-01")).toBe(Math.max(...monthly.map((r) => r.forecast_amount)));
    expect(amount("2027-02-01")).toBe(Math.min(...monthly.map((r) => r.forecast_amount)));
  });

  it("reconciles: the pipeline forecast with the weighted pipeline, the combined quarter with the months", async () => {
    const weighted = await weightedPipeline(ctx);
    const total = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0);
    expect(total(results.pipeline_monthly.rows.map((r) => r.expected_amount))).toBeCloseTo(
      total(weighted.rows.map((r) => r.weighted_amount!)),
      0
    );
    expect(total(results.pipeline_monthly.rows.map((r) => r.open_amount))).toBe(
      total(weighted.rows.map((r) => r.amount))
    );
    const [combined] = results.combined_quarter.rows;
    const revenue = (month: string) => results.monthly_revenue.rows.find((r) => r.month === month)!.won_amount;
    expect(combined.closed_to_date).toBe(revenue("2026-10-01") + revenue("2026-11-01"));
    expect(combined.pipeline_expected).toBe(results.pipeline_quarterly.rows[0].expected_amount);
    expect(combined.statistical_amount).toBe(results.forecast_quarterly.rows[0].forecast_amount);
    // overdue deals count in November
    expect(results.pipeline_monthly.rows[0].count_overdue).toBe(16);
  });

  it("splits by team and channel into parts that add up to the company", async () => {
    const company = results.monthly_revenue.rows.map((r) => r.won_amount);
    for (const dimension of ["team", "channel"] as const) {
      const column = dimension === "team" ? "r.team" : "o.source";
      const reader = await ctx.connection.runAndReadAll(
        `SELECT DISTINCT ${column} FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id WHERE ${column} IS NOT NULL`
      );
      const sums = company.map(() => 0);
      for (const [value] of reader.getRows()) {
        const {rows} = await monthlyRevenue({...ctx, filters: {[dimension]: String(value)}});
        for (const row of rows)
          sums[results.monthly_revenue.rows.findIndex((r) => r.month === row.month)] += row.won_amount;
      }
      expect(sums).toEqual(company);
    }
  });

  it("is deterministic", async () => {
    expect(JSON.stringify(await forecast(ctx))).toBe(JSON.stringify(results));
  });

  it("says the sample has no earlier ingest to check forecasts against", () => {
    expect(results.accuracy).toEqual({
      rows: [],
      missing: ["opportunity_snapshots: needs an ingest before the month holding now"]
    });
  });
});
