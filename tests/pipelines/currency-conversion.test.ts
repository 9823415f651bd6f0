import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {dataQualityData} from "../../site/pages/data-quality-data.ts";
import {openWarehouse, type Warehouse} from "../../warehouse/open-warehouse.ts";
import {channelQuality} from "../../pipelines/channel-quality.ts";
import {currencyCoverage} from "../../pipelines/data-quality/currency-coverage.ts";
import {forecast} from "../../pipelines/forecast.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {openPipeline} from "../../pipelines/pipeline/open-pipeline.ts";
import {monthlyWonRevenue} from "../../pipelines/reconciliation/monthly-won-revenue.ts";

// Deals in CNY (the most frequent currency, so the reporting one), USD and EUR; every margin 0.5. The open deals,
// created first, start the forecast's history months before January
const OPPORTUNITIES = `opportunity_id,created_at,stage,amount,currency,expected_margin,closed_at,expected_close_at,source
W1,2024-12-01,won,1000,CNY,0.5,2025-01-10,,web
W2,2024-12-01,won,100,USD,0.5,2025-01-20,,web
W3,2024-12-01,won,200,EUR,0.5,2025-02-05,,fair
W4,2024-12-01,won,50.4,USD,0.5,2025-02-15,,web
W5,2024-12-01,won,300,CNY,0.5,2025-02-20,,fair
L1,2024-12-01,lost,999,EUR,0.5,2025-01-25,,fair
O1,2024-06-01,negotiation,1000,USD,0.5,,2025-04-30,web
O2,2024-06-01,intent,500,CNY,0.5,,2025-04-30,web
O3,2024-06-01,potential,10,EUR,0.5,,2025-04-30,fair
`;

const SPEND = `channel,month,cost,currency
web,2025-01,100,USD
web,2025-02,500,CNY
fair,2025-02,100,EUR
`;

// monthly rates, and two daily ones for EUR in February
const RATES = `date,currency,rate
2025-01,USD,7.2
2025-02,USD,7.25
2025-03,USD,7.3
2025-01,EUR,7.6
2025-02-01,EUR,7.8
2025-02-04,EUR,7.9
2025-03,EUR,7.7
`;

const NOW = "2025-03-10T00:00:00.000Z";
const PERIOD = {start: "2025-01-01", end: "2025-03-01"};

async function warehouseOf(rates: string): Promise<{warehouse: Warehouse; folder: string}> {
  const folder = mkdtempSync(join(tmpdir(), "shangji-currencies-"));
  for (const [name, text] of [
    ["opportunities.csv", OPPORTUNITIES],
    ["marketing_spend.csv", SPEND],
    ["exchange_rates.csv", rates]
  ])
    writeFileSync(join(folder, name), text);
  const path = join(folder, "warehouse.duckdb");
  await ingest({
    paths: ["opportunities.csv", "marketing_spend.csv", "exchange_rates.csv"].map((name) => join(folder, name)),
    warehouse: path,
    exportedAt: NOW
  });
  return {warehouse: await openWarehouse(path, {readOnly: true}), folder};
}

describe("amounts in three currencies with an exchange_rates export", () => {
  let warehouse: Warehouse;
  let folder: string;
  let ctx: PipelineContext;
  beforeAll(async () => {
    ({warehouse, folder} = await warehouseOf(RATES));
    ctx = {connection: warehouse.connection, period: PERIOD, now: NOW};
  });
  afterAll(() => {
    warehouse.close();
    rmSync(folder, {recursive: true, force: true});
  });

  it("keeps each original amount and currency beside the converted one", async () => {
    const reader = await warehouse.connection.runAndReadAll(
      `SELECT opportunity_id, amount::DOUBLE, currency, amount_reporting::DOUBLE FROM opportunities ORDER BY 1`
    );
    expect(reader.getRowsJS()).toEqual([
      ["L1", 999, "EUR", 7592.4], // 999 × 7.6 (January)
      ["O1", 1000, "USD", 7300], // open: the export's day, 2025-03-10, × 7.3
      ["O2", 500, "CNY", 500],
      ["O3", 10, "EUR", 77], // 10 × 7.7
      ["W1", 1000, "CNY", 1000],
      ["W2", 100, "USD", 720], // 100 × 7.2
      ["W3", 200, "EUR", 1580], // closed 2025-02-05: the rate of 02-04, 7.9
      ["W4", 50.4, "USD", 365.4], // 50.4 × 7.25
      ["W5", 300, "CNY", 300]
    ]);
  });

  it("sums won revenue per month in the reporting currency", async () => {
    const {rows} = await monthlyWonRevenue(ctx);
    expect(rows.map((r) => [String(r.month).slice(0, 10), r.count_won, Number(r.won_revenue)])).toEqual([
      ["2025-01-01", 2, 1720], // 1000 + 720
      ["2025-02-01", 3, 2245.4] // 1580 + 365.4 + 300
    ]);
  });

  it("gives the forecast one currency of monthly won revenue", async () => {
    const {monthly_revenue} = await forecast(ctx);
    const months = monthly_revenue.rows.filter((r) => r.month >= "2025-01-01" && r.month < "2025-03-01");
    expect(new Set(monthly_revenue.rows.map((r) => r.currency))).toEqual(new Set(["CNY"]));
    expect(months.map((r) => [r.month.slice(0, 10), r.won_amount])).toEqual([
      ["2025-01-01", 1720],
      ["2025-02-01", 2245.4]
    ]);
  });

  it("sums the open pipeline converted on the export's day", async () => {
    const {rows} = await openPipeline(ctx);
    expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(["CNY"]));
    expect(rows.reduce((sum, r) => sum + r.amount, 0)).toBeCloseTo(7877, 6); // 7300 + 500 + 77
  });

  it("computes each channel's spend and ROI from converted amounts", async () => {
    const {rows} = await channelQuality(ctx, {interval: "period", duplicates: false});
    const bySource = Object.fromEntries(rows.map((r) => [r.source, r]));
    // web: won 1000 + 720 + 365.4 = 2085.4, margin 1042.7; spend 100 × 7.2 + 500 = 1220
    expect(bySource.web.won_revenue).toBeCloseTo(2085.4, 6);
    expect(bySource.web.cost).toBeCloseTo(1220, 6);
    expect(bySource.web.roi).toBeCloseTo((1042.7 - 1220) / 1220, 3);
    // fair: won 1580 + 300 = 1880, margin 940; spend 100 EUR in February, dated 02-01: × 7.8 = 780
    expect(bySource.fair.won_revenue).toBeCloseTo(1880, 6);
    expect(bySource.fair.cost).toBeCloseTo(780, 6);
    expect(bySource.fair.roi).toBeCloseTo((940 - 780) / 780, 3);
  });

  it("reports every currency covered and nothing set aside", async () => {
    const coverage = await currencyCoverage(ctx);
    expect(coverage.reporting_currency).toBe("CNY");
    expect(coverage.chosen_by).toBe("most_frequent");
    expect(coverage.set_aside).toEqual([]);
    expect(coverage.currencies).toEqual([
      // W1 (January), W5 and the web's spend (February), O2 (March, its export)
      {
        currency: "CNY",
        is_reporting: true,
        n_values: 4,
        n_converted: 4,
        n_months: 3,
        n_months_with_rate: 3,
        rate_min: null,
        rate_max: null
      },
      // W3, L1, O3 and the fair's spend: January, February, March
      {
        currency: "EUR",
        is_reporting: false,
        n_values: 4,
        n_converted: 4,
        n_months: 3,
        n_months_with_rate: 3,
        rate_min: 7.6,
        rate_max: 7.9
      },
      // W2, W4, O1 and the web's January spend
      {
        currency: "USD",
        is_reporting: false,
        n_values: 4,
        n_converted: 4,
        n_months: 3,
        n_months_with_rate: 3,
        rate_min: 7.2,
        rate_max: 7.3
      }
    ]);
  });
});

describe("amounts whose month has no rate", () => {
  let warehouse: Warehouse;
  let folder: string;
  let ctx: PipelineContext;
  beforeAll(async () => {
    ({warehouse, folder} = await warehouseOf(RATES.replace("2025-02,USD,7.25\n", "")));
    ctx = {connection: warehouse.connection, period: PERIOD, now: NOW};
  });
  afterAll(() => {
    warehouse.close();
    rmSync(folder, {recursive: true, force: true});
  });

  it("sets aside exactly the deals of that currency and month, never summing them raw", async () => {
    const {rows} = await monthlyWonRevenue(ctx);
    expect(rows.map((r) => [String(r.month).slice(0, 10), r.count_won, Number(r.won_revenue)])).toEqual([
      ["2025-01-01", 2, 1720],
      ["2025-02-01", 3, 1880] // W4's 50.4 USD left out: 1580 + 300
    ]);
    const reader = await warehouse.connection.runAndReadAll(
      `SELECT opportunity_id FROM opportunities WHERE amount IS NOT NULL AND amount_reporting IS NULL`
    );
    expect(reader.getRowsJS()).toEqual([["W4"]]);
  });

  it("lists the missing currency and month on the data-quality page", async () => {
    const data = await dataQualityData(warehouse.connection);
    expect(data.currencies.set_aside).toEqual([
      {table: "opportunities", currency: "USD", month: "2025-02", n_values: 1}
    ]);
    const usd = data.currencies.currencies.find((c) => c.currency === "USD");
    expect(usd).toMatchObject({n_values: 4, n_converted: 3, n_months: 3, n_months_with_rate: 2});
  });
});

describe("ingest(options) of rates into another currency than the reporting one", () => {
  it("warns that rates giving the reporting currency itself a rate are rates into another currency", async () => {
    const folder = mkdtempSync(join(tmpdir(), "shangji-currencies-"));
    try {
      // two deals in USD, one in CNY: USD is the reporting currency, but the rates are into CNY
      writeFileSync(
        join(folder, "opportunities.csv"),
        "opportunity_id,created_at,stage,amount,currency,closed_at\n" +
          "A1,2025-01-02,won,100,USD,2025-01-10\nA2,2025-01-02,won,200,USD,2025-01-12\nA3,2025-01-02,won,700,CNY,2025-01-15\n"
      );
      writeFileSync(join(folder, "exchange_rates.csv"), "date,currency,rate\n2025-01,USD,7.2\n2025-01,EUR,7.6\n");
      const result = await ingest({paths: [folder], warehouse: join(folder, "warehouse.duckdb"), exportedAt: NOW});
      expect(result.warnings).toEqual([
        'exchange rates are read as rates into the reporting currency, USD (the currency most opportunities are in), yet 1 of them give USD itself a rate other than 1: they are probably rates into another currency; set "reportingCurrency" in shangji.config.json to it'
      ]);
      const rightly = await ingest({
        paths: [folder],
        warehouse: join(folder, "warehouse-cny.duckdb"),
        exportedAt: NOW,
        reportingCurrency: "CNY"
      });
      expect(rightly.warnings).toEqual([]);
    } finally {
      rmSync(folder, {recursive: true, force: true});
    }
  });
});
