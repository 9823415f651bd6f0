import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {deepDiscountsAlert, overdueReceivablesAlert} from "../../../site/pages/overview-money.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

const ALL_TIME = {start: "2023-11-01", end: "2026-11-21"};

describe("overview money alerts on the sample", () => {
  let sample: Awaited<ReturnType<typeof sampleWarehouse>>;
  beforeAll(async () => {
    sample = await sampleWarehouse();
  });
  afterAll(() => sample.close());

  it("overdueReceivablesAlert(ctx) counts the contracts with an unpaid plan line past its date", async () => {
    // the sample pays each instalment on its own plan line
    const [expected] = await readRows<{count: number; amount: number}>(
      sample.connection,
      `WITH owed AS (
         SELECT contract_id, sum(planned_amount - CASE WHEN received_at <= DATE '2026-11-20'
           THEN coalesce(received_amount, 0) ELSE 0 END) AS owed
         FROM payments WHERE planned_at < DATE '2026-11-20' GROUP BY contract_id HAVING owed > 0)
       SELECT count(*)::INTEGER AS count, sum(owed)::DOUBLE AS amount FROM owed`
    );
    const alert = await overdueReceivablesAlert(sample.context(ALL_TIME));
    expect(alert).toEqual({count: expected.count, amount: Math.round(expected.amount), missing: []});
    expect(alert.count).toBeGreaterThan(0);
  });

  it("deepDiscountsAlert(ctx) counts the open deals last quoted deeper than 9 in 10 quotes", async () => {
    const discounts = (
      await readRows<{discount: number}>(
        sample.connection,
        "SELECT discount FROM quotes WHERE discount IS NOT NULL ORDER BY discount"
      )
    ).map((r) => r.discount);
    // R's type 7 quantile, by hand
    const h = (discounts.length - 1) * 0.9;
    const usual = discounts[Math.floor(h)] + (h - Math.floor(h)) * (discounts[Math.ceil(h)] - discounts[Math.floor(h)]);
    const [expected] = await readRows<{count: number; amount: number}>(
      sample.connection,
      `WITH last AS (
         SELECT q.amount, q.discount, o.outcome FROM quotes q JOIN opportunities o USING (opportunity_id)
         QUALIFY row_number() OVER (PARTITION BY q.opportunity_id ORDER BY q.created_at DESC, q.quote_id DESC) = 1)
       SELECT count(*)::INTEGER AS count, sum(amount)::DOUBLE AS amount FROM last
       WHERE discount > $usual AND outcome = 'open'`,
      {usual}
    );
    const alert = await deepDiscountsAlert(sample.context(ALL_TIME));
    expect(alert.usual_discount).toBeCloseTo(usual, 10);
    expect(alert).toMatchObject({count: expected.count, amount: Math.round(expected.amount ?? 0), missing: []});
    expect(alert.count).toBeGreaterThan(0);
  });
});

describe("overview money alerts on an empty warehouse", () => {
  it("count nothing", async () => {
    const empty = await emptyWarehouse();
    try {
      const ctx = {connection: empty.connection, period: ALL_TIME, now: "2026-11-20T00:00:00Z"};
      expect(await overdueReceivablesAlert(ctx)).toMatchObject({count: 0, amount: 0});
      expect(await deepDiscountsAlert(ctx)).toMatchObject({count: 0, amount: 0});
    } finally {
      empty.close();
    }
  });
});
