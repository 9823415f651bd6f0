import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {pipeline, pipelineAsOf, pipelineCoverage, type PipelineResults} from "../../pipelines/pipeline.ts";
import {sampleWarehouse} from "./sample-warehouse.ts";

let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
let ctx: PipelineContext;
let quarter: PipelineResults;

beforeAll(async () => {
  warehouse = await sampleWarehouse();
  ctx = warehouse.context({start: "2026-10-01", end: "2027-01-01"});
  quarter = await pipeline(ctx);
});
afterAll(() => warehouse.close());

describe("pipeline(ctx) on the sample", () => {
  it("matches the golden output for Q4 2026", async () => {
    await expect(JSON.stringify(quarter, null, 2)).toMatchFileSnapshot("./__snapshots__/pipeline-2026q4.json");
  });

  it("agrees with itself: the open pipeline now, by month or by stage, and as of now", async () => {
    const total = (rows: {amount: number}[]) => rows.reduce((sum, r) => sum + r.amount, 0);
    expect(total(quarter.open.rows)).toBe(total(quarter.weighted.rows));
    // a date after now is now
    const {rows} = await pipelineAsOf(ctx, {date: "2027-01-01"});
    expect(total(rows)).toBe(total(quarter.weighted.rows));
    expect(quarter.velocity.rows[0].count_open).toBe(quarter.open.rows.reduce((n, r) => n + r.count_opportunities, 0));
  });

  it("weights the pipeline above the configured probabilities, which the sample's history beats", () => {
    for (const row of quarter.weighted.rows) {
      expect(row.weighted_amount!).toBeLessThan(row.amount);
      expect(row.weighted_amount!).toBeGreaterThan(row.configured_weighted_amount!);
    }
  });

  it("says data/sample alone has a single ingest to compare", () => {
    expect(quarter.changes).toEqual({rows: [], missing: ["opportunity_snapshots: needs two ingests"]});
  });

  it("shows the booking seasons in won revenue by close month", async () => {
    // 2024–2025 month by month: deals cluster before the year end and the half-year end, none over Spring Festival
    const byMonth = new Map<number, number>();
    let sum = 0;
    for (const year of [2024, 2025])
      for (let month = 1; month <= 12; month++) {
        const start = `${year}-${String(month).padStart(2, "0")}-01`;
        const end = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
        const {rows} = await pipelineCoverage({...ctx, period: {start, end}});
        const won = rows.reduce((total, r) => total + r.won_amount, 0);
        byMonth.set(month, (byMonth.get(month) ?? 0) + won);
        sum += won;
      }
    const mean = sum / 12;
    expect(byMonth.get(12)!).toBeGreaterThan(2 * mean);
    expect(byMonth.get(6)!).toBeGreaterThan(mean);
    expect(Math.min(...byMonth.values())).toBe(byMonth.get(2));
    // the months add up to the two years
    const {rows} = await pipelineCoverage({...ctx, period: {start: "2024-01-01", end: "2026-01-01"}});
    expect(rows[0].won_amount).toBe(sum);
  });
});
