import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readRows} from "../../pipelines/lib/read-rows.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {LEAD_FEATURES} from "../../pipelines/scoring/lead-features.ts";
import {encodeLeads, fitLeadEncoder} from "../../pipelines/scoring/lead-model.ts";
import {scoreLeads, type LeadScoring} from "../../pipelines/scoring/score-leads.ts";
import {independentLogisticAuc} from "./independent-logistic.ts";
import {emptyWarehouse, sampleWarehouse} from "./sample-warehouse.ts";

describe("scoreLeads(ctx) on the sample", () => {
  let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
  let ctx: PipelineContext;
  let result: LeadScoring;
  beforeAll(async () => {
    warehouse = await sampleWarehouse();
    ctx = warehouse.context({start: "2023-01-01", end: "2027-01-01"});
    result = await scoreLeads(ctx);
  });
  afterAll(() => warehouse.close());

  /** The leads with a known outcome by the sample's now, read here with plain SQL, oldest first. */
  const known = () =>
    readRows<Record<string, string | null> & {y: number}>(
      ctx.connection,
      `SELECT lead_id, created_at::VARCHAR AS created_at, source, campaign, rating, owner_rep_id,
         (converted_opportunity_id IS NOT NULL OR converted_at IS NOT NULL
           OR lead_id IN (SELECT lead_id FROM opportunities WHERE lead_id IS NOT NULL))::INTEGER AS y
       FROM leads
       WHERE (converted_opportunity_id IS NOT NULL OR converted_at IS NOT NULL
           OR lead_id IN (SELECT lead_id FROM opportunities WHERE lead_id IS NOT NULL))
         OR created_at + INTERVAL 90 DAY <= $now::TIMESTAMP
       ORDER BY created_at, lead_id`,
      {now: ctx.now}
    );

  it("splits the leads with a known outcome by capture time and scores the open ones", async () => {
    const leads = await known();
    const used = result.evaluation.rows.find((row) => row.is_used)!;
    expect(used.split_kind).toBe("time_ordered");
    const n = leads.length;
    expect(n).toBe(6661);
    // train before the ⌊6 661 × 0.6⌋ = 3 996th, test from the ⌊6 661 × 0.8⌋ = 5 328th (no two leads share a time)
    expect([used.n_train_leads, used.n_validation_leads, used.n_test_leads]).toEqual([3996, 1332, 1333]);
    const [{open}] = await readRows<{open: number}>(
      ctx.connection,
      `SELECT count(*)::INTEGER AS open FROM leads
       WHERE converted_opportunity_id IS NULL AND converted_at IS NULL
         AND lead_id NOT IN (SELECT lead_id FROM opportunities WHERE lead_id IS NOT NULL)
         AND created_at + INTERVAL 90 DAY > $now::TIMESTAMP AND created_at <= $now::TIMESTAMP`,
      {now: ctx.now}
    );
    expect(result.scores.rows).toHaveLength(open);
    expect(used.method).toBe("logistic_regression");
    expect(result.scores.rows.every((row) => row.reason_1 !== null && row.reason_1_zh !== null)).toBe(true);
  });

  it("reports the test AUC an independent fit on the same split and features gets", async () => {
    const leads = await known();
    const train = leads.slice(0, 3996).map((_, i) => i);
    const test = leads.slice(5328).map((_, i) => 5328 + i);
    const columns = Object.fromEntries(LEAD_FEATURES.map((f) => [f, leads.map((row) => row[f])])) as Record<
      (typeof LEAD_FEATURES)[number],
      (string | null)[]
    >;
    const encoder = fitLeadEncoder(columns, LEAD_FEATURES, train);
    const independent = independentLogisticAuc(
      encodeLeads(encoder, columns, train),
      Float64Array.from(train, (i) => leads[i].y),
      encodeLeads(encoder, columns, test),
      Float64Array.from(test, (i) => leads[i].y),
      1
    );
    const reported = result.evaluation.rows.find((row) => row.method === "logistic_regression")!;
    expect(Math.abs(reported.auc! - independent)).toBeLessThanOrEqual(0.01);
  });

  it("recalibrates without making the test Brier score worse, and gives every figure a 95 % range", () => {
    const used = result.evaluation.rows.find((row) => row.is_used)!;
    expect(used.calibrated_brier_score!).toBeLessThanOrEqual(used.brier_score!);
    for (const row of result.evaluation.rows) {
      expect(row.brier_score_lower!).toBeLessThan(row.brier_score!);
      expect(row.brier_score_upper!).toBeGreaterThan(row.brier_score!);
    }
  });
});

describe("scoreLeads(ctx) on leads without capture dates", () => {
  let warehouse: {connection: DuckDBConnection; close(): void};
  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    // 300 undated leads: referral ones (every other) convert 3 in 5, weibo ones 1 in 5
    const values = Array.from({length: 300}, (_, i) => {
      const referral = i % 2 === 0;
      const converted = referral ? i % 10 < 6 : i % 10 === 1;
      const id = `L${String(i).padStart(3, "0")}`;
      return `('${id}', NULL, '${referral ? "referral" : "weibo"}', ${converted ? "'2026-01-01'" : "NULL"}, 1, 'l', ${i + 1})`;
    });
    await warehouse.connection.run(
      `INSERT INTO leads (lead_id, created_at, source, converted_at, _ingest_id, _file, _line) VALUES ${values.join(", ")}`
    );
  });
  afterAll(() => warehouse.close());

  it("splits at random, seeded, and says so", async () => {
    const ctx = {
      connection: warehouse.connection,
      period: {start: "2025-01-01", end: "2027-01-01"},
      now: "2026-07-01T00:00:00Z"
    };
    const result = await scoreLeads(ctx);
    const rows = result.evaluation.rows;
    // every undated lead has a known outcome: 300 labelled, round(300 × 0.2) = 60 test and 60 validation
    expect(rows.every((row) => row.split_kind === "random")).toBe(true);
    expect([rows[0].n_train_leads, rows[0].n_validation_leads, rows[0].n_test_leads]).toEqual([180, 60, 60]);
    expect(result.scores.rows).toEqual([]);
    const again = await scoreLeads(ctx);
    expect(again.evaluation.rows).toEqual(rows);
    const used = rows.find((row) => row.is_used)!;
    expect(used.calibrated_brier_score).not.toBeNull();
  });
});
