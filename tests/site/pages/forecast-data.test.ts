import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {forecast, type ForecastResults} from "../../../pipelines/forecast.ts";
import {forecastData, forecastSlice, historyUntil, type ForecastSlice} from "../../../site/pages/forecast-data.ts";
import {pageSlices, type PageSlices} from "../../../site/page-slices.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

const NOW = "2026-11-20T00:00:00Z";

let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
let data: PageSlices<ForecastSlice>;
let team: ForecastResults;

beforeAll(async () => {
  warehouse = await sampleWarehouse();
  data = await forecastData(warehouse.connection);
  team = await forecast(warehouse.context(historyUntil(NOW), {team: "华东"}));
});
afterAll(() => warehouse.close());

const round = (value: number | null) => (value === null ? null : Math.round(value));

describe("forecastData(connection)", () => {
  it("writes one slice per filter choice: forecasts are as of now, whatever the period", () => {
    const keys = Object.keys(data.slices);
    expect(keys).toContain("*|all");
    expect(keys).toContain("*|team=华东");
    expect(keys).toContain("*|channel=referral");
    expect(keys.every((key) => key.startsWith("*|"))).toBe(true);
  });

  it("equals the slices computed one by one, each learning its own stage probabilities", async () => {
    expect(data).toEqual(await pageSlices(warehouse.connection, (ctx) => forecastSlice(ctx), {byPeriod: false}));
  }, 120_000);

  it("carries a team slice's forecast as forecast(ctx) computes it for that team", () => {
    const slice = data.slices["*|team=华东"];
    const quarters = team.forecast_quarterly.rows;
    expect(slice.forecast_quarterly.map((q) => q.period_start)).toEqual(quarters.map((q) => q.period_start));
    for (const key of ["forecast_amount", "lower_80", "upper_80", "lower_95", "upper_95"] as const)
      expect(slice.forecast_quarterly.map((q) => q[key])).toEqual(quarters.map((q) => round(q[key])));
    expect(slice.forecast_monthly.map((m) => m.forecast_amount)).toEqual(
      team.forecast_monthly.rows.map((m) => round(m.forecast_amount))
    );
    expect(slice.model.shown).toBe(team.forecast_monthly.rows[0].model);
    expect(slice.pipeline_monthly.map((p) => p.expected_amount)).toEqual(
      team.pipeline_monthly.rows.map((p) => round(p.expected_amount))
    );
    expect(slice.combined_quarter?.combined_amount).toBe(round(team.combined_quarter.rows[0].combined_amount));
    for (const row of slice.backtest) {
      const direct = team.backtest.rows.find((r) => r.model === row.model && r.horizon_months === null)!;
      expect(row.wape_pct).toBeCloseTo(direct.wape_pct!, 1);
      expect(row.is_shown).toBe(direct.is_shown);
    }
  });

  it("sums the team's history to the won revenue counted by hand", async () => {
    const slice = data.slices["*|team=华东"];
    const first = slice.history[0].month;
    const [{won}] = await readRows<{won: number}>(
      warehouse.connection,
      `SELECT sum(o.amount)::DOUBLE AS won FROM opportunities o JOIN reps r ON r.rep_id = o.owner_rep_id
       WHERE r.team = '华东' AND o.outcome = 'won' AND o.closed_at >= $first::TIMESTAMP AND o.closed_at < $now::TIMESTAMP`,
      {first, now: NOW}
    );
    const total = slice.history.reduce((sum, m) => sum + m.won_amount, 0) + slice.month_to_date!.won_amount;
    expect(Math.abs(total - won)).toBeLessThanOrEqual(slice.history.length + 1);
    expect(slice.month_to_date!.month).toBe("2026-11-01");
  });

  it("shows the procedure on the sample, its backtest as shown, and how often its intervals held", () => {
    const slice = data.slices["*|all"];
    const {model} = slice;
    expect(model.shown).toBe("procedure");
    expect(model.reason).toBe("procedure");
    expect(model.horizon_models).toHaveLength(3);
    // 31 months (2024-04 … 2026-10): targets 25 … 30, 2026-05 … 2026-10, at every horizon
    expect([model.backtest_first_month, model.backtest_last_month]).toEqual(["2026-05-01", "2026-10-01"]);
    expect(slice.backtest.filter((row) => row.is_shown).map((row) => row.model)).toEqual(["as_shown"]);
    expect(slice.backtest.find((row) => row.model === "as_shown")!.count_forecasts).toBe(18);
    expect(slice.coverage.map((c) => [c.level, c.count_forecasts])).toEqual([
      [80, 18],
      [95, 18]
    ]);
    expect(slice.backtest_forecasts.map((d) => d.target_month)).toEqual([
      "2026-05-01",
      "2026-06-01",
      "2026-07-01",
      "2026-08-01",
      "2026-09-01",
      "2026-10-01"
    ]);
  });

  it("says why the record of past pipeline forecasts is empty with a single export", () => {
    const slice = data.slices["*|all"];
    expect(slice.accuracy).toEqual([]);
    expect(slice.accuracy_missing).toEqual(["opportunity_snapshots: needs an ingest before the month holding now"]);
  });

  it("differs between a filtered slice and all", () => {
    const all = data.slices["*|all"].forecast_quarterly[0].forecast_amount;
    expect(data.slices["*|team=华东"].forecast_quarterly[0].forecast_amount).toBeLessThan(all);
  });

  // 19 slices, each with its monthly history, forecasts, nested backtest, interval coverage and the quarter by
  // forecast category: about 160 KB; the site's own limit for one view is 500 kB
  it("stays within 200 KB on the sample", () => {
    expect(Buffer.byteLength(JSON.stringify(data))).toBeLessThanOrEqual(200_000);
  });

  it("works on an empty warehouse", async () => {
    const empty = await emptyWarehouse();
    try {
      const {slices} = await forecastData(empty.connection);
      expect(Object.keys(slices)).toEqual(["*|all"]);
      expect(slices["*|all"]).toMatchObject({
        history: [],
        forecast_monthly: [],
        pipeline_monthly: [],
        combined_quarter: null
      });
      expect(slices["*|all"].model.reason).toBe("too_short");
    } finally {
      empty.close();
    }
  });
});
