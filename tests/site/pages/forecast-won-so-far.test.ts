import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingest} from "../../../loaders/ingest/ingest.ts";
import type {PageSlices} from "../../../site/page-slices.ts";
import {forecastData, historyUntil, type ForecastSlice} from "../../../site/pages/forecast-data.ts";
import {overviewData, type OverviewData} from "../../../site/pages/overview-data.ts";
import {sitePeriods} from "../../../site/site-periods.ts";
import {siteNow} from "../../../site/site-now.ts";
import {openWarehouse, type Warehouse} from "../../../warehouse/open-warehouse.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {forecast, forecastRevenueSeries, type ForecastResults} from "../../../pipelines/forecast.ts";

/**
 * A small export taken on 2026-05-20 (00:00 UTC), ingested as a user would, then the forecast pipeline and the
 * forecast and overview page data. Amounts CNY.
 *
 *   Won (created → closed, cycles of one day):
 *     W0 R1 100 000  2025-12-31 → 2026-01-01    W1 R2 300 000 → 02-10    W2 R1 200 000 → 03-15
 *     W3 R2 400 000 → 04-10    W4 R1 700 000 → 05-05
 *     W5 R2 300 000 → 2026-05-20 16:00: on the export day, sixteen hours after the export time
 *   Lost: L1 R1 50 000 created 01-05, lost 02-01 (only its first stage known).
 *   Open: O1 R1 250 000 in negotiation, expected 2026-06-15. Negotiation was reached by the won deals only
 *     (a won deal reached every stage; L1 only the first): learned probability 1, so O1 is expected whole, sd 0.
 *   R1 is team East, R2 team West.
 *
 * The export day counts: everything closed before 2026-05-21 is known. Ramp-up: earliest creation 2025-12-31
 * + the 90th percentile of the one-day cycles = 2026-01-01 → the history starts in January.
 *   History (complete months): January 100 000, February 300 000, March 200 000, April 400 000.
 *   May to date: W4 700 000 + W5 300 000 = 1 000 000; it is not an observation of the model.
 *   Q2 so far: April 400 000 + May 1 000 000 = 1 400 000; year to date 100 + 300 + 200 + 400 + 1 000 = 2 000 000 (thousand).
 *
 * The regression on y = 100 300 200 400 (thousand) at t = 1…4: ȳ = 250, Sxy = (−1.5)(−150) + (−0.5)(50) + 0.5(−50)
 * + 1.5(150) = 400, Sxx = 5 → slope 80, intercept 50; fitted 130 210 290 370, residuals −30 90 −90 30 → RSS 18 000,
 * s² = 9 000 (thousand², df 2). May (t = 5) 450, June (t = 6) 530 thousand.
 * The model alone would say Q2 = April 400 + May 450 + June 530 = 1 380 000 — below the 1 400 000 already won.
 *
 * May 20 is day 20 of 31: 11/31 of May remains (w = 11/31 = 0.354839).
 *   May: 1 000 000 + 450 000 · 11/31 = 1 000 000 + 159 677.42 = 1 159 677.42.
 *     se of the rest = w · √(9 000 · 10⁶ · (1 + leverage 1/4 + 2.5²/5 = 1.5)) = w · 150 000 = 53 225.81;
 *     80 %: ± t(0.9, 2) = 1.885618 · 53 225.81 = ± 100 363.54 → 1 059 313.88 … 1 260 040.96;
 *     95 %: ± 4.302653 · 53 225.81 = ± 229 012.16 → the lower bound 159 677.42 − 229 012.16 < 0 stops at won: 1 000 000;
 *     upper 1 388 689.58.
 *   Q2: 1 400 000 + 159 677.42 + 530 000 = 2 089 677.42. Interval of w · May + June: S = w · (1, 5) + (1, 6) =
 *     (42/31, 241/31), (X'X)⁻¹ = [[1.5, −0.5], [−0.5, 0.2]]: S'(X'X)⁻¹S = (1.5 · 1764 − 42 · 241 + 0.2 · 58 081) / 961
 *     = 4 140.2 / 961 = 4.308221; Σw² = 121/961 + 1 = 1.125911 → 5.434131; se = √(9 000 · 10⁶ · 5.434131) = 221 149.68;
 *     80 %: ± 1.885618 · 221 149.68 = ± 417 003.83 → 1 672 673.59 … 2 506 681.25;
 *     95 %: ± 4.302653 · 221 149.68 = ± 951 530.27 → lower at won 1 400 000, upper 3 041 207.68.
 *   Pipeline: May 1 000 000 won + 0 open; June 250 000 expected; Q2 1 400 000 + 250 000 = 1 650 000.
 *   Combined Q2: 1 400 000 closed + 250 000 pipeline + no run-rate (the export does not reach back a year)
 *     = 1 650 000; 41 days remain (May 21 … 31 and June).
 */
const REPS = `rep_id,name,team,region
R1,Rep One,East,Shanghai
R2,Rep Two,West,Chengdu
`;
const OPPORTUNITIES = `opportunity_id,name,owner_rep_id,source,stage,amount,currency,created_at,expected_close_at,closed_at
W0,Alpha,R1,web,won,100000,CNY,2025-12-31,,2026-01-01
W1,Beta,R2,partner,won,300000,CNY,2026-02-09,,2026-02-10
W2,Gamma,R1,web,won,200000,CNY,2026-03-14,,2026-03-15
W3,Delta,R2,partner,won,400000,CNY,2026-04-09,,2026-04-10
W4,Epsilon,R1,web,won,700000,CNY,2026-05-04,,2026-05-05
W5,Zeta,R2,partner,won,300000,CNY,2026-05-19 16:00:00,,2026-05-20 16:00:00
L1,Eta,R1,web,lost,50000,CNY,2026-01-05,,2026-02-01
O1,Theta,R1,web,negotiation,250000,CNY,2026-05-01,2026-06-15,
`;
const EXPORTED_AT = "2026-05-20";
const NOW = "2026-05-20T00:00:00Z";

let folder: string;
let warehouse: Warehouse;
let results: ForecastResults;
let forecastPage: PageSlices<ForecastSlice>;
let overview: OverviewData;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "shangji-won-so-far-"));
  const exports = join(folder, "exports");
  const path = join(folder, "warehouse.duckdb");
  mkdirSync(exports);
  writeFileSync(join(exports, "reps.csv"), REPS);
  writeFileSync(join(exports, "opportunities.csv"), OPPORTUNITIES);
  const report = await ingest({paths: [exports], warehouse: path, exportedAt: EXPORTED_AT});
  expect([report.rowsLoaded, report.rowsQuarantined]).toEqual([10, 0]);
  warehouse = await openWarehouse(path, {readOnly: true});
  results = await forecast({connection: warehouse.connection, period: historyUntil(NOW), now: NOW});
  forecastPage = await forecastData(warehouse.connection);
  overview = await overviewData(warehouse.connection);
}, 120_000);
afterAll(() => {
  warehouse?.close();
  rmSync(folder, {recursive: true, force: true});
});

describe("the forecast of a period that has begun, from an ingested export", () => {
  it("takes now from the export, and a deal closed later that day is in the warehouse as won", async () => {
    expect(await siteNow(warehouse.connection)).toBe(NOW);
    const [w5] = await readRows<{closed_at: string}>(
      warehouse.connection,
      `SELECT strftime(closed_at, '%Y-%m-%dT%H:%M:%SZ') AS closed_at FROM opportunities WHERE opportunity_id = 'W5'`
    );
    expect(w5.closed_at).toBe("2026-05-20T16:00:00Z");
  });

  it("fits the model on the complete months only: the series ends with April, May is to date", async () => {
    const [{series, forecast: fitted}] = await forecastRevenueSeries(warehouse.connection, undefined, NOW);
    expect(series.first_month).toBe("2026-01-01");
    expect(series.values).toEqual([100_000, 300_000, 200_000, 400_000]);
    expect(fitted.regression!.n).toBe(4);
    expect(series.current_month).toBe("2026-05-01");
    expect(series.current_month_to_date).toBe(1_000_000);
    expect(series.current_month_share_remaining).toBeCloseTo(11 / 31, 12);
    // slope 80 000, intercept 50 000
    expect(fitted.regression!.fit.coefficients[0]).toBeCloseTo(50_000, 6);
    expect(fitted.regression!.fit.coefficients[1]).toBeCloseTo(80_000, 6);
    const months = results.monthly_revenue.rows.map((r) => [r.month, r.won_amount, r.is_complete]);
    expect(months).toEqual([
      ["2026-01-01", 100_000, true],
      ["2026-02-01", 300_000, true],
      ["2026-03-01", 200_000, true],
      ["2026-04-01", 400_000, true],
      ["2026-05-01", 1_000_000, false]
    ]);
  });

  it("forecasts the current month as won to date + the share of its days remaining × the month's forecast", () => {
    const [may, june] = results.forecast_monthly.rows;
    expect(may).toMatchObject({period_start: "2026-05-01", model: "regression", won_to_date: 1_000_000});
    expect(may.forecast_amount).toBeCloseTo(1_159_677.42, 2);
    expect(may.lower_80!).toBeCloseTo(1_059_313.88, 1);
    expect(may.upper_80!).toBeCloseTo(1_260_040.96, 1);
    expect(may.lower_95).toBe(1_000_000);
    expect(may.upper_95!).toBeCloseTo(1_388_689.58, 1);
    // June has not begun: the model's forecast, nothing won
    expect(june).toMatchObject({period_start: "2026-06-01", won_to_date: 0, forecast_amount: 530_000});
  });

  it("never forecasts a quarter below what is won in it: won so far + the forecast of the rest", () => {
    const [q2] = results.forecast_quarterly.rows;
    expect(q2).toMatchObject({period_start: "2026-04-01", won_to_date: 1_400_000, count_months_actual: 1});
    // the model alone: 400 000 + 450 000 + 530 000 = 1 380 000, below the 1 400 000 won
    expect(400_000 + 450_000 + 530_000).toBeLessThan(q2.won_to_date);
    expect(q2.forecast_amount).toBeCloseTo(2_089_677.42, 2);
    expect(q2.lower_80!).toBeCloseTo(1_672_673.59, 1);
    expect(q2.upper_80!).toBeCloseTo(2_506_681.25, 1);
    expect(q2.lower_95).toBe(1_400_000);
    expect(q2.upper_95!).toBeCloseTo(3_041_207.68, 1);
  });

  it("adds what is won to the pipeline forecast of the month and quarter holding now", () => {
    expect(
      results.pipeline_monthly.rows.map((r) => [r.period_start, r.won_to_date, r.expected_amount, r.forecast_amount])
    ).toEqual([
      ["2026-05-01", 1_000_000, 0, 1_000_000],
      ["2026-06-01", 0, 250_000, 250_000]
    ]);
    const [q2] = results.pipeline_quarterly.rows;
    expect(q2).toMatchObject({won_to_date: 1_400_000, count_won_to_date: 3, forecast_amount: 1_650_000});
    expect([q2.lower_95, q2.upper_95]).toEqual([1_650_000, 1_650_000]);
  });

  it("shows the same numbers on the forecast page", () => {
    const slice = forecastPage.slices["*|all"];
    expect(slice.history.map((m) => m.won_amount)).toEqual([100_000, 300_000, 200_000, 400_000]);
    expect(slice.month_to_date).toEqual({month: "2026-05-01", won_amount: 1_000_000, count_won: 2});
    expect(slice.forecast_monthly[0]).toMatchObject({
      period_start: "2026-05-01",
      won_to_date: 1_000_000,
      forecast_amount: 1_159_677,
      lower_95: 1_000_000
    });
    expect(slice.forecast_quarterly[0]).toMatchObject({
      period_start: "2026-04-01",
      won_to_date: 1_400_000,
      forecast_amount: 2_089_677,
      lower_80: 1_672_674,
      upper_80: 2_506_681,
      lower_95: 1_400_000,
      upper_95: 3_041_208
    });
    expect(slice.pipeline_monthly[0]).toMatchObject({won_to_date: 1_000_000, forecast_amount: 1_000_000});
    expect(slice.combined_quarter).toMatchObject({
      quarter_start: "2026-04-01",
      days_remaining: 41,
      closed_to_date: 1_400_000,
      count_won_to_date: 3,
      pipeline_expected: 250_000,
      run_rate_amount: null,
      combined_amount: 1_650_000,
      lower_95: 1_650_000,
      statistical_amount: 2_089_677,
      statistical_model: "regression"
    });
  });

  it("counts the deal closed on the export day in won so far, this quarter and year to date alike", () => {
    const [qtd, , ytd] = sitePeriods(NOW, "2000-01-01");
    expect([qtd.end, ytd.end]).toEqual(["2026-05-21", "2026-05-21"]);
    // all: Q2 W3 400 000 + W4 700 000 + W5 300 000; year to date W0 … W5
    expect(overview.slices["qtd|all"].current).toMatchObject({won_revenue: 1_400_000, count_won: 3});
    expect(overview.slices["ytd|all"].current).toMatchObject({won_revenue: 2_000_000, count_won: 6});
    expect(overview.now.slices["*|all"].forecast).toMatchObject({
      quarter_start: "2026-04-01",
      closed_to_date: 1_400_000,
      pipeline_expected: 250_000,
      combined_amount: 1_650_000
    });
    // team West: W5 is its only May deal, W3 its April one
    const west = forecastPage.slices["*|team=West"];
    expect(west.month_to_date).toEqual({month: "2026-05-01", won_amount: 300_000, count_won: 1});
    expect(west.forecast_quarterly[0].won_to_date).toBe(700_000);
    expect(west.combined_quarter).toMatchObject({closed_to_date: 700_000, count_won_to_date: 2});
    expect(overview.slices["qtd|team=West"].current).toMatchObject({won_revenue: 700_000, count_won: 2});
    expect(overview.slices["ytd|team=West"].current).toMatchObject({won_revenue: 1_000_000, count_won: 3});
    expect(overview.now.slices["*|team=West"].forecast).toMatchObject({closed_to_date: 700_000});
  });
});
