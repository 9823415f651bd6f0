import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {accuracyMetrics} from "../../../pipelines/forecast/accuracy-metrics.ts";
import {forecastSeries, type SeriesForecast} from "../../../pipelines/forecast/series-forecast.ts";

/** A classic public monthly series from tests/fixtures/forecast (see its README for the sources). */
function readSeries(file: string): {values: number[]; firstMonth: string} {
  const rows = readFileSync(new URL(`../../fixtures/forecast/${file}`, import.meta.url), "utf8")
    .trim()
    .split("\n");
  return {values: rows.slice(1).map((line) => Number(line.split(",")[1])), firstMonth: rows[1].split(",")[0]};
}

const wape = (series: SeriesForecast, model: keyof SeriesForecast["backtest"], horizon: number) =>
  accuracyMetrics(series.backtest[model].filter((r) => r.horizon === horizon)).wape_pct!;
const coverage = (series: SeriesForecast, level: 80 | 95) => series.coverage.find((c) => c.level === level)!;

// the fixtures' checks: AirPassengers sums to 40,363 (mean 280.30), shampoo to 11,253.6 (mean 312.6)
const air = readSeries("air-passengers.csv");
const shampoo = readSeries("shampoo-sales.csv");

describe("forecastSeries on classic public monthly series (rolling origin, the procedure as shown)", () => {
  const results = new Map<string, SeriesForecast>();
  const run = (name: string, input: {values: number[]; firstMonth: string}) => {
    if (!results.has(name)) results.set(name, forecastSeries(input.values, input.firstMonth));
    return results.get(name)!;
  };

  it("reads the fixtures whole", () => {
    expect(air.values).toHaveLength(144);
    expect(air.values.reduce((sum, v) => sum + v, 0)).toBe(40363);
    expect(shampoo.values).toHaveLength(36);
    expect(shampoo.values.reduce((sum, v) => sum + v, 0)).toBeCloseTo(11253.6, 6);
  });

  it("AirPassengers 1949–1960: scores the last 24 months, beats seasonal naive at 1 and 3 months ahead", () => {
    const series = run("air", air);
    expect(series.backtest.as_shown.filter((r) => r.horizon === 1)).toHaveLength(24);
    for (const h of [1, 3]) expect(wape(series, "as_shown", h)).toBeLessThanOrEqual(wape(series, "seasonal_naive", h));
  }, 120_000);

  it("shampoo sales (3 years): beats seasonal naive at 1 and 3 months ahead", () => {
    const series = run("shampoo", shampoo);
    for (const h of [1, 3]) expect(wape(series, "as_shown", h)).toBeLessThanOrEqual(wape(series, "seasonal_naive", h));
  }, 120_000);

  it("is on average within 0.9 × seasonal naive's WAPE", () => {
    const ratios = [run("air", air), run("shampoo", shampoo)].map(
      (series) =>
        accuracyMetrics(series.backtest.as_shown).wape_pct! / accuracyMetrics(series.backtest.seasonal_naive).wape_pct!
    );
    expect(ratios.reduce((sum, r) => sum + r, 0) / ratios.length).toBeLessThanOrEqual(0.9);
  }, 120_000);

  it("AirPassengers: the 80 % intervals hold 75–85 % of months, the 95 % ones 91–98 %", () => {
    const series = run("air", air);
    expect(coverage(series, 80).coverage_pct).toBeGreaterThanOrEqual(75);
    expect(coverage(series, 80).coverage_pct).toBeLessThanOrEqual(85);
    expect(coverage(series, 95).coverage_pct).toBeGreaterThanOrEqual(91);
    expect(coverage(series, 95).coverage_pct).toBeLessThanOrEqual(98);
  }, 120_000);

  // A known miss, reported in BENCHMARKS.md: 36 months leave 10 scored months, and the inner backtests behind
  // each interval hold 6–10 errors, too few to size an interval; the 80 % interval held 73 % (conformal) and the
  // 95 % one 80 %. `it.fails` keeps the miss visible and turns red the day the target is met.
  it.fails(
    "shampoo: the 80 % intervals hold 75–85 % of months and the 95 % ones 91–98 % (missed)",
    () => {
      const series = run("shampoo", shampoo);
      expect(coverage(series, 80).coverage_pct).toBeGreaterThanOrEqual(75);
      expect(coverage(series, 95).coverage_pct).toBeGreaterThanOrEqual(91);
    },
    120_000
  );
});
