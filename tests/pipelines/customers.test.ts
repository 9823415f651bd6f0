import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  accountRfm,
  careList,
  customers,
  customerSegments,
  loyaltyTiers,
  nextMonthDay,
  repeatPurchaseRate,
  rfmSegments
} from "../../pipelines/customers.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {insert} from "./insert-rows.ts";
import {emptyWarehouse, sampleWarehouse} from "./sample-warehouse.ts";

/**
 * Four accounts and ten opportunities; now = 2026-12-20, the period is 2026.
 *
 * | account | province/city | industry | tier, points | won deals (closed, amount)                          | other
 * | A1 (R1) | 广东 广州      | mfg      | 金卡 1000     | O1 2025-04-01 100, O2 2026-03-01 200                 | O3 lost 2026-05-01 (300)
 * | A2 (R2) | 广东 深圳      | retail   | 普通 0        | O4 2026-06-01 400                                    | O5 open, created 2026-11-01
 * | A3 (R1) | 浙江 杭州      | mfg      | 银卡 500      | O7 2024-02-01 50, O8 2025-06-01 70, O6 2026-01-15 600 (created 2025) |
 * | A4 (R2) | 浙江 杭州      | —        | —             | —                                                    | O9 lost 2026-08-01 (80)
 * | —  (R2) |               |          |               | O10 2026-10-01 90, no account                        |
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
    ["account_id", "province", "city", "industry", "size_band", "membership_tier", "points", "owner_rep_id"],
    [
      ["A1", "广东", "广州", "mfg", "50-199", "金卡", 1000, "R1"],
      ["A2", "广东", "深圳", "retail", "1-49", "普通", 0, "R2"],
      ["A3", "浙江", "杭州", "mfg", "50-199", "银卡", 500, "R1"],
      ["A4", "浙江", "杭州", null, null, null, null, "R2"]
    ]
  );
  await insert(
    connection,
    "opportunities",
    ["opportunity_id", "account_id", "owner_rep_id", "stage", "outcome", "amount", "created_at", "closed_at"],
    [
      ["O1", "A1", "R1", "won", "won", 100, "2025-03-01 00:00:00", "2025-04-01 00:00:00"],
      ["O2", "A1", "R1", "won", "won", 200, "2026-02-01 00:00:00", "2026-03-01 00:00:00"],
      ["O3", "A1", "R1", "lost", "lost", 300, "2026-04-01 00:00:00", "2026-05-01 00:00:00"],
      ["O4", "A2", "R2", "won", "won", 400, "2026-01-10 00:00:00", "2026-06-01 00:00:00"],
      ["O5", "A2", "R2", "intent", "open", 500, "2026-11-01 00:00:00", null],
      ["O6", "A3", "R1", "won", "won", 600, "2025-06-01 00:00:00", "2026-01-15 00:00:00"],
      ["O7", "A3", "R1", "won", "won", 50, "2024-01-01 00:00:00", "2024-02-01 00:00:00"],
      ["O8", "A3", "R1", "won", "won", 70, "2024-05-01 00:00:00", "2025-06-01 00:00:00"],
      ["O9", "A4", "R2", "lost", "lost", 80, "2026-07-01 00:00:00", "2026-08-01 00:00:00"],
      ["O10", null, "R2", "won", "won", 90, "2026-09-01 00:00:00", "2026-10-01 00:00:00"]
    ]
  );
  await insert(
    connection,
    "contacts",
    ["contact_id", "account_id", "name", "phone", "birthday"],
    [
      ["C1", "A1", "张三", "13800000001", "12-20"],
      ["C2", "A1", "李四", "13800000002", "01-18"],
      ["C3", "A2", "王五", "13800000003", "01-19"],
      ["C4", "A3", "赵六", "13800000004", "12-19"],
      ["C5", "A4", "钱七", "13800000005", "02-29"],
      ["C6", "A2", "孙八", "13800000006", "13-01"],
      ["C7", "A2", "周九", "13800000007", null]
    ]
  );
  await insert(
    connection,
    "activities",
    ["activity_id", "opportunity_id", "account_id", "type", "occurred_at"],
    [
      ["V1", "O2", "A1", "visit", "2026-01-01 03:00:00"],
      ["V2", "O3", "A1", "visit", "2026-10-01 03:00:00"],
      // linked to A3 only through its opportunity
      ["V3", "O6", null, "visit", "2026-11-01 03:00:00"],
      // after now: has not happened yet
      ["V4", "O6", "A3", "visit", "2026-12-25 03:00:00"],
      // not a visit
      ["K1", "O4", "A2", "call", "2026-12-01 03:00:00"]
    ]
  );
}

const NOW = "2026-12-20T00:00:00Z";
const YEAR_2026 = {start: "2026-01-01", end: "2027-01-01"};
const ALL_TIME = {start: "2000-01-01", end: "2100-01-01"};

describe("customer pipelines on a literal fixture", () => {
  let warehouse: Awaited<ReturnType<typeof emptyWarehouse>>;
  let ctx: PipelineContext;

  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await fixture(warehouse.connection);
    ctx = {connection: warehouse.connection, period: YEAR_2026, now: NOW};
  });
  afterAll(() => warehouse.close());

  describe("customerSegments(ctx, dimension)", () => {
    it("counts accounts, new opportunities, win rate and won revenue per province", async () => {
      const {rows, missing} = await customerSegments(ctx, "province");
      expect(missing).toEqual([]);
      // in the period: created O2 O3 O4 O5 O9 O10; closed O2 (won) O3 (lost) O4 (won) O6 (won) O9 (lost) O10 (won)
      // 广东: A1 and A2; created O2 O3 O4 O5 = 4; closed O2 O3 O4 = 3, won O2 + O4 = 200 + 400
      // 浙江: A3 and A4; created O9 = 1; closed O6 O9 = 2, won O6 = 600
      // no account: O10 created and won (90)
      expect(rows).toEqual([
        {
          dimension: "province",
          segment: "广东",
          n_accounts: 2,
          n_opportunities: 4,
          n_closed: 3,
          n_won: 2,
          won_amount: 600,
          win_rate: 2 / 3,
          // R: prop.test(2, 3, correct = FALSE)$conf.int → 0.2076596008 0.9385080553
          win_rate_lower: expect.closeTo(0.2076596008, 9),
          win_rate_upper: expect.closeTo(0.9385080553, 9),
          n_won_without_amount: 0,
          average_deal_amount: 300
        },
        {
          dimension: "province",
          segment: "浙江",
          n_accounts: 2,
          n_opportunities: 1,
          n_closed: 2,
          n_won: 1,
          won_amount: 600,
          win_rate: 0.5,
          // R: prop.test(1, 2, correct = FALSE)$conf.int → 0.0945312057 0.9054687943
          win_rate_lower: expect.closeTo(0.0945312057, 9),
          win_rate_upper: expect.closeTo(0.9054687943, 9),
          n_won_without_amount: 0,
          average_deal_amount: 600
        },
        {
          dimension: "province",
          segment: null,
          n_accounts: 0,
          n_opportunities: 1,
          n_closed: 1,
          n_won: 1,
          won_amount: 90,
          win_rate: 1,
          // R: prop.test(1, 1, correct = FALSE)$conf.int → 0.2065493144 1
          win_rate_lower: expect.closeTo(0.2065493144, 9),
          win_rate_upper: 1,
          n_won_without_amount: 0,
          average_deal_amount: 90
        }
      ]);
    });

    it("bands purchase frequency by won deals closed before the period", async () => {
      const {rows} = await customerSegments(ctx, "purchase_frequency");
      // before 2026: A1 won O1 (1), A3 won O7 and O8 (2-3), A2, A4 and the unknown account none (0)
      // 0: O4 (won 400) O5 O9 (lost) O10 (won 90); 1: O2 (won 200) O3 (lost); 2-3: O6 (won 600, created in 2025)
      expect(rows.map((r) => [r.segment, r.n_accounts, r.n_opportunities, r.n_closed, r.n_won, r.won_amount])).toEqual([
        ["2-3", 1, 0, 1, 1, 600],
        ["0", 2, 4, 3, 2, 490],
        ["1", 1, 2, 2, 1, 200]
      ]);
    });

    it("segments by loyalty tier, accounts without one under null", async () => {
      const {rows} = await customerSegments(ctx, "membership_tier");
      expect(rows.map((r) => [r.segment, r.n_accounts, r.n_closed, r.won_amount, r.average_deal_amount])).toEqual([
        ["银卡", 1, 1, 600, 600],
        ["普通", 1, 1, 400, 400],
        ["金卡", 1, 2, 200, 200],
        [null, 1, 2, 90, 90]
      ]);
    });

    it("applies filters to the opportunities", async () => {
      const {rows} = await customerSegments({...ctx, filters: {rep: "R1"}}, "province");
      // R1: O2 O3 (A1, 广东), O6 (A3, 浙江)
      expect(rows.map((r) => [r.segment, r.n_accounts, r.n_opportunities, r.n_closed, r.n_won, r.won_amount])).toEqual([
        ["浙江", 1, 0, 1, 1, 600],
        ["广东", 1, 2, 2, 1, 200]
      ]);
    });

    it("returns no rows for an empty period", async () => {
      const {rows} = await customerSegments({...ctx, period: {start: "2030-01-01", end: "2030-02-01"}}, "industry");
      expect(rows).toEqual([]);
    });
  });

  describe("accountRfm(ctx)", () => {
    it("scores recency, frequency and monetary by quintile and labels the segment", async () => {
      const {rows} = await accountRfm({...ctx, period: ALL_TIME});
      // A1: O1 + O2 → F 2, M 300, last 2026-03-01 → 294 d; A2: O4 → F 1, M 400, 2026-06-01 → 202 d;
      // A3: O6 + O7 + O8 → F 3, M 720, last 2026-01-15 → 339 d. Three accounts: percent_rank 0, ½, 1
      // → scores 1 + ⌊5 · 0⌋ = 1, 1 + ⌊2.5⌋ = 3, min(5, 1 + 5) = 5.
      // R (oldest first): A3 1, A1 3, A2 5; F: A2 1, A1 3, A3 5; M: A1 1, A2 3, A3 5
      // A3 R1 F5 → at_risk; A2 R5, one deal → new; A1 R3 F3 → loyal
      expect(rows).toEqual([
        {
          account_id: "A3",
          recency_days: 339,
          frequency: 3,
          monetary: 720,
          first_won_at: "2024-02-01T00:00:00Z",
          last_won_at: "2026-01-15T00:00:00Z",
          r_score: 1,
          f_score: 5,
          m_score: 5,
          rfm_score: "155",
          rfm_segment: "at_risk"
        },
        {
          account_id: "A2",
          recency_days: 202,
          frequency: 1,
          monetary: 400,
          first_won_at: "2026-06-01T00:00:00Z",
          last_won_at: "2026-06-01T00:00:00Z",
          r_score: 5,
          f_score: 1,
          m_score: 3,
          rfm_score: "513",
          rfm_segment: "new"
        },
        {
          account_id: "A1",
          recency_days: 294,
          frequency: 2,
          monetary: 300,
          first_won_at: "2025-04-01T00:00:00Z",
          last_won_at: "2026-03-01T00:00:00Z",
          r_score: 3,
          f_score: 3,
          m_score: 1,
          rfm_score: "331",
          rfm_segment: "loyal"
        }
      ]);
    });

    it("gives tied accounts the same score", async () => {
      const {rows} = await accountRfm(ctx);
      // 2026 only: A1 O2, A2 O4, A3 O6 — one deal each, so all share the lowest frequency score;
      // A3 (339 d) R1 → lost, A1 (294 d) R3 → promising, A2 (202 d) R5 with one deal → new
      expect(rows.map((r) => [r.account_id, r.rfm_score, r.rfm_segment])).toEqual([
        ["A3", "115", "lost"],
        ["A2", "513", "new"],
        ["A1", "311", "promising"]
      ]);
    });

    it("scores a lone account 1 on every axis", async () => {
      const {rows} = await accountRfm({...ctx, filters: {rep: "R2"}});
      // R2's won deals: O4 (A2) and O10 (no account: not an account to score)
      expect(rows.map((r) => [r.account_id, r.rfm_score, r.rfm_segment])).toEqual([["A2", "111", "lost"]]);
    });
  });

  describe("rfmSegments(ctx)", () => {
    it("counts accounts and revenue per RFM segment", async () => {
      const {rows} = await rfmSegments({...ctx, period: ALL_TIME});
      expect(rows).toEqual([
        {
          rfm_segment: "at_risk",
          n_accounts: 1,
          account_rate: 1 / 3,
          won_amount: 720,
          recency_days_mean: 339,
          frequency_mean: 3
        },
        {
          rfm_segment: "new",
          n_accounts: 1,
          account_rate: 1 / 3,
          won_amount: 400,
          recency_days_mean: 202,
          frequency_mean: 1
        },
        {
          rfm_segment: "loyal",
          n_accounts: 1,
          account_rate: 1 / 3,
          won_amount: 300,
          recency_days_mean: 294,
          frequency_mean: 2
        }
      ]);
    });
  });

  describe("repeatPurchaseRate(ctx)", () => {
    it("divides accounts with two or more won deals by accounts with one or more", async () => {
      // all time: A1 (2), A3 (3) repeat, A2 (1) does not → 2 / 3
      expect((await repeatPurchaseRate({...ctx, period: ALL_TIME})).rows).toEqual([
        {
          n_accounts_won: 3,
          n_accounts_repeat: 2,
          repeat_purchase_rate: 2 / 3,
          // R: prop.test(2, 3, correct = FALSE)$conf.int → 0.2076596008 0.9385080553
          repeat_purchase_rate_lower: expect.closeTo(0.2076596008, 9),
          repeat_purchase_rate_upper: expect.closeTo(0.9385080553, 9)
        }
      ]);
      // 2026 only: one deal each → 0 / 3; R: prop.test(0, 3, correct = FALSE)$conf.int → 0 0.5614970318
      const [year] = (await repeatPurchaseRate(ctx)).rows;
      expect(year).toMatchObject({n_accounts_won: 3, n_accounts_repeat: 0, repeat_purchase_rate: 0});
      expect(year.repeat_purchase_rate_upper).toBeCloseTo(0.5614970318, 9);
    });

    it("has no rate when nobody bought", async () => {
      const {rows} = await repeatPurchaseRate({...ctx, period: {start: "2030-01-01", end: "2030-02-01"}});
      expect(rows).toEqual([
        {
          n_accounts_won: 0,
          n_accounts_repeat: 0,
          repeat_purchase_rate: null,
          repeat_purchase_rate_lower: null,
          repeat_purchase_rate_upper: null
        }
      ]);
    });
  });

  describe("careList(ctx)", () => {
    it("lists birthdays across the new year, visits due and holidays for the coming 30 days, by id only", async () => {
      const {rows, missing} = await careList(ctx);
      expect(missing).toEqual([]);
      // window: 2026-12-20 (day 0) … 2027-01-18 (day 29)
      // C1 12-20 → today; C2 01-18 → day 29 (in); C3 01-19 → day 30 (out); C4 12-19 → passed, next in 2027-12;
      // C5 02-29 → 2027-02-28 (out); C6 13-01 is no date; C7 has none.
      // visits (90 d): A1 last visited 2026-10-01 → due 2026-12-30 (day 10), 80 d since;
      // A2 never visited, first won 2026-06-01 → due 2026-08-30, overdue → today;
      // A3 visited 2026-11-01 through O6 → due 2027-01-30 (out); its 12-25 visit is after now. A4 never bought.
      // holidays: 元旦 2027-01-01 (day 12); 春节 2027-02-06 is outside.
      const blank = {holiday: null, contact_id: null, account_id: null, owner_rep_id: null, last_visit_at: null};
      expect(rows).toEqual([
        {
          ...blank,
          kind: "visit",
          date: "2026-12-20",
          days_until: 0,
          account_id: "A2",
          owner_rep_id: "R2",
          days_since_visit: null
        },
        {
          ...blank,
          kind: "birthday",
          date: "2026-12-20",
          days_until: 0,
          contact_id: "C1",
          account_id: "A1",
          owner_rep_id: "R1",
          days_since_visit: null
        },
        {
          ...blank,
          kind: "visit",
          date: "2026-12-30",
          days_until: 10,
          account_id: "A1",
          owner_rep_id: "R1",
          last_visit_at: "2026-10-01T03:00:00Z",
          days_since_visit: 80
        },
        {...blank, kind: "holiday", date: "2027-01-01", days_until: 12, holiday: "元旦", days_since_visit: null},
        {
          ...blank,
          kind: "birthday",
          date: "2027-01-18",
          days_until: 29,
          contact_id: "C2",
          account_id: "A1",
          owner_rep_id: "R1",
          days_since_visit: null
        }
      ]);
      expect(JSON.stringify(rows)).not.toMatch(/张三|李四|1380000/);
    });

    it("keeps 02-29 birthdays on 02-28 in a common year", async () => {
      const {rows} = await careList({...ctx, now: "2027-02-20T00:00:00Z"}, {days: 10, holidays: []});
      // window 2027-02-20 … 03-01; C5's 02-29 falls on 2027-02-28, day 8
      expect(rows.filter((r) => r.kind === "birthday")).toEqual([
        expect.objectContaining({contact_id: "C5", date: "2027-02-28", days_until: 8})
      ]);
    });

    it("takes configured holidays, fixed and dated", async () => {
      const {rows} = await careList(ctx, {
        days: 60,
        holidays: [
          {name: "店庆", date: "12-25"},
          {name: "春节", dates: ["2026-02-17", "2027-02-06"]}
        ]
      });
      expect(rows.filter((r) => r.kind === "holiday").map((r) => [r.holiday, r.date, r.days_until])).toEqual([
        ["店庆", "2026-12-25", 5],
        ["春节", "2027-02-06", 48]
      ]);
    });

    it("narrows contacts and customers to accounts with a matching opportunity", async () => {
      const {rows} = await careList({...ctx, filters: {rep: "R2"}});
      // R2 sells to A2 and A4: no birthday in the window; A2 is due a visit
      expect(rows.map((r) => [r.kind, r.account_id ?? r.holiday])).toEqual([
        ["visit", "A2"],
        ["holiday", "元旦"]
      ]);
    });
  });

  describe("loyaltyTiers(ctx)", () => {
    it("counts accounts and points per tier", async () => {
      const {rows} = await loyaltyTiers(ctx);
      const single = (points: number) => ({
        n_accounts: 1,
        account_rate: 0.25,
        n_with_points: 1,
        points_total: points,
        points_mean: points,
        points_p25: points,
        points_median: points,
        points_p75: points,
        points_max: points
      });
      expect(rows).toEqual([
        {membership_tier: "金卡", ...single(1000)},
        {membership_tier: "银卡", ...single(500)},
        {membership_tier: "普通", ...single(0)},
        {
          membership_tier: null,
          n_accounts: 1,
          account_rate: 0.25,
          n_with_points: 0,
          points_total: null,
          points_mean: null,
          points_p25: null,
          points_median: null,
          points_p75: null,
          points_max: null
        }
      ]);
    });
  });
});

describe("nextMonthDay(md, today)", () => {
  it("wraps the year and keeps 02-29 on 02-28 in common years", () => {
    expect(nextMonthDay("12-31", "2026-12-31")).toBe("2026-12-31");
    expect(nextMonthDay("01-02", "2026-12-31")).toBe("2027-01-02");
    expect(nextMonthDay("02-29", "2027-01-10")).toBe("2027-02-28");
    expect(nextMonthDay("02-29", "2028-01-10")).toBe("2028-02-29");
    expect(nextMonthDay("02-29", "2027-03-01")).toBe("2028-02-29");
    expect(() => nextMonthDay("2-9", "2027-03-01")).toThrow('a month-day must look like MM-DD, got "2-9"');
  });
});

describe("customer pipelines on a warehouse without accounts and contacts", () => {
  it("say what is missing and still compute what they can", async () => {
    const warehouse = await emptyWarehouse();
    try {
      await insert(
        warehouse.connection,
        "opportunities",
        ["opportunity_id", "account_id", "stage", "outcome", "amount", "created_at", "closed_at"],
        [["O1", "A1", "won", "won", 100, "2026-02-01 00:00:00", "2026-03-01 00:00:00"]]
      );
      const ctx = {connection: warehouse.connection, period: YEAR_2026, now: NOW};
      expect(await customerSegments(ctx, "industry")).toEqual({rows: [], missing: ["accounts"]});
      expect(await loyaltyTiers(ctx)).toEqual({rows: [], missing: ["accounts"]});
      expect((await customerSegments(ctx, "purchase_frequency")).rows).toHaveLength(1);
      expect((await repeatPurchaseRate(ctx)).rows[0].n_accounts_won).toBe(1);
      const care = await careList(ctx);
      expect(care.missing).toEqual(["activities", "contacts"]);
      expect(care.rows.map((r) => r.kind)).toEqual(["holiday"]);
    } finally {
      warehouse.close();
    }
  });

  it("say the tier columns are missing when accounts come without them", async () => {
    const warehouse = await emptyWarehouse();
    try {
      await insert(warehouse.connection, "accounts", ["account_id", "industry"], [["A1", "mfg"]]);
      const ctx = {connection: warehouse.connection, period: YEAR_2026, now: NOW};
      expect(await loyaltyTiers(ctx)).toEqual({rows: [], missing: ["accounts.membership_tier"]});
    } finally {
      warehouse.close();
    }
  });
});

describe("customer pipelines on the sample", () => {
  let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
  let ctx: PipelineContext;

  beforeAll(async () => {
    warehouse = await sampleWarehouse();
    ctx = warehouse.context({start: "2026-01-01", end: "2026-11-21"});
  });
  afterAll(() => warehouse.close());

  it("matches the golden output", async () => {
    const results = await customers(ctx);
    await expect(JSON.stringify(results, null, 2)).toMatchFileSnapshot("./__snapshots__/customers.json");
  });

  it("shows returning customers winning more often than new ones", async () => {
    // the generator adds +0.5 to the win logit of a returning customer
    const {rows} = await customerSegments(ctx, "purchase_frequency");
    const first = rows.find((r) => r.segment === "0")!;
    const returning = rows.filter((r) => r.segment !== "0");
    const won = returning.reduce((n, r) => n + r.n_won, 0);
    const closed = returning.reduce((n, r) => n + r.n_closed, 0);
    expect(won / closed - first.win_rate!).toBeGreaterThan(0.1);
  });

  it("finds repeat buyers over the whole history", async () => {
    const [row] = (await repeatPurchaseRate({...ctx, period: {start: "2000-01-01", end: "2100-01-01"}})).rows;
    expect(row.n_accounts_won).toBeGreaterThan(300);
    expect(row.repeat_purchase_rate).toBeGreaterThan(0.15);
    expect(row.repeat_purchase_rate).toBeLessThan(0.4);
  });
});
