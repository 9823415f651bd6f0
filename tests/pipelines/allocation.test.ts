import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {budgetAllocation, repLoad, suggestedReassignments} from "../../pipelines/allocation.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

/**
 * Team East: R1, R2, R3; team West: R4. Now = 2026-07-01, period = first half of 2026.
 * Closed (created 01-01, closed 02-01, all 制造业 via account A1): R1 won 1 of 5 (C1–C5), R2 won 4 of 5 (C6–C10).
 * Open (created 06-01, stage potential, margin 0.5): R1 D1 制造业 100 000, D2 制造业 80 000, D3–D5 零售 10 000;
 * R2 D6 零售 10 000; R3 D7, D8 零售 10 000; R4 D9 制造业 1 000.
 * Learned probability of potential: all ten closed deals reached it, five won → 0.5.
 */
const FIXTURE = `
INSERT INTO reps (rep_id, name, team, region, _ingest_id, _file, _line) VALUES
  ('R1', 'Rep One', 'East', 'E', 1, 'r', 1), ('R2', 'Rep Two', 'East', 'E', 1, 'r', 2),
  ('R3', 'Rep Three', 'East', 'E', 1, 'r', 3), ('R4', 'Rep Four', 'West', 'W', 1, 'r', 4);
INSERT INTO accounts (account_id, industry, _ingest_id, _file, _line) VALUES
  ('A1', '制造业', 1, 'a', 1), ('A2', '零售', 1, 'a', 2);
INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, source, stage, outcome, amount, currency,
  expected_margin, created_at, closed_at, _ingest_id, _file, _line)
SELECT 'C' || i, 'A1', CASE WHEN i <= 5 THEN 'R1' ELSE 'R2' END, 'web',
  CASE WHEN i IN (1, 6, 7, 8, 9) THEN 'won' ELSE 'lost' END, CASE WHEN i IN (1, 6, 7, 8, 9) THEN 'won' ELSE 'lost' END,
  1000, 'CNY', 0.5, TIMESTAMP '2026-01-01', TIMESTAMP '2026-02-01', 1, 'o', i
FROM range(1, 11) t(i);
INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, source, stage, outcome, amount, currency,
  expected_margin, created_at, _ingest_id, _file, _line) VALUES
  ('D1', 'A1', 'R1', 'web', 'potential', 'open', 100000, 'CNY', 0.5, '2026-06-01', 1, 'o', 11),
  ('D2', 'A1', 'R1', 'web', 'potential', 'open', 80000, 'CNY', 0.5, '2026-06-01', 1, 'o', 12),
  ('D3', 'A2', 'R1', 'web', 'potential', 'open', 10000, 'CNY', 0.5, '2026-06-01', 1, 'o', 13),
  ('D4', 'A2', 'R1', 'web', 'potential', 'open', 10000, 'CNY', 0.5, '2026-06-01', 1, 'o', 14),
  ('D5', 'A2', 'R1', 'web', 'potential', 'open', 10000, 'CNY', 0.5, '2026-06-01', 1, 'o', 15),
  ('D6', 'A2', 'R2', 'web', 'potential', 'open', 10000, 'CNY', 0.5, '2026-06-01', 1, 'o', 16),
  ('D7', 'A2', 'R3', 'web', 'potential', 'open', 10000, 'CNY', 0.5, '2026-06-01', 1, 'o', 17),
  ('D8', 'A2', 'R3', 'web', 'potential', 'open', 10000, 'CNY', 0.5, '2026-06-01', 1, 'o', 18),
  ('D9', 'A1', 'R4', 'web', 'potential', 'open', 1000, 'CNY', 0.5, '2026-06-01', 1, 'o', 19);`;

const NOW = "2026-07-01T00:00:00Z";
const H1 = {start: "2026-01-01", end: "2026-07-01"};

describe("allocation on a literal fixture", () => {
  let warehouse: {connection: DuckDBConnection; close(): void};
  let ctx: PipelineContext;
  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await warehouse.connection.run(FIXTURE);
    ctx = {connection: warehouse.connection, period: H1, now: NOW};
  });
  afterAll(() => warehouse.close());

  it("repLoad(ctx) sets each rep's open book against the team median", async () => {
    const {rows, missing} = await repLoad(ctx);
    expect(missing).toEqual([]);
    // East counts 5, 1, 2 → median 2; weighted (amount × 0.5) 105 000, 5 000, 10 000 → median 10 000
    // R1: 5 / 2 = 2.5 > 1.5 → overloaded. West: R4 alone, median 1
    // prettier-ignore
    expect(rows.map((r) => [r.rep_id, r.team, r.count_open, r.open_amount, r.weighted_value, r.expected_value,
      r.team_median_count_open, r.team_median_weighted_value, r.load_ratio, r.is_overloaded])).toEqual([
      ["R1", "East", 5, 210000, 105000, 52500, 2, 10000, 2.5, true],
      ["R2", "East", 1, 10000, 5000, 2500, 2, 10000, 0.5, false],
      ["R3", "East", 2, 20000, 10000, 5000, 2, 10000, 1, false],
      ["R4", "West", 1, 1000, 500, 250, 1, 500, 1, false]
    ]);
  });

  it("suggestedReassignments(ctx) moves the best deal of an overloaded, segment-weak rep, within the cap", async () => {
    const {rows} = await suggestedReassignments(ctx);
    // shrunk win rates in 制造业 (empirical Bayes over the two cells 1/5 and 4/5): μ = 0.5,
    // Q = 5·0.3² + 5·0.3² = 0.9, τ² = (0.9 − 0.25) / (10 − 50/10) = 0.13, α + β = 0.25/0.13 − 1 = 12/13,
    // α = β = 6/13 → R1 (1 + 6/13)/(5 + 12/13) = 19/77 = 0.2468, R2 58/77 = 0.7532; pooled 制造业 rate 0.5.
    // p = 0.5 → odds × (58/19)² = 3364/361 → p′ = 3364/3725 = 0.9031.
    // Values ≥ the book's median (2 500): D1–D8; only D1 and D2 are 制造业. Gains: D1 100 000 × 0.5 × (0.9031 − 0.5)
    // = 20 154.36, D2 80 000 × 0.5 × 0.4031 = 16 123.49. R1 may give away ⌊0.2 × 5⌋ = 1 → D1 only.
    expect(rows).toHaveLength(1);
    const [move] = rows;
    expect(move).toMatchObject({
      opportunity_id: "D1",
      from_rep_id: "R1",
      to_rep_id: "R2",
      from_count_open: 5,
      to_count_open: 1,
      team_median_count_open: 2,
      industry_win_rate: 0.5,
      win_probability_before: 0.5,
      reason: "overloaded_and_weak_in_segment"
    });
    expect(move.from_segment_win_rate).toBeCloseTo(19 / 77, 12);
    expect(move.to_segment_win_rate).toBeCloseTo(58 / 77, 12);
    expect(move.win_probability_after).toBeCloseTo(3364 / 3725, 12);
    expect(move.expected_value_gain).toBeCloseTo(20154.362416, 5);
    expect(move.explanation).toBe(
      "Rep One (R1) holds 5 open opportunities, 2.5× the team median of 2. In 制造业 (average 50 %) Rep One wins 25 % " +
        "(shrunk), Rep Two (R2) 75 % with 1 open. Moving D1 to Rep Two raises its win probability from 50 % to 90 % and " +
        "its expected value by 20,154."
    );
    expect(move.explanation_zh).toBe(
      "Rep One (R1)手上有5个进行中的商机，是团队中位数2的2.5倍。在制造业行业（平均赢单率50%），Rep One的赢单率（收缩后）为25%，" +
        "Rep Two (R2)为75%（手上1个）。将D1转给Rep Two，赢单概率由50%升至90%，期望价值增加20,154。"
    );
  });

  it("lets a larger share go, but never past the receiver's capacity", async () => {
    // ⌊0.4 × 5⌋ = 2 moves; R2 may hold up to 1.5 × 2 = 3 → takes D1 and D2
    const {rows} = await suggestedReassignments(ctx, {maxShareOfBook: 0.4});
    expect(rows.map((r) => [r.opportunity_id, r.to_rep_id])).toEqual([
      ["D1", "R2"],
      ["D2", "R2"]
    ]);
    // R2 can take 3 − 1 = 2 at most: a cap of 100 % still moves only these two
    expect((await suggestedReassignments(ctx, {maxShareOfBook: 1})).rows).toHaveLength(2);
    expect((await suggestedReassignments(ctx, {maxShareOfBook: 0})).rows).toEqual([]);
  });

  it("suggests only moves that add at least a share of the median open deal's expected value", async () => {
    // the book's median expected value is 2 500; D1 adds 20 154.36, D2 16 123.49
    const moves = async (minGainShare: number) =>
      (await suggestedReassignments(ctx, {maxShareOfBook: 0.4, minGainShare})).rows.map((r) => r.opportunity_id);
    expect(await moves(6.4)).toEqual(["D1", "D2"]); // 16 000
    expect(await moves(6.5)).toEqual(["D1"]); // 16 250
    expect(await moves(8.1)).toEqual([]); // 20 250
  });

  it("suggests nothing for a rep filter on a rep with nothing to give", async () => {
    const {rows} = await suggestedReassignments({...ctx, filters: {rep: "R3"}});
    expect(rows).toEqual([]);
  });
});

describe("budgetAllocation(ctx)", () => {
  let warehouse: {connection: DuckDBConnection; close(): void};
  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    // channel a: spend 1 000, won 3 of 4 (1 000 each, margin 0.5 → 1 500); channel b: spend 2 000, won 1 of 4
    // (2 000 × 0.5 → 1 000)
    await warehouse.connection.run(`
      INSERT INTO marketing_spend (channel, month, cost, _ingest_id, _file, _line) VALUES
        ('a', '2026-01-01', 1000, 1, 'm', 1), ('b', '2026-01-01', 2000, 1, 'm', 2);
      INSERT INTO opportunities (opportunity_id, source, stage, outcome, amount, currency, expected_margin, created_at,
        closed_at, _ingest_id, _file, _line) VALUES
        ('a1', 'a', 'won', 'won', 1000, 'CNY', 0.5, '2026-01-05', '2026-02-01', 1, 'o', 1),
        ('a2', 'a', 'won', 'won', 1000, 'CNY', 0.5, '2026-01-05', '2026-02-01', 1, 'o', 2),
        ('a3', 'a', 'won', 'won', 1000, 'CNY', 0.5, '2026-01-05', '2026-02-01', 1, 'o', 3),
        ('a4', 'a', 'lost', 'lost', 1000, 'CNY', 0.5, '2026-01-05', '2026-02-01', 1, 'o', 4),
        ('b1', 'b', 'won', 'won', 2000, 'CNY', 0.5, '2026-01-05', '2026-02-01', 1, 'o', 5),
        ('b2', 'b', 'lost', 'lost', 2000, 'CNY', 0.5, '2026-01-05', '2026-02-01', 1, 'o', 6),
        ('b3', 'b', 'lost', 'lost', 2000, 'CNY', 0.5, '2026-01-05', '2026-02-01', 1, 'o', 7),
        ('b4', 'b', 'lost', 'lost', 2000, 'CNY', 0.5, '2026-01-05', '2026-02-01', 1, 'o', 8);`);
  });
  afterAll(() => warehouse.close());

  it("ranks channels by ROI with intervals and splits next period's budget in proportion to their return", async () => {
    const {rows} = await budgetAllocation({connection: warehouse.connection, period: H1, now: NOW});
    // ROI a = (1 500 − 1 000)/1 000 = 0.5, b = (1 000 − 2 000)/2 000 = −0.5; shares of the margin 1 500 : 1 000
    // → 0.6 and 0.4 of the 3 000 spent → 1 800 and 1 200; at last period's returns (1.5 and 0.5 per unit)
    // 2 700 + 600 = 3 300 against the 2 500 the period's split brought
    // prettier-ignore
    expect(rows.map((r) => [r.source, r.rank, r.roi, r.return_per_cost, r.current_share, r.next_share, r.next_budget,
      r.margin_at_next_budget, r.total_cost, r.total_margin, r.total_margin_at_next_budget])).toEqual([
      ["a", 1, 0.5, 1.5, 1 / 3, 0.6, 1800, 2700, 3000, 2500, 3300],
      ["b", 2, -0.5, 0.5, 2 / 3, 0.4, 1200, 600, 3000, 2500, 3300]
    ]);
    // Wilson 3 of 4 (R prop.test(3, 4, correct = FALSE)): 0.300641842582 – 0.954412739190; 4 closed × bound won,
    // 500 margin each: ROI (4 × 0.3006418 × 500 − 1 000)/1 000 = −0.3987163 … 0.9088255; cost per won deal
    // 1 000/3 = 333.33, bounds 1 000/(4 × 0.9544127) = 261.94 … 1 000/(4 × 0.3006418) = 831.55
    const [a, b] = rows;
    expect(a.roi_lower).toBeCloseTo(-0.398716314836, 9);
    expect(a.roi_upper).toBeCloseTo(0.90882547838, 9);
    expect(a.cost_per_won_deal).toBeCloseTo(333.333333, 5);
    expect(a.cost_per_won_deal_lower).toBeCloseTo(1000 / (4 * 0.95441273919), 6);
    expect(a.cost_per_won_deal_upper).toBeCloseTo(1000 / (4 * 0.300641842582), 6);
    expect(a.margin_at_next_budget_lower).toBeCloseTo(1800 * (1 - 0.398716314836), 6);
    // b: 1 of 4, Wilson 0.0455872608097 – 0.6993581574176; margin 1 000 per won deal
    expect(b.roi_lower).toBeCloseTo((4 * 0.0455872608097 * 1000 - 2000) / 2000, 9);
    expect(b.roi_upper).toBeCloseTo((4 * 0.6993581574176 * 1000 - 2000) / 2000, 9);
    // at the lower bounds: 1 800 × (1 − 0.3987163) + 1 200 × (4 × 0.0455873 × 1 000 / 2 000) = 1 082.31 + 109.41
    expect(a.total_margin_at_next_budget_lower).toBeCloseTo(1800 * 0.601283685164 + 1200 * 0.0911745216194, 6);
  });

  it("returns no rows without marketing spend", async () => {
    const empty = await emptyWarehouse();
    const result = await budgetAllocation({connection: empty.connection, period: H1, now: NOW});
    empty.close();
    expect(result).toEqual({rows: [], missing: ["marketing_spend"]});
  });
});
