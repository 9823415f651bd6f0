import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  collectionRate,
  daysSalesOutstanding,
  expectedCollections,
  overdueReceivables,
  receivablesAgeing,
  signedVsCollected
} from "../../pipelines/collections.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {insert} from "./insert-rows.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

/**
 * now = 2026-07-01, the period is January–June 2026 (181 days).
 *
 * | contract | deal, account, owner | amount | signed     | plan                                                           |
 * | K1       | O1, A1, R1 (team A)  | 1000   | 2026-01-15 | P1 400 due 02-15, paid 02-10 (early); P2 600 due 04-15, 200 paid 05-20 |
 * | K2       | O2, A2, R2 (team B)  | 500    | 2026-03-01 | none: paid_amount 100, due_at 2026-05-31                         |
 * | K3       | O3, A3, R1           | 800    | 2026-06-10 | P3 300 due 06-20 unpaid; P4 500 due 08-10; P5 a receipt of 50 on 07-05, after now |
 * | K4       | O5, A2, R2           | 700    | 2026-02-01 | cancelled (作废); P6 700 due 03-01 unpaid                         |
 * | K5       | O4, A1, R1           | 300    | 2025-10-01 | none: paid_amount 0, due_at 2025-12-01                           |
 *
 * At now: K1 owes 400 of P2, 77 days late; K2 owes 400, 31 days; K3 owes 300 of P3, 11 days, and 500 not due;
 * K5 owes 300, 212 days (2025-12-01 → 2026-07-01).
 */
async function fixture(connection: DuckDBConnection) {
  await insert(
    connection,
    "reps",
    ["rep_id", "name", "team"],
    [
      ["R1", "Rep One", "A"],
      ["R2", "Rep Two", "B"]
    ]
  );
  await insert(
    connection,
    "accounts",
    ["account_id", "owner_rep_id"],
    [
      ["A1", "R1"],
      ["A2", "R2"],
      ["A3", "R1"]
    ]
  );
  await insert(
    connection,
    "opportunities",
    ["opportunity_id", "account_id", "owner_rep_id", "stage", "outcome", "amount", "created_at", "closed_at"],
    [
      ["O1", "A1", "R1", "won", "won", 1000, "2025-12-01 00:00:00", "2026-01-15 00:00:00"],
      ["O2", "A2", "R2", "won", "won", 500, "2026-01-01 00:00:00", "2026-03-01 00:00:00"],
      ["O3", "A3", "R1", "won", "won", 800, "2026-04-01 00:00:00", "2026-06-10 00:00:00"],
      ["O4", "A1", "R1", "won", "won", 300, "2025-08-01 00:00:00", "2025-10-01 00:00:00"],
      ["O5", "A2", "R2", "won", "won", 700, "2026-01-01 00:00:00", "2026-02-01 00:00:00"]
    ]
  );
  await insert(
    connection,
    "contracts",
    ["contract_id", "opportunity_id", "account_id", "amount", "signed_at", "status", "paid_amount", "due_at"],
    [
      ["K1", "O1", "A1", 1000, "2026-01-15", "active", 400, null],
      ["K2", "O2", "A2", 500, "2026-03-01", "active", 100, "2026-05-31"],
      ["K3", "O3", "A3", 800, "2026-06-10", "active", null, null],
      ["K4", "O5", "A2", 700, "2026-02-01", "作废", 0, "2026-03-01"],
      ["K5", "O4", "A1", 300, "2025-10-01", "active", 0, "2025-12-01"]
    ]
  );
  await insert(
    connection,
    "payments",
    ["payment_id", "contract_id", "planned_at", "planned_amount", "received_at", "received_amount"],
    [
      ["P1", "K1", "2026-02-15", 400, "2026-02-10", 400],
      ["P2", "K1", "2026-04-15", 600, "2026-05-20", 200],
      ["P3", "K3", "2026-06-20", 300, null, null],
      ["P4", "K3", "2026-08-10", 500, null, null],
      ["P5", "K3", null, null, "2026-07-05", 50],
      ["P6", "K4", "2026-03-01", 700, null, null]
    ]
  );
}

const NOW = "2026-07-01T00:00:00Z";
const PERIOD = {start: "2026-01-01", end: "2026-07-01"};

describe("collections pipelines on a literal fixture", () => {
  let warehouse: Awaited<ReturnType<typeof emptyWarehouse>>;
  let ctx: PipelineContext;

  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await fixture(warehouse.connection);
    ctx = {connection: warehouse.connection, period: PERIOD, now: NOW};
  });
  afterAll(() => warehouse.close());

  describe("signedVsCollected(ctx)", () => {
    it("sets each month's signed contracts against the money received in it", async () => {
      const {rows, missing} = await signedVsCollected(ctx);
      expect(missing).toEqual([]);
      // K4 is cancelled; K2's 100 has no receipt date; P5 arrives after now
      expect(rows).toEqual([
        {month: "2026-01-01", n_contracts: 1, signed_amount: 1000, collected_amount: 0},
        {month: "2026-02-01", n_contracts: 0, signed_amount: 0, collected_amount: 400},
        {month: "2026-03-01", n_contracts: 1, signed_amount: 500, collected_amount: 0},
        {month: "2026-04-01", n_contracts: 0, signed_amount: 0, collected_amount: 0},
        {month: "2026-05-01", n_contracts: 0, signed_amount: 0, collected_amount: 200},
        {month: "2026-06-01", n_contracts: 1, signed_amount: 800, collected_amount: 0}
      ]);
    });

    it("follows the filters through the contract's opportunity", async () => {
      const {rows} = await signedVsCollected({...ctx, filters: {team: "B"}});
      expect(rows.map((r) => r.signed_amount)).toEqual([0, 0, 500, 0, 0, 0]);
    });
  });

  describe("collectionRate(ctx)", () => {
    it("gives the share of the period's signed amount collected and of what fell due", async () => {
      const {rows} = await collectionRate(ctx);
      // signed 1000 + 500 + 800; collected 600 + 100 + 0; due before now 1000 + 500 + 300, of it unpaid 400 + 400 + 300
      expect(rows).toEqual([
        {
          n_contracts: 3,
          signed_amount: 2300,
          collected_amount: 700,
          collection_rate: 700 / 2300,
          due_amount: 1800,
          overdue_amount: 1100,
          due_collection_rate: 700 / 1800
        }
      ]);
    });
  });

  describe("receivablesAgeing(ctx, groupBy)", () => {
    it("bands what is unpaid at now by days overdue, per account", async () => {
      const {rows} = await receivablesAgeing(ctx, "account");
      expect(rows).toEqual([
        {
          key: "A1",
          not_due_amount: 0,
          overdue_0_30: 0,
          overdue_31_60: 0,
          overdue_61_90: 400,
          overdue_90_plus: 300,
          overdue_amount: 700,
          n_contracts_overdue: 2
        },
        {
          key: "A2",
          not_due_amount: 0,
          overdue_0_30: 0,
          overdue_31_60: 400,
          overdue_61_90: 0,
          overdue_90_plus: 0,
          overdue_amount: 400,
          n_contracts_overdue: 1
        },
        {
          key: "A3",
          not_due_amount: 500,
          overdue_0_30: 300,
          overdue_31_60: 0,
          overdue_61_90: 0,
          overdue_90_plus: 0,
          overdue_amount: 300,
          n_contracts_overdue: 1
        }
      ]);
    });

    it("groups by owner rep and by team", async () => {
      const byRep = (await receivablesAgeing(ctx, "rep")).rows;
      expect(
        byRep.map((r) => [r.key, r.not_due_amount, r.overdue_0_30, r.overdue_31_60, r.overdue_61_90, r.overdue_90_plus])
      ).toEqual([
        ["R1", 500, 300, 0, 400, 300],
        ["R2", 0, 0, 400, 0, 0]
      ]);
      const byTeam = (await receivablesAgeing(ctx, "team")).rows;
      expect(byTeam.map((r) => [r.key, r.overdue_amount, r.n_contracts_overdue])).toEqual([
        ["A", 1000, 3],
        ["B", 400, 1]
      ]);
    });
  });

  describe("overdueReceivables(ctx)", () => {
    it("lists overdue contracts largest first, then oldest, with the owner", async () => {
      const {rows} = await overdueReceivables(ctx);
      expect(
        rows.map((r) => [r.contract_id, r.overdue_amount, r.oldest_due_at, r.days_overdue, r.rep_name, r.team])
      ).toEqual([
        ["K1", 400, "2026-04-15", 77, "Rep One", "A"],
        ["K2", 400, "2026-05-31", 31, "Rep Two", "B"],
        ["K5", 300, "2025-12-01", 212, "Rep One", "A"],
        ["K3", 300, "2026-06-20", 11, "Rep One", "A"]
      ]);
    });
  });

  describe("expectedCollections(ctx, months)", () => {
    it("sums the unpaid instalments planned from now on, by month", async () => {
      expect((await expectedCollections(ctx)).rows).toEqual([
        {month: "2026-07-01", expected_amount: 0, n_instalments: 0},
        {month: "2026-08-01", expected_amount: 500, n_instalments: 1},
        {month: "2026-09-01", expected_amount: 0, n_instalments: 0}
      ]);
    });

    it("counts a receipt paid ahead against the next instalment", async () => {
      // a day after P5's 50 arrived: P3 is paid 50 of 300
      const later = {...ctx, now: "2026-07-06T00:00:00Z"};
      expect((await overdueReceivables(later)).rows.find((r) => r.contract_id === "K3")?.overdue_amount).toBe(250);
    });

    it("refuses a month count below one", async () => {
      await expect(expectedCollections(ctx, 0)).rejects.toThrow(
        "expectedCollections requires a positive whole number of months, got 0"
      );
    });
  });

  describe("daysSalesOutstanding(ctx)", () => {
    it("divides the receivables at the period's end by its signed amount, times its days", async () => {
      // at 2026-06-30: K1 400 + K2 400 + K3 800 + K5 300 = 1900 owed; 2300 signed in 181 days
      expect((await daysSalesOutstanding(ctx)).rows).toEqual([
        {as_of: "2026-06-30", receivables_amount: 1900, signed_amount: 2300, days: 181, dso_days: (1900 / 2300) * 181}
      ]);
    });
  });

  it("names the contracts export when it is missing", async () => {
    const empty = await emptyWarehouse();
    try {
      const bare = {...ctx, connection: empty.connection};
      expect(await collectionRate(bare)).toEqual({rows: [], missing: ["contracts"]});
      expect(await overdueReceivables(bare)).toEqual({rows: [], missing: ["contracts"]});
    } finally {
      empty.close();
    }
  });
});
