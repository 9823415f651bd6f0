import type {DuckDBConnection} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {repPerformance, teamPerformance} from "../../pipelines/rep-performance.ts";
import {performanceBySlice} from "../../pipelines/rep-performance/performance-by-slice.ts";
import {repsData} from "../../site/pages/reps-data.ts";
import type {SitePeriod} from "../../site/site-periods.ts";
import {sampleAndSparse} from "../site/pages/empty-slices-warehouse.ts";
import {everyKindOfChoice} from "./every-kind-of-choice.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

// The reps and teams of every slice from one grouped query must be those repPerformance and teamPerformance
// give one slice at a time, to the last bit and in the same order: under every kind of filter, quotas included
// (they count under a team, region or rep, never under a channel or product).

async function expectSamePerformance(connection: DuckDBConnection) {
  const g = await everyKindOfChoice(connection);
  const reps = await performanceBySlice(g, "rep");
  const teams = await performanceBySlice(g, "team");
  let rows = 0;
  for (const [p, period] of g.periods.entries())
    for (const [c, filters] of g.choices.entries()) {
      const ctx = {connection, now: g.now, period, filters};
      expect(reps[p][c]).toEqual(await repPerformance(ctx));
      expect(teams[p][c]).toEqual(await teamPerformance(ctx));
      rows += reps[p][c].rows.length;
    }
  expect(await repsData(connection)).toEqual(await repsData(connection, false));
  return {grid: g, reps, rows};
}

describe("performanceBySlice", () => {
  const warehouses = sampleAndSparse();

  it("equals the per-slice pipelines on the sample, under every kind of filter", async () => {
    const {grid: g, reps} = await expectSamePerformance(warehouses.sample.connection);
    expect(g.choices.map((f) => Object.keys(f)[0] ?? "all")).toEqual([
      "all",
      "team",
      "region",
      "channel",
      "rep",
      "product"
    ]);
    const year = g.periods.findIndex((p) => (p as SitePeriod).id === "ytd");
    const withQuota = (c: number) => reps[year][c].rows.filter((r) => r.quota !== null).length;
    // quotas count under all, a team, a region and a rep; never under a channel or a product
    expect([0, 1, 2, 4].map(withQuota).every((n) => n > 0)).toBe(true);
    expect([3, 5].map(withQuota)).toEqual([0, 0]);
  }, 300_000);

  it("equals them where a slice holds nothing", async () => {
    await expectSamePerformance(warehouses.sparse.connection);
  }, 300_000);

  it("equals them on a warehouse without opportunities", async () => {
    const empty = await emptyWarehouse();
    try {
      const {rows} = await expectSamePerformance(empty.connection);
      expect(rows).toBe(0);
    } finally {
      empty.close();
    }
  }, 300_000);
});
