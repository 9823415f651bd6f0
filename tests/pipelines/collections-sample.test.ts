import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  expectedCollections,
  overdueReceivables,
  receivablesAgeing,
  signedVsCollected
} from "../../pipelines/collections.ts";
import {discountBands, quoteAcceptance} from "../../pipelines/quotes.ts";
import {readRows} from "../../pipelines/lib/read-rows.ts";
import {sampleWarehouse} from "./sample-warehouse.ts";

const ALL_TIME = {start: "2023-11-01", end: "2026-11-21"};
const round2 = (x: number) => Math.round(x * 100) / 100;

describe("collections and quotes on the sample", () => {
  let sample: Awaited<ReturnType<typeof sampleWarehouse>>;
  beforeAll(async () => {
    sample = await sampleWarehouse();
  });
  afterAll(() => sample.close());

  const scalar = async (sql: string) => (await readRows<{x: number}>(sample.connection, sql))[0].x;

  it("signs and collects what the contracts and payments tables hold", async () => {
    const {rows} = await signedVsCollected(sample.context(ALL_TIME));
    expect(round2(rows.reduce((sum, r) => sum + r.signed_amount, 0))).toBe(
      await scalar("SELECT sum(amount)::DOUBLE AS x FROM contracts")
    );
    expect(round2(rows.reduce((sum, r) => sum + r.collected_amount, 0))).toBe(
      await scalar("SELECT sum(received_amount)::DOUBLE AS x FROM payments")
    );
  });

  it("ages every unpaid amount once, whether by account, rep or team", async () => {
    // every sample contract has a plan adding up to its amount, and receipts never exceed it
    const owed = await scalar(
      "SELECT (SELECT sum(amount) FROM contracts) - (SELECT sum(received_amount) FROM payments)::DOUBLE AS x"
    );
    const ctx = sample.context(ALL_TIME);
    for (const groupBy of ["account", "rep", "team"] as const) {
      const {rows} = await receivablesAgeing(ctx, groupBy);
      expect(round2(rows.reduce((sum, r) => sum + r.not_due_amount + r.overdue_amount, 0)), groupBy).toBe(owed);
    }
    const overdue = (await overdueReceivables(ctx)).rows;
    expect(overdue.some((r) => r.days_overdue > 90)).toBe(true);
    expect((await expectedCollections(ctx)).rows.some((r) => r.expected_amount > 0)).toBe(true);
  });

  it("finds decided quotes and closed deals in more than one discount band", async () => {
    const ctx = sample.context(ALL_TIME);
    expect((await quoteAcceptance(ctx)).rows[0].n_accepted).toBe(
      await scalar("SELECT count(*)::INTEGER AS x FROM quotes WHERE status = 'accepted'")
    );
    expect((await discountBands(ctx)).rows.filter((r) => r.n_closed > 0).length).toBeGreaterThan(1);
  });
});
