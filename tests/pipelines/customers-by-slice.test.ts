import type {DuckDBConnection} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {customersBySlice, loyaltyTiersByChoice} from "../../pipelines/customers/customers-by-slice.ts";
import {loyaltyTiers} from "../../pipelines/customers/loyalty-tiers.ts";
import {careList, careListByChoice} from "../../pipelines/customers/care-list.ts";
import {customerSegmentsByDimension} from "../../pipelines/customers/customer-segments.ts";
import {repeatPurchaseRate} from "../../pipelines/customers/repeat-purchase-rate.ts";
import {rfmSegments} from "../../pipelines/customers/rfm-segments.ts";
import {customersData, PAGE_SEGMENTS} from "../../site/pages/customers-data.ts";
import {sampleAndSparse} from "../site/pages/empty-slices-warehouse.ts";
import {everyKindOfChoice, expectClose} from "./every-kind-of-choice.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

// The customer segments, RFM segments and repeat-purchase rate of every slice, and the loyalty tiers and care lists
// of every filter choice, read by one query per figure and period, grouped by filter choice, must be those the
// pipelines give one slice at a time (an account's RFM scores ranked among its own choice's accounts, a choice's
// contacts those of its deals' accounts), and the page data equal.

async function expectSameSlices(connection: DuckDBConnection, {page = false} = {}) {
  const g = await everyKindOfChoice(connection);
  const grouped = await customersBySlice(g, PAGE_SEGMENTS);
  let accounts = 0;
  for (const [p, period] of g.periods.entries())
    for (const [c, filters] of g.choices.entries()) {
      const ctx = {connection, now: g.now, period, filters};
      const expected = {
        segments: await customerSegmentsByDimension(ctx, PAGE_SEGMENTS),
        rfm: await rfmSegments(ctx),
        repeat: await repeatPurchaseRate(ctx)
      };
      expectClose(grouped[p][c], expected, `${p}/${c}`);
      accounts += grouped[p][c].repeat.rows[0].n_accounts_won;
    }
  const tiers = await loyaltyTiersByChoice(g);
  for (const [c, filters] of g.choices.entries())
    expectClose(tiers[c], await loyaltyTiers({connection, now: g.now, period: g.periods[0], filters}), `now/${c}`);
  // a wide window and short visit interval, so that every choice lists birthdays and visits
  const care = await careListByChoice(g, {days: 200, visitDays: 30});
  for (const [c, filters] of g.choices.entries()) {
    const ctx = {connection, now: g.now, period: g.periods[0], filters};
    expectClose(care[c], await careList(ctx, {days: 200, visitDays: 30}), `care/${c}`);
  }
  if (page) expect(await customersData(connection)).toEqual(await customersData(connection, false));
  return {grid: g, grouped, tiers, care, accounts};
}

describe("customersBySlice", () => {
  const warehouses = sampleAndSparse();

  it("equals the per-slice pipelines on the sample, under every kind of filter", async () => {
    const {
      grid: g,
      grouped,
      tiers,
      care,
      accounts
    } = await expectSameSlices(warehouses.sample.connection, {
      page: true
    });
    const kinds = (c: number, kind: string) => care[c].rows.filter((row) => row.kind === kind).length;
    expect(kinds(1, "birthday")).toBeGreaterThan(0);
    expect(kinds(1, "birthday")).toBeLessThan(kinds(0, "birthday"));
    expect(kinds(1, "visit")).toBeGreaterThan(0);
    expect(kinds(1, "visit")).toBeLessThan(kinds(0, "visit"));
    // a filtered choice counts the accounts of its deals only
    const counted = (c: number) => tiers[c].rows.reduce((sum, row) => sum + row.n_accounts, 0);
    expect(counted(1)).toBeGreaterThan(0);
    expect(counted(1)).toBeLessThan(counted(0));
    expect(g.choices).toHaveLength(6);
    expect(accounts).toBeGreaterThan(0);
    const all = g.periods.length - 1;
    // RFM scores are ranked within each choice: every choice of all time has its champions
    expect(grouped[all].every((slice) => slice.rfm.rows.some((row) => row.rfm_segment === "champions"))).toBe(true);
  }, 300_000);

  it("equals them where a slice holds nothing", async () => {
    await expectSameSlices(warehouses.sparse.connection);
  }, 300_000);

  it("equals them on a warehouse without opportunities or accounts", async () => {
    const empty = await emptyWarehouse();
    try {
      const {grouped, accounts} = await expectSameSlices(empty.connection);
      expect(accounts).toBe(0);
      expect(grouped[0][0].segments.industry.missing).toEqual(["accounts"]);
    } finally {
      empty.close();
    }
  }, 300_000);
});
