import type {DuckDBConnection} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {discovery} from "../../pipelines/discovery.ts";
import {discoveryByChoice} from "../../pipelines/discovery/discovery-by-choice.ts";
import {historyUntil} from "../../site/pages/forecast-data.ts";
import {opportunitiesData} from "../../site/pages/opportunities-data.ts";
import {scoredNow} from "../../site/pages/scored-now.ts";
import {sampleAndSparse} from "../site/pages/empty-slices-warehouse.ts";
import {everyKindOfChoice, expectClose} from "./every-kind-of-choice.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

// Look-alike accounts and repeat purchases due of every filter choice, read in queries grouped by choice, must be
// what the pipelines give one choice at a time (each choice's profiles rated among its own accounts, its list cut to
// the limit), and the opportunities page's data equal.

async function expectSameChoices(connection: DuckDBConnection, options = {limit: 7}) {
  const g = await everyKindOfChoice(connection);
  const period = historyUntil(g.now);
  const grouped = await discoveryByChoice(g, period, options);
  let listed = 0;
  for (const [c, filters] of g.choices.entries()) {
    expectClose(grouped[c], await discovery({connection, now: g.now, period, filters}, options), `${c}`);
    listed += grouped[c].lookalikes.rows.length + grouped[c].repeat_due.rows.length;
  }
  return {grid: g, grouped, listed};
}

describe("discoveryByChoice", () => {
  const warehouses = sampleAndSparse();

  it("equals the per-choice pipelines on the sample, under every kind of filter", async () => {
    const {grid: g, grouped} = await expectSameChoices(warehouses.sample.connection);
    expect(g.choices).toHaveLength(6);
    // the limit cut some choice's look-alikes, and some choice listed customers due
    expect(grouped.some((r) => r.lookalikes.rows.length === 7)).toBe(true);
    expect(grouped.some((r) => r.repeat_due.rows.length > 0)).toBe(true);
    await expectSameChoices(warehouses.sample.connection, {limit: 200});
  }, 300_000);

  it("equals them where a slice holds nothing, and so does the opportunities page", async () => {
    const {connection} = warehouses.sparse;
    await expectSameChoices(connection);
    const scored = scoredNow(connection);
    expect(await opportunitiesData(connection, () => scored)).toEqual(
      await opportunitiesData(connection, () => scored, false)
    );
  }, 300_000);

  it("equals them on a warehouse without opportunities", async () => {
    const empty = await emptyWarehouse();
    try {
      const {listed} = await expectSameChoices(empty.connection);
      expect(listed).toBe(0);
    } finally {
      empty.close();
    }
  }, 300_000);
});
