import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {readFeatures, scoreOpportunities, scoring, trainScorer, type FeatureTable} from "../../pipelines/scoring.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

/**
 * Six opportunities, now = 2026-07-01 00:00 UTC, period = the first half of 2026 (times UTC):
 *   W1 A1 R1 referral 100 000 × 0.5  potential 01-01 → negotiation 01-20 (skipped intent) → won 02-15 (45 d)
 *      call 01-01 02:00, materials 01-05 02:00 (4 d later), call 01-13 02:00 (8 d later): on plan
 *   L1 A2 R1 weibo 50 000            potential 01-10 → lost 01-20 (10 d), never touched
 *   W2 A1 R2 referral 120 000        potential 03-01 → intent 03-05 → negotiation 04-10 → won 05-01 (61 d)
 *   L2 A2 R2 weibo 60 000  强敌       potential 04-01 → intent 04-20 → lost 06-01 (61 d); call 04-03 (48 h: late)
 *   O1 A1 R1 referral 200 000 × 0.4 强敌, open: potential 05-01 → intent 05-10; call 05-01 03:00,
 *      materials 05-05 03:00, call 05-14 03:00 (on plan)
 *   O2 A2 R2 weibo 80 000, no margin, open: potential 02-01 → lost 03-01 → intent 04-01 (reopened), never touched
 * Accounts: A1 制造业 50-199 浙江 credit A; A2 零售 1-49 广东 credit D.
 */
const FIXTURE = `
INSERT INTO reps (rep_id, name, team, region, _ingest_id, _file, _line) VALUES
  ('R1', 'Rep One', 'East', 'Shanghai', 1, 'r', 1), ('R2', 'Rep Two', 'East', 'Shanghai', 1, 'r', 2);
INSERT INTO accounts (account_id, industry, size_band, province, credit_rating, _ingest_id, _file, _line) VALUES
  ('A1', '制造业', '50-199', '浙江', 'A', 1, 'a', 1), ('A2', '零售', '1-49', '广东', 'D', 1, 'a', 2);
INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, source, stage, outcome, amount, currency,
  expected_margin, created_at, expected_close_at, closed_at, lost_reason, competitor, _ingest_id, _file, _line) VALUES
  ('W1', 'A1', 'R1', 'referral', 'won', 'won', 100000, 'CNY', 0.5, '2026-01-01', '2026-02-10', '2026-02-15', NULL, NULL, 1, 'o', 1),
  ('L1', 'A2', 'R1', 'weibo', 'lost', 'lost', 50000, 'CNY', 0.3, '2026-01-10', '2026-02-01', '2026-01-20', '价格过高', NULL, 1, 'o', 2),
  ('W2', 'A1', 'R2', 'referral', 'won', 'won', 120000, 'CNY', 0.5, '2026-03-01', '2026-04-20', '2026-05-01', NULL, NULL, 1, 'o', 3),
  ('L2', 'A2', 'R2', 'weibo', 'lost', 'lost', 60000, 'CNY', 0.3, '2026-04-01', '2026-05-15', '2026-06-01', '选择竞品', '强敌', 1, 'o', 4),
  ('O1', 'A1', 'R1', 'referral', 'intent', 'open', 200000, 'CNY', 0.4, '2026-05-01', '2026-07-15', NULL, NULL, '强敌', 1, 'o', 5),
  ('O2', 'A2', 'R2', 'weibo', 'intent', 'open', 80000, 'CNY', NULL, '2026-02-01', '2026-04-30', NULL, NULL, NULL, 1, 'o', 6);
INSERT INTO stage_history (opportunity_id, stage, entered_at, _ingest_id, _file, _line) VALUES
  ('W1', 'potential', '2026-01-01', 1, 'h', 1), ('W1', 'negotiation', '2026-01-20', 1, 'h', 2), ('W1', 'won', '2026-02-15', 1, 'h', 3),
  ('L1', 'potential', '2026-01-10', 1, 'h', 4), ('L1', 'lost', '2026-01-20', 1, 'h', 5),
  ('W2', 'potential', '2026-03-01', 1, 'h', 6), ('W2', 'intent', '2026-03-05', 1, 'h', 7),
  ('W2', 'negotiation', '2026-04-10', 1, 'h', 8), ('W2', 'won', '2026-05-01', 1, 'h', 9),
  ('L2', 'potential', '2026-04-01', 1, 'h', 10), ('L2', 'intent', '2026-04-20', 1, 'h', 11), ('L2', 'lost', '2026-06-01', 1, 'h', 12),
  ('O1', 'potential', '2026-05-01', 1, 'h', 13), ('O1', 'intent', '2026-05-10', 1, 'h', 14),
  ('O2', 'potential', '2026-02-01', 1, 'h', 15), ('O2', 'lost', '2026-03-01', 1, 'h', 16), ('O2', 'intent', '2026-04-01', 1, 'h', 17);`;

const ACTIVITIES = `
INSERT INTO activities (activity_id, opportunity_id, type, occurred_at, _ingest_id, _file, _line) VALUES
  ('a1', 'W1', 'call', '2026-01-01 02:00', 1, 'c', 1), ('a2', 'W1', 'material_sent', '2026-01-05 02:00', 1, 'c', 2),
  ('a3', 'W1', 'call', '2026-01-13 02:00', 1, 'c', 3), ('a4', 'L2', 'call', '2026-04-03 00:00', 1, 'c', 4),
  ('a5', 'O1', 'call', '2026-05-01 03:00', 1, 'c', 5), ('a6', 'O1', 'material_sent', '2026-05-05 03:00', 1, 'c', 6),
  ('a7', 'O1', 'call', '2026-05-14 03:00', 1, 'c', 7);`;

const NOW = "2026-07-01T00:00:00Z";
const H1 = {start: "2026-01-01", end: "2026-07-01"};

/** The feature table as row objects, categories by name. */
function featureRows(table: FeatureTable) {
  return Array.from({length: table.length}, (_, i) => {
    const level = (column: keyof FeatureTable["codes"]) => {
      const code = table.codes[column][i];
      return code === 0 ? null : table.levels[column][code - 1];
    };
    const n = table.numbers;
    return {
      is_won: Number.isNaN(n.is_won[i]) ? null : n.is_won[i],
      landmark_days: Number.isNaN(n.landmark_days[i]) ? null : n.landmark_days[i],
      owner_rep_id: level("owner_rep_id"),
      stage: level("stage"),
      follow_up: level("follow_up"),
      age_days: n.age_days[i],
      activity_count: n.activity_count[i],
      days_since_touch: n.days_since_touch[i],
      rep_closed_before: n.rep_closed_before[i],
      rep_won_before: n.rep_won_before[i],
      rep_segment_closed_before: n.rep_segment_closed_before[i],
      rep_segment_won_before: n.rep_segment_won_before[i],
      is_returning_customer: n.is_returning_customer[i],
      has_competitor: n.has_competitor[i]
    };
  });
}

describe("scoring on a literal fixture", () => {
  let warehouse: {connection: DuckDBConnection; close(): void};
  let ctx: PipelineContext;

  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await warehouse.connection.run(FIXTURE + ACTIVITIES);
    ctx = {connection: warehouse.connection, period: H1, now: NOW};
  });
  afterAll(() => warehouse.close());

  describe("readFeatures(connection, scope)", () => {
    it("cuts each closed opportunity at the landmarks it was still undecided at, oldest close first", async () => {
      const rows = featureRows(await readFeatures(ctx.connection, ctx));
      // L1 closes after 10 days (landmarks 1, 7), W1 after 45 (1, 7, 30), W2 and L2 after 61 (1, 7, 30); then O1, O2
      // prettier-ignore
      expect(rows.map((r) => [r.owner_rep_id, r.is_won, r.landmark_days])).toEqual([
        ["R1", 0, 1], ["R1", 0, 7],
        ["R1", 1, 1], ["R1", 1, 7], ["R1", 1, 30],
        ["R2", 1, 1], ["R2", 1, 7], ["R2", 1, 30],
        ["R2", 0, 1], ["R2", 0, 7], ["R2", 0, 30],
        ["R1", null, null], ["R2", null, null]
      ]);
    });

    it("reads the newest maxClosed closed opportunities only, and every open one", async () => {
      const rows = featureRows(await readFeatures(ctx.connection, {...ctx, maxClosed: 2}));
      // the two newest closes: W2 (05-01) and L2 (06-01); L1 and W1 closed earlier are left out
      // prettier-ignore
      expect(rows.map((r) => [r.owner_rep_id, r.is_won, r.landmark_days])).toEqual([
        ["R2", 1, 1], ["R2", 1, 7], ["R2", 1, 30],
        ["R2", 0, 1], ["R2", 0, 7], ["R2", 0, 30],
        ["R1", null, null], ["R2", null, null]
      ]);
    });

    it("measures stage, activities and the follow-up plan as of each cut-off, never after it", async () => {
      const rows = featureRows(await readFeatures(ctx.connection, ctx));
      const pick = ({stage, follow_up, activity_count, days_since_touch}: (typeof rows)[number]) => ({
        stage,
        follow_up,
        activity_count,
        days_since_touch: Math.round(days_since_touch * 1e6) / 1e6
      });
      // L1 @1 d: nothing yet, 24 h is still within the first-contact window; @7 d: no contact after 168 h
      expect(pick(rows[0])).toEqual({
        stage: "potential",
        follow_up: "on_plan_so_far",
        activity_count: 0,
        days_since_touch: 1
      });
      expect(pick(rows[1])).toEqual({
        stage: "potential",
        follow_up: "off_plan",
        activity_count: 0,
        days_since_touch: 7
      });
      // W1 @1 d (01-02 00:00): the 02:00 call, 22 h ago = 0.916667 d; @7 d: materials 01-05 02:00, 2 d 22 h ago
      expect(pick(rows[2])).toEqual({
        stage: "potential",
        follow_up: "on_plan_so_far",
        activity_count: 1,
        days_since_touch: 0.916667
      });
      expect(pick(rows[3])).toEqual({
        stage: "potential",
        follow_up: "on_plan_so_far",
        activity_count: 2,
        days_since_touch: 2.916667
      });
      // W1 @30 d (01-31): negotiation since 01-20 (intent skipped), second call 01-13 02:00 → 17 d 22 h, plan complete
      expect(pick(rows[4])).toEqual({
        stage: "negotiation",
        follow_up: "on_plan",
        activity_count: 3,
        days_since_touch: 17.916667
      });
      // L2 @7 d (04-08): the first contact came after 48 h > 24 h (04-03 00:00, 5 d ago)
      expect(pick(rows[9])).toEqual({
        stage: "potential",
        follow_up: "off_plan",
        activity_count: 1,
        days_since_touch: 5
      });
      // L2 @30 d (05-01): intent since 04-20; the lost stage (06-01) is never seen
      expect(rows[10].stage).toBe("intent");
      // O2 is open again after a loss: its last open stage is intent; never touched in its 150 days
      expect(pick(rows[12])).toEqual({
        stage: "intent",
        follow_up: "off_plan",
        activity_count: 0,
        days_since_touch: 150
      });
    });

    it("counts the owner's record in months before the cut-off and earlier wins of the account", async () => {
      const rows = featureRows(await readFeatures(ctx.connection, ctx));
      const record = (r: (typeof rows)[number]) => [
        r.rep_closed_before,
        r.rep_won_before,
        r.rep_segment_closed_before,
        r.rep_segment_won_before,
        r.is_returning_customer
      ];
      // W1 @30 d (January): R1 closed nothing before January
      expect(record(rows[4])).toEqual([0, 0, 0, 0, 0]);
      // W2 @1 d (03-02): R2 closed nothing before March; A1 won W1 on 02-15 → returning customer
      expect(record(rows[5])).toEqual([0, 0, 0, 0, 1]);
      // O1 now (July): R1 closed L1 (lost, Jan) and W1 (won, Feb): 2 closed, 1 won; in 制造业 W1 only: 1 of 1
      expect(record(rows[11])).toEqual([2, 1, 1, 1, 1]);
      // O2 now: R2 closed W2 (won, May) and L2 (lost, June); in 零售 L2 only: 1 closed, 0 won; A2 never won
      expect(record(rows[12])).toEqual([2, 1, 1, 0, 0]);
      // the competitor named on O1 (and L2)
      expect(rows.map((r) => r.has_competitor)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0]);
    });
  });

  describe("scoreOpportunities(ctx)", () => {
    it("falls back to learned stage probabilities below 40 won and 40 lost training opportunities", async () => {
      const scorer = await trainScorer(ctx);
      // the 4 closed opportunities by close time: L1 (01-20), W1 (02-15), W2 (05-01), L2 (06-01). The test
      // part starts at the one at ⌊4 × 0.8⌋ = 3 (L2), the validation part at ⌊4 × 0.6⌋ = 2 (W2); training keeps
      // L1 and W1 — 1 won, 1 lost, 5 cut-offs (2 + 3), 3 of them won; W2 and L2 have 3 cut-offs each
      expect(scorer.method).toBe("stage_probability");
      const none = {auc: null, auc_lower: null, auc_upper: null, brier_score: null, brier_score_lower: null};
      expect(scorer.evaluation).toEqual([
        {
          method: "stage_probability",
          is_used: true,
          split_kind: "time_ordered",
          validation_at: "2026-05-01T00:00:00Z",
          split_at: "2026-06-01T00:00:00Z",
          n_train_rows: 5,
          n_train_won_rows: 3,
          n_train_opportunities: 2,
          n_validation_rows: 3,
          n_validation_opportunities: 1,
          n_test_rows: 3,
          n_test_won_rows: 0,
          n_test_opportunities: 1,
          ...none,
          brier_score_upper: null,
          log_loss: null,
          validation_auc: null,
          validation_brier_score: null,
          calibration_method: null,
          calibrated_auc: null,
          calibrated_auc_lower: null,
          calibrated_auc_upper: null,
          calibrated_brier_score: null,
          calibrated_brier_score_lower: null,
          calibrated_brier_score_upper: null,
          calibrated_log_loss: null,
          note: "Only 1 won and 1 lost training opportunities (at least 40 and 40 are needed): no model is trained, scores are the learned stage probabilities.",
          note_zh: "训练数据仅有赢单1个、输单1个（至少各需40个和40个）：不训练模型，得分采用学习到的阶段概率。"
        }
      ]);
    });

    it("values, ranks, explains and flags each open opportunity", async () => {
      const {rows, missing} = await scoreOpportunities(ctx);
      // learned probability of intent: of the closed deals that reached it (W1, W2 won — a win reaches every
      // stage — and L2), 2 won of 3 = 2/3. Value O1 = 200 000 × 0.4 × 2/3 = 53 333.33; O2 has no margin: the
      // open average 0.4 stands in → 80 000 × 0.4 × 2/3 = 21 333.33
      // prettier-ignore
      expect(rows.map((r) => [r.opportunity_id, r.priority_rank, r.win_probability, r.margin_used, r.is_margin_imputed])).toEqual([
        ["O1", 1, 2 / 3, 0.4, false],
        ["O2", 2, 2 / 3, 0.4, true]
      ]);
      expect(rows[0].expected_value).toBeCloseTo(53333.333333, 5);
      expect(rows[1].expected_value).toBeCloseTo(21333.333333, 5);
      expect([rows[0].reason_1, rows[0].reason_1_zh, rows[0].reason_2]).toEqual([
        "Stage intent: 67 % of past deals in it were won",
        "阶段意向：以往处于该阶段的商机67%赢单",
        null
      ]);
      // median won cycle = (45 + 61) / 2 = 53 d → overdue beyond 106 d: O2 (150 d) is, O1 (61 d) is not;
      // untouched > 14 d: O1 last touched 05-14 03:00 (47.875 d), O2 never (150 d); low credit: A2 is D.
      // 强敌 was named on one closed deal (lost): Wilson upper bound of 0/1 = 3.84/4.84 = 0.79 > overall 0.5 → not strong
      // prettier-ignore
      expect(
        rows.map((r) => ({
          id: r.opportunity_id,
          low: r.is_low_credit,
          strong: r.has_strong_competitor,
          overdue: r.is_cycle_overdue,
          untouched: r.is_untouched,
          pushed: r.is_close_date_pushed,
          count: r.risk_count,
          risks: r.risks,
          risks_zh: r.risks_zh
        }))
      ).toEqual([
        {id: "O1", low: false, strong: false, overdue: false, untouched: true, pushed: null, count: 1, risks: "no touch in 48 days", risks_zh: "48天未跟进"},
        {
          id: "O2", low: true, strong: false, overdue: true, untouched: true, pushed: null, count: 3,
          risks: "low credit (D); open 150 days, beyond 106; no touch in 150 days",
          risks_zh: "信用等级低（D）；已开启150天，超过106天；150天未跟进"
        }
      ]);
      // no ingest snapshots: close-date pushes cannot be known
      expect(missing).toEqual(["opportunity_snapshots"]);
    });

    it("uses the configured stage probabilities when the period closed nothing", async () => {
      const {rows} = await scoreOpportunities({...ctx, period: {start: "2025-01-01", end: "2026-01-01"}});
      // nothing learned for intent: the stage model's 0.3 stands in
      expect(rows.map((r) => [r.opportunity_id, r.win_probability])).toEqual([
        ["O1", 0.3],
        ["O2", 0.3]
      ]);
    });

    it("returns the same rows from scoring(ctx) as from its parts", async () => {
      const results = await scoring(ctx);
      expect(results.scores).toEqual(await scoreOpportunities(ctx));
      expect(results.calibration.rows).toEqual([]);
      expect(results.coefficients.rows).toEqual([]);
    });
  });
});

describe("scoreOpportunities(ctx) without activities", () => {
  let warehouse: {connection: DuckDBConnection; close(): void};
  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await warehouse.connection.run(FIXTURE);
  });
  afterAll(() => warehouse.close());

  it("leaves activity columns and the untouched flag unknown and names the missing table", async () => {
    const {rows, missing} = await scoreOpportunities({connection: warehouse.connection, period: H1, now: NOW});
    expect(missing).toEqual(["activities", "opportunity_snapshots"]);
    expect(rows.map((r) => [r.activity_count, r.days_since_touch, r.follow_up, r.is_untouched])).toEqual([
      [null, null, null, null],
      [null, null, null, null]
    ]);
    // O2: low credit and overdue remain
    expect(rows[1].risks).toBe("low credit (D); open 150 days, beyond 106");
  });
});
