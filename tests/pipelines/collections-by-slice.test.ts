import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Filters} from "../../pipelines/lib/context.ts";
import type {SliceGrid} from "../../pipelines/lib/slice-grid.ts";
import {collectionRate, daysSalesOutstanding, signedVsCollected} from "../../pipelines/collections.ts";
import {contractsBySlice} from "../../pipelines/collections/contracts-by-slice.ts";
import {quotes} from "../../pipelines/quotes.ts";
import {quotesBySlice} from "../../pipelines/quotes/quotes-by-slice.ts";
import {collectionsData} from "../../site/pages/collections-data.ts";
import {readSitePeriods, siteNow} from "../../site/site-now.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {emptySlicesWarehouse} from "../site/pages/empty-slices-warehouse.ts";
import {emptyWarehouse, sampleWarehouse} from "./sample-warehouse.ts";

// The quotes and contracts of every slice read by one query per figure and period, grouped by filter choice, must be those
// the pipelines give one slice at a time: counts and medians to the last bit, sums of amounts up to the order
// DuckDB adds them in, and the page data, rounded as the page shows it, equal.

/** Every site period × all, the largest team, region, channel, rep and product of the warehouse. */
async function grid(connection: DuckDBConnection): Promise<SliceGrid> {
  const [top] = await readRows<Record<string, string | null>>(
    connection,
    `SELECT mode(r.team) AS team, mode(r.region) AS region, mode(o.source) AS channel,
       mode(o.owner_rep_id) AS rep, mode(o.product) AS product
     FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id`
  );
  const choices: Filters[] = [{}];
  for (const [key, value] of Object.entries(top ?? {})) if (value !== null) choices.push({[key]: value});
  return {connection, now: await siteNow(connection), periods: await readSitePeriods(connection), choices};
}

/** Equal, numbers up to a relative 1e-12 (floating-point sums in another order). */
function expectClose(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    const scale = Math.max(1, Math.abs(expected));
    if (Math.abs(actual - expected) > 1e-12 * scale) expect(`${path}: ${actual}`).toBe(`${path}: ${expected}`);
  } else if (expected !== null && typeof expected === "object") {
    expect(actual !== null && typeof actual === "object", path).toBe(true);
    expect(Object.keys(actual as object), path).toEqual(Object.keys(expected));
    for (const [key, value] of Object.entries(expected)) expectClose((actual as never)[key], value, `${path}.${key}`);
  } else expect(actual, path).toEqual(expected);
}

async function expectSameSlices(connection: DuckDBConnection, {page = false} = {}) {
  const g = await grid(connection);
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
  if (page) expect(await collectionsData(connection)).toEqual(await collectionsData(connection, false));
  return {grid: g, grouped, contracts, quoted, signed};
}

describe("quotesBySlice and contractsBySlice", () => {
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
    const {grid: g, grouped, contracts, quoted, signed} = await expectSameSlices(sample.connection, {page: true});
    expect(g.choices).toHaveLength(6);
    expect(quoted).toBeGreaterThan(0);
    expect(signed).toBeGreaterThan(0);
    // the quarter to date: every choice, even one with nothing signed, has its DSO row
    expect(contracts[0].every((slice) => slice.dso.rows.length === 1)).toBe(true);
    const all = g.periods.length - 1;
    expect(grouped[all].every((slice) => slice.discount_bands.rows.some((band) => band.n_closed > 0))).toBe(true);
  }, 300_000);

  it("equals them where a slice holds nothing", async () => {
    await expectSameSlices(sparse.connection);
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
