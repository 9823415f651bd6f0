import type {DuckDBConnection} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {dataQualityData} from "../../../site/pages/data-quality-data.ts";
import {siteFollowUpPlan} from "../../../site/site-follow-up-plan.ts";
import {emptyWarehouse} from "../../pipelines/sample-warehouse.ts";
import {sampleAndSparse} from "./empty-slices-warehouse.ts";

// The stale opportunities of every filter choice, read from the follow-ups of all choices in one query, must
// be those read choice by choice, to the last digit and in the same order.

async function expectSameData(connection: DuckDBConnection, plan = {}) {
  const withPlan = {...siteFollowUpPlan(), ...plan};
  const grouped = await dataQualityData(connection, withPlan);
  const oneByOne = await dataQualityData(connection, withPlan, false);
  expect(JSON.stringify(grouped)).toBe(JSON.stringify(oneByOne));
  return grouped;
}

describe("dataQualityData with the follow-ups of every choice read at once", () => {
  const warehouses = sampleAndSparse();

  it("equals the choices read one by one on the sample, under two plans", async () => {
    const data = await expectSameData(warehouses.sample.connection);
    const counts = Object.values(data.slices).map((slice) => slice.stale.n_opportunities);
    // the comparison means something only where choices differ and some list stale deals
    expect(counts.some((n) => n > 0)).toBe(true);
    expect(new Set(counts).size).toBeGreaterThan(1);
    await expectSameData(warehouses.sample.connection, {staleSilentDays: 45, stalePastCloseDays: 20});
  }, 300_000);

  it("equals them where a region logged no activity", async () => {
    await expectSameData(warehouses.sparse.connection);
  }, 300_000);

  it("equals them on a warehouse without opportunities", async () => {
    const empty = await emptyWarehouse();
    try {
      await expectSameData(empty.connection);
    } finally {
      empty.close();
    }
  }, 300_000);
});
