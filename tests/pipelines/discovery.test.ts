import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {discovery, lookalikeAccounts, repeatPurchaseDue} from "../../pipelines/discovery.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

/**
 * Now = 2026-07-01, period = 2025-01-01 … 2026-07-01. Accounts by profile (industry, size band, province):
 *   P1 制造业 50-199 浙江: A1 and A2 bought, A3 lost once, A4 has a deal open   → 2 of 4 bought
 *   P2 零售 1-49 广东: B1–B4, never engaged                                      → 0 of 4
 *   P3 教育 1-49 北京: C1 bought, C2 never engaged                                → 1 of 2
 * Purchases (won deals): A1 2025-07-01, 2025-11-01, 2026-03-01 (amounts 100, 200, 300); A2 2025-10-01, 2026-04-01;
 * C1 2026-05-01; D1 (no account row) 2025-01-01, 2025-02-01; E1 (no account row) 2025-11-01, 2026-01-01 and a deal open.
 */
const FIXTURE = `
INSERT INTO reps (rep_id, name, team, _ingest_id, _file, _line) VALUES ('R1', 'Rep One', 'East', 1, 'r', 1);
INSERT INTO accounts (account_id, industry, size_band, province, credit_rating, owner_rep_id, _ingest_id, _file, _line) VALUES
  ('A1', '制造业', '50-199', '浙江', 'A', 'R1', 1, 'a', 1), ('A2', '制造业', '50-199', '浙江', 'B', 'R1', 1, 'a', 2),
  ('A3', '制造业', '50-199', '浙江', 'C', 'R1', 1, 'a', 3), ('A4', '制造业', '50-199', '浙江', 'A', 'R1', 1, 'a', 4),
  ('B1', '零售', '1-49', '广东', 'B', NULL, 1, 'a', 5), ('B2', '零售', '1-49', '广东', 'B', NULL, 1, 'a', 6),
  ('B3', '零售', '1-49', '广东', 'B', NULL, 1, 'a', 7), ('B4', '零售', '1-49', '广东', 'B', NULL, 1, 'a', 8),
  ('C1', '教育', '1-49', '北京', 'A', 'R1', 1, 'a', 9), ('C2', '教育', '1-49', '北京', NULL, NULL, 1, 'a', 10);
INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, stage, outcome, amount, currency, created_at,
  closed_at, _ingest_id, _file, _line) VALUES
  ('o1', 'A1', 'R1', 'won', 'won', 100, 'CNY', '2025-06-01', '2025-07-01', 1, 'o', 1),
  ('o2', 'A1', 'R1', 'won', 'won', 200, 'CNY', '2025-10-01', '2025-11-01', 1, 'o', 2),
  ('o3', 'A1', 'R1', 'won', 'won', 300, 'CNY', '2026-02-01', '2026-03-01', 1, 'o', 3),
  ('o4', 'A2', 'R1', 'won', 'won', 100, 'CNY', '2025-09-01', '2025-10-01', 1, 'o', 4),
  ('o5', 'A2', 'R1', 'won', 'won', 100, 'CNY', '2026-03-01', '2026-04-01', 1, 'o', 5),
  ('o6', 'A3', 'R1', 'lost', 'lost', 100, 'CNY', '2026-01-15', '2026-02-15', 1, 'o', 6),
  ('o7', 'A4', 'R1', 'intent', 'open', 100, 'CNY', '2026-05-01', NULL, 1, 'o', 7),
  ('o8', 'C1', 'R1', 'won', 'won', 100, 'CNY', '2026-04-01', '2026-05-01', 1, 'o', 8),
  ('o9', 'D1', 'R1', 'won', 'won', 50, 'CNY', '2024-12-01', '2025-01-01', 1, 'o', 9),
  ('o10', 'D1', 'R1', 'won', 'won', 70, 'CNY', '2025-01-10', '2025-02-01', 1, 'o', 10),
  ('o11', 'E1', 'R1', 'won', 'won', 100, 'CNY', '2025-10-01', '2025-11-01', 1, 'o', 11),
  ('o12', 'E1', 'R1', 'won', 'won', 100, 'CNY', '2025-12-01', '2026-01-01', 1, 'o', 12),
  ('o13', 'E1', 'R1', 'potential', 'open', 100, 'CNY', '2026-06-01', NULL, 1, 'o', 13);`;

describe("discovery on a literal fixture", () => {
  let warehouse: {connection: DuckDBConnection; close(): void};
  let ctx: PipelineContext;
  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await warehouse.connection.run(FIXTURE);
    ctx = {
      connection: warehouse.connection,
      period: {start: "2025-01-01", end: "2026-07-01"},
      now: "2026-07-01T00:00:00Z"
    };
  });
  afterAll(() => warehouse.close());

  it("lookalikeAccounts(ctx) lists nobody for a period in which no account bought", async () => {
    // 2024: no deal was won by an account of the accounts export (D1's, in 2025, has no account row)
    const quiet = {...ctx, period: {start: "2024-01-01", end: "2025-01-01"}};
    expect(await lookalikeAccounts(quiet)).toEqual({rows: [], missing: []});
  });

  it("lookalikeAccounts(ctx) ranks idle accounts by the shrunk share of their profile that bought", async () => {
    const {rows, missing} = await lookalikeAccounts(ctx);
    // cells 2/4, 0/4, 1/2: μ = 0.3, Q = 4·0.2² + 4·0.3² + 2·0.2² = 0.6, τ² = (0.6 − 2·0.21) / (10 − 36/10) = 0.028125,
    // α + β = 0.21/0.028125 − 1 = 97/15, α = 1.94 → P1 (2 + 1.94)/(4 + 97/15) = 591/1570 = 0.37643,
    // P3 (1 + 1.94)/(2 + 97/15) = 441/1270 = 0.34724; lift = shrunk / 0.3. P2 has no buyer: no candidate.
    // Candidates: A3 (P1: not a buyer, nothing open; A4 has a deal open) and C2 (P3).
    expect(missing).toEqual([]);
    // prettier-ignore
    expect(rows.map((r) => [r.rank, r.account_id, r.n_profile_accounts, r.n_profile_customers, r.profile_customer_rate])).toEqual([
      [1, "A3", 4, 2, 0.5],
      [2, "C2", 2, 1, 0.5]
    ]);
    expect(rows[0].profile_customer_rate_shrunk).toBeCloseTo(591 / 1570, 12);
    expect(rows[1].profile_customer_rate_shrunk).toBeCloseTo(441 / 1270, 12);
    expect(rows[0].lift).toBeCloseTo(591 / 1570 / 0.3, 12);
    expect([rows[0].count_lost_opportunities, rows[0].last_opportunity_at, rows[1].last_opportunity_at]).toEqual([
      1,
      "2026-01-15T00:00:00Z",
      null
    ]);
    expect(rows[0].reason).toBe(
      "2 of 4 accounts like it (制造业, 50-199, 浙江) bought: 38 % shrunk, 1.3× the average; no open opportunity, 1 lost before"
    );
    expect(rows[1].reason_zh).toBe(
      "同类客户（教育、1-49、北京）2家中有1家成交：收缩后35%，为平均的1.2倍；目前无进行中的商机"
    );
    expect((await lookalikeAccounts(ctx, {limit: 1})).rows.map((r) => r.account_id)).toEqual(["A3"]);
  });

  it("repeatPurchaseDue(ctx) lists customers due by their own rhythm, lapsed ones last", async () => {
    const {rows} = await repeatPurchaseDue(ctx);
    // A1: gaps 123 and 120 days → median 121.5, rounded to 122 → due 2026-03-01 + 122 d = 2026-07-01, 0 days overdue.
    // D1: one gap of 31 d → due 2025-03-04, 484 days overdue > 2 × 31 → lapsed.
    // A2 (due 2026-09-30, beyond now + 30 d) and C1 (one purchase) are not listed; E1 has a deal open.
    // prettier-ignore
    expect(rows.map((r) => [r.account_id, r.n_purchases, r.median_interval_days, r.due_at, r.days_overdue, r.is_lapsed])).toEqual([
      ["A1", 3, 121.5, "2026-07-01", 0, false],
      ["D1", 2, 31, "2025-03-04", 484, true]
    ]);
    expect(rows[0]).toMatchObject({
      industry: "制造业",
      owner_rep_id: "R1",
      rep_name: "Rep One",
      first_purchase_at: "2025-07-01",
      last_purchase_at: "2026-03-01",
      average_amount: 200,
      last_amount: 300,
      reason: "Buys about every 122 days (3 purchases); last 2026-03-01, due since 2026-07-01 (0 days)",
      reason_zh: "约每122天采购一次（共3次）；最近一次2026-03-01，2026-07-01起到期（已过0天）"
    });
    expect(rows[1].reason).toBe(
      "Buys about every 31 days (2 purchases); last 2025-02-01, due since 2025-03-04 (484 days); overdue by more than 2 intervals: lapsed"
    );
    // with a 100-day horizon A2 (due in 91 days) joins, with a negative overdue
    const ahead = await repeatPurchaseDue(ctx, {horizonDays: 100});
    expect(ahead.rows.map((r) => [r.account_id, r.days_overdue])).toEqual([
      ["A1", 0],
      ["A2", -91],
      ["D1", 484]
    ]);
  });

  it("repeatPurchaseDue(ctx) still lists customers when an open deal names no account", async () => {
    // SQL's NOT IN over a list holding NULL is never true: a deal without an account once emptied the list
    const other = await emptyWarehouse();
    try {
      await other.connection.run(FIXTURE);
      await other.connection.run(`INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, stage, outcome,
        amount, currency, created_at, closed_at, _ingest_id, _file, _line)
        VALUES ('o14', NULL, 'R1', 'intent', 'open', 100, 'CNY', '2026-06-01', NULL, 1, 'o', 14)`);
      const {rows} = await repeatPurchaseDue({...ctx, connection: other.connection});
      expect(rows.map((r) => r.account_id)).toEqual(["A1", "D1"]);
    } finally {
      other.close();
    }
  });

  it("discovery(ctx) returns both lists", async () => {
    const results = await discovery(ctx);
    expect(results.lookalikes).toEqual(await lookalikeAccounts(ctx));
    expect(results.repeat_due).toEqual(await repeatPurchaseDue(ctx));
  });

  it("finds no look-alikes without an accounts export", async () => {
    const empty = await emptyWarehouse();
    const result = await lookalikeAccounts({...ctx, connection: empty.connection});
    empty.close();
    expect(result).toEqual({rows: [], missing: ["accounts"]});
  });
});
