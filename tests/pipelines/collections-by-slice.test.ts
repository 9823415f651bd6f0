import type {DuckDBConnection} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {
  collectionRate,
  daysSalesOutstanding,
  expectedCollections,
  overdueReceivables,
  receivablesAgeing,
  signedVsCollected
} from "../../pipelines/collections.ts";
import {contractsBySlice, receivablesByChoice} from "../../pipelines/collections/contracts-by-slice.ts";
import {quotes} from "../../pipelines/quotes.ts";
import {quotesBySlice} from "../../pipelines/quotes/quotes-by-slice.ts";
import {collectionsData} from "../../site/pages/collections-data.ts";
import {sampleAndSparse} from "../site/pages/empty-slices-warehouse.ts";
import {everyKindOfChoice, expectClose} from "./every-kind-of-choice.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

// The quotes and contracts of every slice, and the receivables of every filter choice, read by one query per figure and period, grouped by filter choice, must be those
// the pipelines give one slice at a time: counts and medians to the last bit, sums of amounts up to the order
// DuckDB adds them in, and the page data, rounded as the page shows it, equal.

async function expectSameSlices(connection: DuckDBConnection, {page = false} = {}) {
  const g = await everyKindOfChoice(connection);
  const grouped = await quotesBySlice(g);
  const contracts = await contractsBySlice(g);
  let quoted = 0;
  let signed = 0;
  for (const [p, period] of g.periods.entries())
    for (const [c, filters] of g.choices.entries()) {
      const ctx = {connection, now: g.now, period, filters};
      expectClose(grouped[p][c], await quotes(ctx), `${p}/${c}`);
      expectClose(
        contracts[p][c],
        {
          signed_vs_collected: await signedVsCollected(ctx),
          collection_rate: await collectionRate(ctx),
          dso: await daysSalesOutstanding(ctx)
        },
        `${p}/${c}`
      );
      quoted += grouped[p][c].acceptance.rows[0]?.n_quotes ?? 0;
      signed += contracts[p][c].collection_rate.rows[0]?.n_contracts ?? 0;
    }
  const receivables = await receivablesByChoice(g);
  let overdue = 0;
  for (const [c, filters] of g.choices.entries()) {
    const ctx = {connection, now: g.now, period: g.periods[0], filters};
    const expected = {
      ageing_by_rep: await receivablesAgeing(ctx, "rep"),
      ageing_by_team: await receivablesAgeing(ctx, "team"),
      ageing_by_account: await receivablesAgeing(ctx, "account"),
      overdue: await overdueReceivables(ctx),
      expected: await expectedCollections(ctx)
    };
    expectClose(receivables[c], expected, `now/${c}`);
    overdue += receivables[c].overdue.rows.length;
  }
  if (page) expect(await collectionsData(connection)).toEqual(await collectionsData(connection, false));
  return {grid: g, grouped, contracts, receivables, quoted, signed, overdue};
}

describe("quotesBySlice and contractsBySlice", () => {
  const warehouses = sampleAndSparse();

  it("equals the per-slice pipelines on the sample, under every kind of filter", async () => {
    const {
      grid: g,
      grouped,
      contracts,
      receivables,
      quoted,
      signed,
      overdue
    } = await expectSameSlices(warehouses.sample.connection, {page: true});
    expect(overdue).toBeGreaterThan(0);
    // every choice lists its three months of expected collections, empty ones included
    expect(receivables.every((choice) => choice.expected.rows.length === 3)).toBe(true);
    expect(g.choices).toHaveLength(6);
    expect(quoted).toBeGreaterThan(0);
    expect(signed).toBeGreaterThan(0);
    // the quarter to date: every choice, even one with nothing signed, has its DSO row
    expect(contracts[0].every((slice) => slice.dso.rows.length === 1)).toBe(true);
    const all = g.periods.length - 1;
    expect(grouped[all].every((slice) => slice.discount_bands.rows.some((band) => band.n_closed > 0))).toBe(true);
  }, 300_000);

  it("equals them where a slice holds nothing", async () => {
    await expectSameSlices(warehouses.sparse.connection);
  }, 300_000);

  it("equals them without quotes or contracts", async () => {
    const empty = await emptyWarehouse();
    try {
      const {grouped, contracts, quoted} = await expectSameSlices(empty.connection);
      expect(quoted).toBe(0);
      expect(grouped[0][0].acceptance.missing).toEqual(["quotes"]);
      expect(contracts[0][0].dso.missing).toEqual(["contracts"]);
    } finally {
      empty.close();
    }
  }, 300_000);
});
