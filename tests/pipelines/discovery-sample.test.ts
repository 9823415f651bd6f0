import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {discovery, type DiscoveryResults} from "../../pipelines/discovery.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {sampleWarehouse} from "./sample-warehouse.ts";

let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
let results: DiscoveryResults;

beforeAll(async () => {
  warehouse = await sampleWarehouse();
  const ctx: PipelineContext = warehouse.context({start: "2023-01-01", end: "2027-01-01"});
  results = await discovery(ctx, {limit: 50});
});
afterAll(() => warehouse.close());

describe("discovery(ctx) on the sample", () => {
  it("matches the golden output", async () => {
    await expect(JSON.stringify(results, null, 2)).toMatchFileSnapshot("./__snapshots__/discovery.json");
  });

  it("lists look-alikes from profiles that buy more than average, best first", () => {
    const rows = results.lookalikes.rows;
    expect(rows).toHaveLength(50);
    rows.forEach((row, k) => {
      expect(row.rank).toBe(k + 1);
      if (k > 0) expect(row.profile_customer_rate_shrunk).toBeLessThanOrEqual(rows[k - 1].profile_customer_rate_shrunk);
    });
    expect(rows[0].lift).toBeGreaterThan(1);
  });

  it("finds returning customers due for their next purchase", () => {
    // the generator brings three in ten deals from existing accounts, so customers have a rhythm
    const rows = results.repeat_due.rows;
    expect(rows.filter((r) => !r.is_lapsed).length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row.n_purchases).toBeGreaterThanOrEqual(2);
      expect(row.due_at <= "2026-12-20").toBe(true);
    }
  });
});
