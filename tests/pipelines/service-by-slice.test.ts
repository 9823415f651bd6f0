import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {complaintRate, resolutionTimes, satisfactionScores, ticketsByMonth} from "../../pipelines/service.ts";
import {serviceBySlice} from "../../pipelines/service/service-by-slice.ts";
import {serviceData} from "../../site/pages/service-data.ts";
import {emptySlicesWarehouse} from "../site/pages/empty-slices-warehouse.ts";
import {everyKindOfChoice, expectClose} from "./every-kind-of-choice.ts";
import {emptyWarehouse, sampleWarehouse} from "./sample-warehouse.ts";

// The tickets, complaint rate, resolution times and satisfaction of every slice read by one query per figure and
// period, grouped by filter choice, must be those the pipelines give one slice at a time (a ticket in a filtered
// choice through its account), and the page data equal.

async function expectSameSlices(connection: DuckDBConnection, {page = false} = {}) {
  const g = await everyKindOfChoice(connection);
  const grouped = await serviceBySlice(g);
  let tickets = 0;
  for (const [p, period] of g.periods.entries())
    for (const [c, filters] of g.choices.entries()) {
      const ctx = {connection, now: g.now, period, filters};
      const expected = {
        tickets: await ticketsByMonth(ctx),
        rate: await complaintRate(ctx),
        times: await resolutionTimes(ctx),
        satisfaction: await satisfactionScores(ctx)
      };
      expectClose(grouped[p][c], expected, `${p}/${c}`);
      tickets += grouped[p][c].tickets.rows.reduce((sum, row) => sum + row.n_tickets, 0);
    }
  if (page) expect(await serviceData(connection)).toEqual(await serviceData(connection, false));
  return {grid: g, grouped, tickets};
}

describe("serviceBySlice", () => {
  let sample: Awaited<ReturnType<typeof sampleWarehouse>>;
  let sparse: Awaited<ReturnType<typeof emptySlicesWarehouse>>;
  beforeAll(async () => {
    sample = await sampleWarehouse();
    sparse = await emptySlicesWarehouse();
  }, 300_000);
  afterAll(() => {
    sample.close();
    sparse.close();
  });

  it("equals the per-slice pipelines on the sample, under every kind of filter", async () => {
    const {grid: g, grouped, tickets} = await expectSameSlices(sample.connection, {page: true});
    expect(g.choices).toHaveLength(6);
    expect(tickets).toBeGreaterThan(0);
    const all = g.periods.length - 1;
    // a filtered choice holds fewer tickets than all of them
    const count = (c: number) => grouped[all][c].tickets.rows.reduce((sum, row) => sum + row.n_tickets, 0);
    expect(count(1)).toBeGreaterThan(0);
    expect(count(1)).toBeLessThan(count(0));
  }, 300_000);

  it("equals them where a slice holds nothing", async () => {
    await expectSameSlices(sparse.connection);
  }, 300_000);

  it("equals them without tickets", async () => {
    const empty = await emptyWarehouse();
    try {
      const {grouped, tickets} = await expectSameSlices(empty.connection);
      expect(tickets).toBe(0);
      expect(grouped[0][0].rate.missing).toEqual(["tickets"]);
    } finally {
      empty.close();
    }
  }, 300_000);
});
