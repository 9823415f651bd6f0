import type {DuckDBConnection} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {
  complaintRate,
  complaintRiskList,
  resolutionTimes,
  satisfactionScores,
  ticketsByMonth
} from "../../pipelines/service.ts";
import {complaintRiskByChoice, serviceBySlice} from "../../pipelines/service/service-by-slice.ts";
import {serviceData} from "../../site/pages/service-data.ts";
import {sampleAndSparse} from "../site/pages/empty-slices-warehouse.ts";
import {everyKindOfChoice, expectClose} from "./every-kind-of-choice.ts";
import {insert} from "./insert-rows.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

// The tickets, complaint rate, resolution times and satisfaction of every slice, and the complaint risk list of every
// filter choice, read by one query per figure and
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
  const risks = await complaintRiskByChoice(g);
  for (const [c, filters] of g.choices.entries())
    expectClose(risks[c], await complaintRiskList({connection, now: g.now, period: g.periods[0], filters}), `now/${c}`);
  if (page) expect(await serviceData(connection)).toEqual(await serviceData(connection, false));
  return {grid: g, grouped, risks, tickets};
}

describe("serviceBySlice", () => {
  const warehouses = sampleAndSparse();

  it("equals the per-slice pipelines on the sample, under every kind of filter", async () => {
    const {grid: g, grouped, tickets} = await expectSameSlices(warehouses.sample.connection, {page: true});
    expect(g.choices).toHaveLength(6);
    expect(tickets).toBeGreaterThan(0);
    const all = g.periods.length - 1;
    // a filtered choice holds fewer tickets than all of them
    const count = (c: number) => grouped[all][c].tickets.rows.reduce((sum, row) => sum + row.n_tickets, 0);
    expect(count(1)).toBeGreaterThan(0);
    expect(count(1)).toBeLessThan(count(0));
  }, 300_000);

  it("equals them where a slice holds nothing", async () => {
    await expectSameSlices(warehouses.sparse.connection);
  }, 300_000);

  it("lists an account at risk under the choices its open deals are in", async () => {
    const warehouse = await emptyWarehouse();
    try {
      const c = warehouse.connection;
      await insert(
        c,
        "reps",
        ["rep_id", "name", "team"],
        [
          ["R1", "Rep One", "A"],
          ["R2", "Rep Two", "B"]
        ]
      );
      await insert(c, "accounts", ["account_id", "name", "owner_rep_id"], [["A1", "Acme", "R1"]]);
      await insert(
        c,
        "opportunities",
        ["opportunity_id", "account_id", "owner_rep_id", "stage", "outcome", "amount", "created_at"],
        [
          ["O1", "A1", "R1", "intent", "open", 100, "2026-01-05 00:00:00"],
          ["O2", "A1", "R2", "intent", "open", 50, "2026-01-06 00:00:00"]
        ]
      );
      await insert(
        c,
        "tickets",
        ["ticket_id", "account_id", "category", "opened_at"],
        [["T1", "A1", "complaint", "2026-02-01 00:00:00"]]
      );
      const g = {...(await everyKindOfChoice(c)), choices: [{}, {team: "A"}, {team: "B"}]};
      const risks = await complaintRiskByChoice(g);
      // the account's open deals: both under all, each team's own under the team
      expect(
        risks.map(({rows}) => rows.map((row) => [row.account_id, row.n_open_opportunities, row.open_amount]))
      ).toEqual([[["A1", 2, 150]], [["A1", 1, 100]], [["A1", 1, 50]]]);
      for (const [i, filters] of g.choices.entries())
        expectClose(risks[i], await complaintRiskList({connection: c, now: g.now, period: g.periods[0], filters}));
    } finally {
      warehouse.close();
    }
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
