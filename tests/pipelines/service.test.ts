import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {
  complaintRate,
  complaintRiskList,
  repurchaseAfterComplaint,
  resolutionTimes,
  satisfactionScores,
  service,
  ticketsByMonth
} from "../../pipelines/service.ts";
import {insert} from "./insert-rows.ts";
import {emptyWarehouse, sampleWarehouse} from "./sample-warehouse.ts";

/**
 * Five accounts; now = 2026-07-01, the period is January–June 2026.
 *
 * | account | owner | deals                                                        | tickets
 * | A1      | R1    | O1 won 2025-03-01; O2 open (300), created 2026-05-01         | T1 complaint 01-05 10:00 → 01-07 10:00 (48 h, 2); T2 complaint 06-20, open
 * | A2      | R2    | O3 won 2025-02-01; O10 won 2025-04-15; O4 won 2026-01-10     | T3 inquiry 01-20 → +6 h (5); T4 repair 02-03 → +72 h (4); T9 inquiry 03-15, open
 * | A3      | R1    | O5 won 2024-06-01; O6 won 2025-03-01; O11 won 2026-04-01     | T5 "Complaint" 02-10 → +24 h (1.4); T8 inquiry 03-01 → +12 h (4.5)
 * | A4      | R2    | O7 lost 2026-03-01                                           | T7 repair 2025-12-15 (before the period); T10 complaint 2026-08-01 (after now)
 * | A5      | R1    | O8 open (500) and O9 open (250), created in June             | T6 投诉 06-25, resolved 07-05 (after now)
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
      ["A3", "R1"],
      ["A4", "R2"],
      ["A5", "R1"]
    ]
  );
  await insert(
    connection,
    "opportunities",
    ["opportunity_id", "account_id", "owner_rep_id", "stage", "outcome", "amount", "created_at", "closed_at"],
    [
      ["O1", "A1", "R1", "won", "won", 100, "2025-01-01 00:00:00", "2025-03-01 00:00:00"],
      ["O2", "A1", "R1", "intent", "open", 300, "2026-05-01 00:00:00", null],
      ["O3", "A2", "R2", "won", "won", 200, "2025-01-01 00:00:00", "2025-02-01 00:00:00"],
      ["O4", "A2", "R2", "won", "won", 200, "2025-12-01 00:00:00", "2026-01-10 00:00:00"],
      ["O5", "A3", "R1", "won", "won", 50, "2024-05-01 00:00:00", "2024-06-01 00:00:00"],
      ["O6", "A3", "R1", "won", "won", 60, "2025-02-01 00:00:00", "2025-03-01 00:00:00"],
      ["O7", "A4", "R2", "lost", "lost", 70, "2026-01-01 00:00:00", "2026-03-01 00:00:00"],
      ["O8", "A5", "R1", "potential", "open", 500, "2026-06-01 00:00:00", null],
      ["O9", "A5", "R1", "intent", "open", 250, "2026-06-10 00:00:00", null],
      ["O10", "A2", "R2", "won", "won", 80, "2025-03-20 00:00:00", "2025-04-15 00:00:00"],
      ["O11", "A3", "R1", "won", "won", 90, "2026-03-01 00:00:00", "2026-04-01 00:00:00"]
    ]
  );
  await insert(
    connection,
    "tickets",
    ["ticket_id", "account_id", "category", "opened_at", "resolved_at", "satisfaction"],
    [
      ["T1", "A1", "complaint", "2026-01-05 10:00:00", "2026-01-07 10:00:00", 2],
      ["T2", "A1", "complaint", "2026-06-20 00:00:00", null, null],
      ["T3", "A2", "inquiry", "2026-01-20 00:00:00", "2026-01-20 06:00:00", 5],
      ["T4", "A2", "repair", "2026-02-03 00:00:00", "2026-02-06 00:00:00", 4],
      ["T5", "A3", "Complaint", "2026-02-10 00:00:00", "2026-02-11 00:00:00", 1.4],
      ["T6", "A5", "投诉", "2026-06-25 00:00:00", "2026-07-05 00:00:00", null],
      ["T7", "A4", "repair", "2025-12-15 00:00:00", "2025-12-16 00:00:00", 3],
      ["T8", "A3", "inquiry", "2026-03-01 00:00:00", "2026-03-01 12:00:00", 4.5],
      ["T9", "A2", "inquiry", "2026-03-15 00:00:00", null, null],
      ["T10", "A4", "complaint", "2026-08-01 00:00:00", null, null]
    ]
  );
}

const NOW = "2026-07-01T00:00:00Z";
const PERIOD = {start: "2026-01-01", end: "2026-07-01"};

describe("service pipelines on a literal fixture", () => {
  let warehouse: Awaited<ReturnType<typeof emptyWarehouse>>;
  let ctx: PipelineContext;

  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await fixture(warehouse.connection);
    ctx = {connection: warehouse.connection, period: PERIOD, now: NOW};
  });
  afterAll(() => warehouse.close());

  describe("ticketsByMonth(ctx)", () => {
    it("counts tickets per month and category, open ones at now", async () => {
      const {rows, missing} = await ticketsByMonth(ctx);
      expect(missing).toEqual([]);
      // T7 opened before the period, T10 after it; T6 is resolved only after now, so open at now
      expect(rows).toEqual([
        {month: "2026-01-01", category: "complaint", is_complaint: true, n_tickets: 1, n_resolved: 1, n_open: 0},
        {month: "2026-01-01", category: "inquiry", is_complaint: false, n_tickets: 1, n_resolved: 1, n_open: 0},
        {month: "2026-02-01", category: "Complaint", is_complaint: true, n_tickets: 1, n_resolved: 1, n_open: 0},
        {month: "2026-02-01", category: "repair", is_complaint: false, n_tickets: 1, n_resolved: 1, n_open: 0},
        {month: "2026-03-01", category: "inquiry", is_complaint: false, n_tickets: 2, n_resolved: 1, n_open: 1},
        {month: "2026-06-01", category: "complaint", is_complaint: true, n_tickets: 1, n_resolved: 0, n_open: 1},
        {month: "2026-06-01", category: "投诉", is_complaint: true, n_tickets: 1, n_resolved: 0, n_open: 1}
      ]);
    });

    it("takes the complaint categories as an option", async () => {
      const {rows} = await ticketsByMonth(ctx, {complaintCategories: ["repair"]});
      expect(rows.filter((r) => r.is_complaint).map((r) => r.category)).toEqual(["repair"]);
    });

    it("returns no rows for an empty period", async () => {
      expect((await ticketsByMonth({...ctx, period: {start: "2030-01-01", end: "2030-02-01"}})).rows).toEqual([]);
    });
  });

  describe("resolutionTimes(ctx)", () => {
    it("gives the median and p90 of resolved tickets, unresolved ones apart", async () => {
      const {rows} = await resolutionTimes(ctx);
      expect(rows).toEqual([
        {
          category: "Complaint",
          n_tickets: 1,
          n_resolved: 1,
          n_unresolved: 0,
          resolution_hours_median: 24,
          resolution_hours_p90: 24,
          resolution_hours_mean: 24
        },
        {
          category: "complaint",
          n_tickets: 2,
          n_resolved: 1,
          n_unresolved: 1,
          resolution_hours_median: 48,
          resolution_hours_p90: 48,
          resolution_hours_mean: 48
        },
        // T3 6 h, T8 12 h; R: quantile(c(6, 12), c(0.5, 0.9), type = 7) → 9, 11.4
        {
          category: "inquiry",
          n_tickets: 3,
          n_resolved: 2,
          n_unresolved: 1,
          resolution_hours_median: 9,
          resolution_hours_p90: expect.closeTo(11.4, 9),
          resolution_hours_mean: 9
        },
        {
          category: "repair",
          n_tickets: 1,
          n_resolved: 1,
          n_unresolved: 0,
          resolution_hours_median: 72,
          resolution_hours_p90: 72,
          resolution_hours_mean: 72
        },
        // resolved on 07-05, after now: not yet a resolution time
        {
          category: "投诉",
          n_tickets: 1,
          n_resolved: 0,
          n_unresolved: 1,
          resolution_hours_median: null,
          resolution_hours_p90: null,
          resolution_hours_mean: null
        }
      ]);
    });
  });

  describe("satisfactionScores(ctx)", () => {
    it("averages the scores and counts them per whole point", async () => {
      const {rows} = await satisfactionScores(ctx);
      const scores = (n1: number, n2: number, n3: number, n4: number, n5: number) => ({
        n_score_1: n1,
        n_score_2: n2,
        n_score_3: n3,
        n_score_4: n4,
        n_score_5: n5
      });
      // T5's 1.4 counts as 1; T8's 4.5 as 5 (halves round up); inquiry mean (5 + 4.5) / 2 = 4.75
      expect(rows).toEqual([
        {category: "Complaint", n_rated: 1, satisfaction_mean: 1.4, ...scores(1, 0, 0, 0, 0)},
        {category: "complaint", n_rated: 1, satisfaction_mean: 2, ...scores(0, 1, 0, 0, 0)},
        {category: "inquiry", n_rated: 2, satisfaction_mean: 4.75, ...scores(0, 0, 0, 0, 2)},
        {category: "repair", n_rated: 1, satisfaction_mean: 4, ...scores(0, 0, 0, 1, 0)}
      ]);
    });
  });

  describe("complaintRate(ctx)", () => {
    it("divides complaints by active customers", async () => {
      const {rows} = await complaintRate(ctx);
      // complaints in the period (complaint, Complaint, 投诉): T1, T2 (A1), T5 (A3), T6 (A5) = 4 from 3 accounts.
      // active at 2026-07-01: won since 2025-07-01 — A2 (O4), A3 (O11); open then — A1 (O2), A5 (O8, O9) = 4
      // → 4 × 100 / 4 = 100
      expect(rows).toEqual([
        {
          n_complaints: 4,
          n_accounts_complaining: 3,
          active_at: "2026-07-01",
          n_active_accounts: 4,
          complaints_per_100_active: 100
        }
      ]);
    });

    it("measures activity at the period's end when it comes before now", async () => {
      const {rows} = await complaintRate({...ctx, period: {start: "2026-01-01", end: "2026-04-01"}});
      // complaints T1, T5; active at 2026-04-01: A2 won O4 (and O10) in the 12 months before; A3's O11, created
      // 03-01, closes exactly at 04-01, so it is still open at that moment; A1's O2 starts in May → 2 active
      // → 2 × 100 / 2 = 100
      expect(rows[0]).toMatchObject({n_complaints: 2, active_at: "2026-04-01", n_active_accounts: 2});
      expect(rows[0].complaints_per_100_active).toBe(100);
    });

    it("applies filters to complaints and active customers", async () => {
      const {rows} = await complaintRate({...ctx, filters: {team: "B"}});
      // team B (R2) sells to A2 and A4: no complaint in the period; A2 active through O4
      expect(rows[0]).toMatchObject({n_complaints: 0, n_active_accounts: 1, complaints_per_100_active: 0});
    });
  });

  describe("complaintRiskList(ctx)", () => {
    it("lists accounts with an open complaint and an open opportunity, largest amount first", async () => {
      const {rows} = await complaintRiskList(ctx);
      // open complaints at now: T2 (A1) and T6 (A5, resolved only after now); T9 is an inquiry, T10 not yet opened
      expect(rows).toEqual([
        {
          account_id: "A5",
          owner_rep_id: "R1",
          n_open_complaints: 1,
          oldest_complaint_at: "2026-06-25T00:00:00Z",
          days_open: 6,
          n_open_opportunities: 2,
          open_amount: 750
        },
        {
          account_id: "A1",
          owner_rep_id: "R1",
          n_open_complaints: 1,
          oldest_complaint_at: "2026-06-20T00:00:00Z",
          days_open: 11,
          n_open_opportunities: 1,
          open_amount: 300
        }
      ]);
    });

    it("is empty when the filters leave no open opportunity", async () => {
      expect((await complaintRiskList({...ctx, filters: {rep: "R2"}})).rows).toEqual([]);
    });
  });

  describe("repurchaseAfterComplaint(ctx)", () => {
    it("follows complainers from their first complaint and others from a comparable date", async () => {
      const {rows} = await repurchaseAfterComplaint(ctx, {windowMonths: 3, referenceLagDays: 30});
      // customers: A1, A2, A3 (A4 and A5 never bought). Complained after buying: A1 (first 2026-01-05),
      // A3 (2026-02-10); A2 never complained: reference 2025-02-01 + 30 d = 2025-03-03.
      // 3-month windows, all ended by now: A1 no deal in (01-05, 04-05]; A3 won O11 on 04-01; A2 won O10 on 04-15.
      expect(rows).toEqual([
        {
          group: "complained",
          n_accounts: 2,
          n_repurchased: 1,
          repurchase_rate: 0.5,
          // R: prop.test(1, 2, correct = FALSE)$conf.int → 0.0945312057 0.9054687943
          repurchase_rate_lower: expect.closeTo(0.0945312057, 9),
          repurchase_rate_upper: expect.closeTo(0.9054687943, 9),
          reference_lag_days: 30,
          window_months: 3
        },
        {
          group: "no_complaint",
          n_accounts: 1,
          n_repurchased: 1,
          repurchase_rate: 1,
          // R: prop.test(1, 1, correct = FALSE)$conf.int → 0.2065493144 1
          repurchase_rate_lower: expect.closeTo(0.2065493144, 9),
          repurchase_rate_upper: 1,
          reference_lag_days: 30,
          window_months: 3
        }
      ]);
    });

    it("uses the median time to a first complaint, and leaves out windows not yet over", async () => {
      const {rows} = await repurchaseAfterComplaint(ctx);
      // lags: A1 2025-03-01 → 2026-01-05 10:00 = 310.417 d, A3 2024-06-01 → 2026-02-10 = 619 d; median 464.708 d.
      // With 12-month windows every reference (A1 2026-01-05, A3 2026-02-10, A2 2026-05-11) ends after now.
      expect(rows.map((r) => [r.group, r.n_accounts, r.repurchase_rate, r.reference_lag_days])).toEqual([
        ["complained", 0, null, 464.7],
        ["no_complaint", 0, null, 464.7]
      ]);
    });
  });
});

describe("service pipelines without tickets", () => {
  it("say tickets are missing", async () => {
    const warehouse = await emptyWarehouse();
    try {
      const ctx = {connection: warehouse.connection, period: PERIOD, now: NOW};
      for (const result of Object.values(await service(ctx))) expect(result).toEqual({rows: [], missing: ["tickets"]});
    } finally {
      warehouse.close();
    }
  });
});

describe("service pipelines on the sample", () => {
  let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
  let ctx: PipelineContext;

  beforeAll(async () => {
    warehouse = await sampleWarehouse();
    ctx = warehouse.context({start: "2024-01-01", end: "2026-11-21"});
  });
  afterAll(() => warehouse.close());

  it("matches the golden output", async () => {
    const results = await service(ctx);
    await expect(JSON.stringify(results, null, 2)).toMatchFileSnapshot("./__snapshots__/service.json");
  });

  it("shows complaints resolved more slowly and rated lower than inquiries", async () => {
    // the generator: complaints take a median 96 h and score around 2.2, inquiries 6 h and 4.4
    const times = Object.fromEntries((await resolutionTimes(ctx)).rows.map((r) => [r.category, r]));
    expect(times.complaint.resolution_hours_median!).toBeGreaterThan(5 * times.inquiry.resolution_hours_median!);
    const scores = Object.fromEntries((await satisfactionScores(ctx)).rows.map((r) => [r.category, r]));
    expect(scores.inquiry.satisfaction_mean! - scores.complaint.satisfaction_mean!).toBeGreaterThan(2);
  });
});
