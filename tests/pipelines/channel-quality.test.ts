import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {DuckDBConnection} from "@duckdb/node-api";
import {
  channelQuality,
  duplicateLeads,
  glossary,
  withDuplicateLeadFlags,
  type ChannelQualityRow
} from "../../pipelines/channel-quality.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {emptyWarehouse, sampleWarehouse} from "./sample-warehouse.ts";

const NOW = "2026-04-10T00:00:00Z";
const Q1 = {start: "2026-01-01", end: "2026-04-01"};

// Two reps in two teams; leads of three channels (L6 before the period is only an original for L7).
// Duplicates within 90 days: L2 = L1 by phone (+86 138-0000-0001 = 13800000001, 15 days), L3 = L1 by
// company (甲科技 = 甲科技有限公司 without its suffix, 36 days), L5 = L4 by e-mail ("D@X.com " = "d@x.com",
// 33 days), L7 = L6 by company (戊 = 戊公司, 21 days), L8 = L2 by phone (64 days). L10 repeats a phone
// last seen 136 days earlier (L9): not a duplicate.
async function fixture(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    INSERT INTO reps (rep_id, name, team, region, _ingest_id, _file, _line) VALUES
      ('R1', 'Rep One', 'East', 'E', 1, 'f', 1), ('R2', 'Rep Two', 'South', 'S', 1, 'f', 2);
    INSERT INTO leads (lead_id, created_at, source, campaign, owner_rep_id, converted_at, converted_opportunity_id,
                       company, email, phone, _ingest_id, _file, _line) VALUES
      ('L1', '2026-01-05 10:00:00', 'ads', 'A', 'R1', '2026-01-06 10:00:00', 'O1', '甲科技有限公司', 'a@x.com', '13800000001', 1, 'f', 1),
      ('L2', '2026-01-20 10:00:00', 'ads', 'A', 'R1', NULL, NULL, '乙公司', 'b@x.com', '+86 138-0000-0001', 1, 'f', 2),
      ('L3', '2026-02-10 10:00:00', 'ads', 'B', 'R2', NULL, NULL, '甲科技', 'c@x.com', '13900000003', 1, 'f', 3),
      ('L4', '2026-02-15 10:00:00', 'referral', NULL, 'R2', '2026-02-16 10:00:00', 'O3', '丙 Co., Ltd.', 'D@X.com ', '13900000004', 1, 'f', 4),
      ('L5', '2026-03-20 10:00:00', 'referral', NULL, 'R1', NULL, NULL, '丁有限公司', 'd@x.com', '13900000005', 1, 'f', 5),
      ('L6', '2025-12-20 10:00:00', 'ads', 'A', 'R1', NULL, NULL, '戊公司', 'e@x.com', '13900000006', 1, 'f', 6),
      ('L7', '2026-01-10 10:00:00', 'ads', 'A', 'R1', NULL, NULL, '戊', 'f@x.com', '13900000007', 1, 'f', 7),
      ('L8', '2026-03-25 10:00:00', 'weibo', NULL, 'R2', NULL, NULL, '己公司', 'g@x.com', '13800000001', 1, 'f', 8),
      ('L9', '2025-09-01 10:00:00', 'weibo', NULL, 'R2', NULL, NULL, '庚公司', 'h@x.com', '13900000009', 1, 'f', 9),
      ('L10', '2026-01-15 10:00:00', 'weibo', NULL, 'R2', NULL, NULL, '辛公司', 'i@x.com', '13900000009', 1, 'f', 10);
    INSERT INTO opportunities (opportunity_id, source, campaign, owner_rep_id, amount, expected_margin, stage, created_at,
                               closed_at, outcome, product, _ingest_id, _file, _line) VALUES
      ('O1', 'ads', 'A', 'R1', 100000, 0.4, 'won', '2026-01-06 10:00:00', '2026-02-05 10:00:00', 'won', 'P1', 1, 'f', 1),
      ('O2', 'ads', 'A', 'R1', 50000, 0.3, 'lost', '2025-12-01 10:00:00', '2026-01-15 10:00:00', 'lost', 'P2', 1, 'f', 2),
      ('O3', 'referral', NULL, 'R2', 200000, NULL, 'won', '2026-02-16 10:00:00', '2026-03-18 10:00:00', 'won', 'P1', 1, 'f', 3),
      ('O4', 'referral', NULL, 'R2', 80000, 0.5, 'intent', '2026-03-01 10:00:00', NULL, 'open', 'P2', 1, 'f', 4),
      ('O5', 'referral', NULL, 'R1', 100000, 0.5, 'won', '2025-11-01 10:00:00', '2026-03-02 10:00:00', 'won', 'P2', 1, 'f', 5),
      ('O6', 'weibo', NULL, 'R2', 30000, 0.5, 'lost', '2026-01-20 10:00:00', '2026-02-20 10:00:00', 'lost', 'P2', 1, 'f', 6),
      ('O7', 'ads', NULL, 'R1', 60000, 0.5, 'won', '2026-03-10 10:00:00', '2026-04-05 10:00:00', 'won', 'P2', 1, 'f', 7);
    INSERT INTO marketing_spend (channel, month, cost, _ingest_id, _file, _line) VALUES
      ('ads', '2025-12-01', 5000, 1, 'f', 1), ('ads', '2026-01-01', 3000, 1, 'f', 2), ('ads', '2026-02-01', 3000, 1, 'f', 3),
      ('ads', '2026-03-01', 3000, 1, 'f', 4), ('referral', '2026-01-01', 1000, 1, 'f', 5),
      ('referral', '2026-02-01', 1000, 1, 'f', 6), ('referral', '2026-03-01', 1000, 1, 'f', 7), ('weibo', '2026-02-01', 2000, 1, 'f', 8);
  `);
}

function bySource(rows: ChannelQualityRow[], source: string, bucket = "2026-01-01"): ChannelQualityRow {
  const row = rows.find((r) => r.source === source && r.bucket_start === bucket);
  if (!row) throw new Error(`no row for ${source} ${bucket}`);
  return row;
}

describe("channelQuality(ctx, options)", () => {
  let warehouse: Awaited<ReturnType<typeof emptyWarehouse>>;
  let ctx: PipelineContext;
  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await fixture(warehouse.connection);
    ctx = {connection: warehouse.connection, period: Q1, now: NOW};
  });
  afterAll(() => warehouse.close());

  it("computes every column per source for a quarter (hand computation)", async () => {
    const {rows, missing} = await channelQuality(ctx, {interval: "quarter"});
    expect(missing).toEqual([]);
    expect(rows.map((r) => r.source)).toEqual(["ads", "referral", "weibo"]);
    // ads: leads L1 L2 L3 L7 = 4, converted L1 = 1 → 0.25 (scipy binomtest(1, 4) wilson: 0.04558726, 0.69935816);
    // duplicates L2 L3 L7 = 3; created O1 O7 = 2; won O1, lost O2 → 1/2 (binomtest(1, 2): 0.09453121, 0.90546879);
    // revenue 100000, per lead 25000; cycle O1 30 days; margin 100000 × 0.4 = 40000; cost 3 × 3000 = 9000;
    // ROI (40000 − 9000)/9000 = 3.4444; payback 9000 / (40000 / 3 months) = 0.675 months
    const ads = bySource(rows, "ads");
    expect(ads).toMatchObject({
      bucket_start: "2026-01-01",
      bucket_end: "2026-04-01",
      campaign: null,
      count_leads: 4,
      count_converted_leads: 1,
      lead_to_opportunity_rate: 0.25,
      count_duplicate_leads: 3,
      count_opportunities: 2,
      count_won: 1,
      count_lost: 1,
      win_rate: 0.5,
      won_revenue: 100000,
      revenue_per_lead: 25000,
      average_won_deal: 100000,
      median_cycle_days: 30,
      won_gross_margin: 40000,
      count_margin_imputed: 0,
      cost: 9000,
      cost_per_lead: 2250,
      cost_per_won_deal: 9000
    });
    expect(ads.lead_to_opportunity_rate_lower).toBeCloseTo(0.04558726080970055, 10);
    expect(ads.lead_to_opportunity_rate_upper).toBeCloseTo(0.6993581574175981, 10);
    expect(ads.win_rate_lower).toBeCloseTo(0.09453120573423074, 10);
    expect(ads.win_rate_upper).toBeCloseTo(0.9054687942657693, 10);
    expect(ads.roi).toBeCloseTo(31000 / 9000, 10);
    expect(ads.payback_months).toBeCloseTo(0.675, 10);
  });

  it("imputes a missing margin with the period's average won margin", async () => {
    const {rows} = await channelQuality(ctx, {interval: "quarter"});
    // referral: won O3 (no margin → average of O1 0.4 and O5 0.5 = 0.45) and O5; no lost → 2/2
    // (binomtest(2, 2): 0.34238023, 1); margin 200000 × 0.45 + 100000 × 0.5 = 140000; cost 3000;
    // ROI (140000 − 3000)/3000 = 45.6667; payback 3000 × 3 / 140000 = 0.0642857; cycles 30 and 121 → median 75.5
    const referral = bySource(rows, "referral");
    expect(referral).toMatchObject({
      count_leads: 2,
      count_converted_leads: 1,
      count_duplicate_leads: 1,
      count_opportunities: 2,
      count_won: 2,
      count_lost: 0,
      win_rate: 1,
      win_rate_upper: 1,
      won_revenue: 300000,
      revenue_per_lead: 150000,
      average_won_deal: 150000,
      median_cycle_days: 75.5,
      won_gross_margin: 140000,
      count_margin_imputed: 1,
      cost: 3000,
      cost_per_lead: 1500,
      cost_per_won_deal: 1500
    });
    expect(referral.win_rate_lower).toBeCloseTo(0.34238022750665303, 10);
    expect(referral.roi).toBeCloseTo(137000 / 3000, 10);
    expect(referral.payback_months).toBeCloseTo(9000 / 140000, 10);
  });

  it("reports a channel with no win: zero revenue, ROI −1, no payback", async () => {
    const {rows} = await channelQuality(ctx, {interval: "quarter"});
    // weibo: leads L8 L10, none converted (binomtest(0, 2): 0, 0.65761977); L8 duplicate; O6 lost → 0/1
    // (binomtest(0, 1): 0, 0.79345069); cost 2000 → per lead 1000; ROI (0 − 2000)/2000 = −1
    expect(bySource(rows, "weibo")).toMatchObject({
      count_leads: 2,
      lead_to_opportunity_rate: 0,
      lead_to_opportunity_rate_lower: 0,
      count_duplicate_leads: 1,
      count_opportunities: 1,
      count_won: 0,
      count_lost: 1,
      win_rate: 0,
      win_rate_lower: 0,
      won_revenue: 0,
      revenue_per_lead: 0,
      average_won_deal: null,
      median_cycle_days: null,
      won_gross_margin: 0,
      cost: 2000,
      cost_per_lead: 1000,
      cost_per_won_deal: null,
      roi: -1,
      payback_months: null
    });
    expect(bySource(rows, "weibo").win_rate_upper).toBeCloseTo(0.7934506856227626, 10);
  });

  it("buckets by month, a closed deal in the month it closed", async () => {
    const {rows} = await channelQuality(ctx);
    // ads in January: L1 L2 L7, L2 and L7 duplicates; O1 created; O2 lost (closed 15 Jan); cost 3000 → ROI −1
    expect(bySource(rows, "ads", "2026-01-01")).toMatchObject({
      bucket_end: "2026-02-01",
      count_leads: 3,
      count_duplicate_leads: 2,
      count_opportunities: 1,
      count_won: 0,
      count_lost: 1,
      cost: 3000,
      roi: -1
    });
    // ads in February: L3 (duplicate); O1 won 100000 × 0.4 = 40000; ROI (40000 − 3000)/3000; payback 3000/40000 months
    const february = bySource(rows, "ads", "2026-02-01");
    expect(february).toMatchObject({count_leads: 1, count_duplicate_leads: 1, count_won: 1, won_revenue: 100000});
    expect(february.roi).toBeCloseTo(37000 / 3000, 10);
    expect(february.payback_months).toBeCloseTo(0.075, 10);
    // ads in March: O7 created (won in April, after the period); spend 3000
    expect(bySource(rows, "ads", "2026-03-01")).toMatchObject({
      count_leads: 0,
      count_opportunities: 1,
      count_won: 0,
      won_revenue: 0,
      cost: 3000
    });
    // ads × 3 and referral × 3 (spend every month); weibo × 3: Jan (L10, O6 created), Feb (O6 lost, spend), Mar (L8)
    expect(rows).toHaveLength(9);
  });

  it("pro-rates spend of a month cut by the period", async () => {
    const {rows} = await channelQuality({...ctx, period: {start: "2026-01-16", end: "2026-03-01"}});
    // January bucket 16–31 Jan: ads spend 3000 × 16/31 = 1548.387 → 1548.39 (cents); leads L2 (20 Jan) only
    const january = bySource(rows, "ads", "2026-01-16");
    expect(january.bucket_end).toBe("2026-02-01");
    expect(january.cost).toBe(1548.39);
    expect(january.count_leads).toBe(1);
    expect(bySource(rows, "ads", "2026-02-01").cost).toBe(3000);
  });

  it("splits by campaign without cost columns", async () => {
    const {rows} = await channelQuality(ctx, {interval: "quarter", level: "campaign"});
    const keys = rows.map((r) => `${r.source}/${r.campaign}`);
    expect(keys).toEqual(["ads/A", "ads/B", "ads/null", "referral/null", "weibo/null"]);
    // ads/A: leads L1 L2 L7, O1 won, O2 lost; ads/B: L3; ads/no campaign: O7 created
    expect(rows[0]).toMatchObject({
      count_leads: 3,
      count_duplicate_leads: 2,
      count_won: 1,
      count_lost: 1,
      cost: null,
      roi: null
    });
    expect(rows[1]).toMatchObject({count_leads: 1, count_opportunities: 0, cost: null});
    expect(rows[2]).toMatchObject({count_leads: 0, count_opportunities: 1});
  });

  it("filters by channel and keeps that channel's spend", async () => {
    const {rows} = await channelQuality({...ctx, filters: {channel: "referral"}}, {interval: "quarter"});
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({source: "referral", count_leads: 2, count_won: 2, cost: 3000});
  });

  it("filters by team without cost, still finding duplicates of other teams' leads", async () => {
    const {rows} = await channelQuality({...ctx, filters: {team: "East"}}, {interval: "quarter"});
    // East = R1: ads L1 L2 L7 (2 duplicates), O1 won, O2 lost, O7 created; referral L5 (duplicate of R2's L4), O5 won
    expect(rows.map((r) => r.source)).toEqual(["ads", "referral"]);
    expect(rows[0]).toMatchObject({count_leads: 3, count_duplicate_leads: 2, count_won: 1, count_lost: 1, cost: null});
    expect(rows[1]).toMatchObject({
      count_leads: 1,
      count_duplicate_leads: 1,
      count_won: 1,
      won_revenue: 100000,
      cost: null
    });
  });

  it("leaves lead and cost columns null under a product filter", async () => {
    const {rows, missing} = await channelQuality({...ctx, filters: {product: "P1"}}, {interval: "quarter"});
    // P1: O1 (ads) and O3 (referral), both won
    expect(missing).toEqual([]);
    expect(rows.map((r) => [r.source, r.count_won, r.won_revenue])).toEqual([
      ["ads", 1, 100000],
      ["referral", 1, 200000]
    ]);
    expect(rows[0]).toMatchObject({
      count_leads: null,
      lead_to_opportunity_rate: null,
      count_duplicate_leads: null,
      cost: null
    });
  });

  it("skips duplicate counting on request", async () => {
    const {rows} = await channelQuality(ctx, {interval: "quarter", duplicates: false});
    expect(rows.map((r) => r.count_duplicate_leads)).toEqual([null, null, null]);
    expect(rows[0].count_leads).toBe(4);
  });

  it("uses the duplicate window option", async () => {
    const {rows} = await channelQuality(ctx, {interval: "quarter", duplicateWindowDays: 30});
    // within 30 days only: L2 (15), L7 (21) for ads; L5 (33) and L8 (64) drop out
    expect(rows.map((r) => r.count_duplicate_leads)).toEqual([2, 0, 0]);
  });

  it("counts the same duplicates from leads matched once for all periods (withDuplicateLeadFlags)", async () => {
    await withDuplicateLeadFlags(warehouse.connection, async () => {
      const quarter = await channelQuality(ctx, {interval: "quarter"});
      // as the hand computation above: ads L2 L3 L7, referral L5, weibo L8
      expect(quarter.rows.map((r) => r.count_duplicate_leads)).toEqual([3, 1, 1]);
      const months = await channelQuality({...ctx, filters: {channel: "ads"}});
      // January L2 L7, February L3, March none (a row for its spend)
      expect(months.rows.map((r) => [r.bucket_start, r.count_duplicate_leads])).toEqual([
        ["2026-01-01", 2],
        ["2026-02-01", 1],
        ["2026-03-01", 0]
      ]);
      const east = await channelQuality({...ctx, filters: {team: "East"}}, {interval: "quarter"});
      expect(east.rows.map((r) => r.count_duplicate_leads)).toEqual([2, 1]);
      // another window is matched afresh
      const narrow = await channelQuality(ctx, {interval: "quarter", duplicateWindowDays: 30});
      expect(narrow.rows.map((r) => r.count_duplicate_leads)).toEqual([2, 0, 0]);
    });
    const tables = await warehouse.connection.runAndReadAll(
      `SELECT count(*) FROM information_schema.tables WHERE table_name = 'duplicate_lead_flags'`
    );
    expect(Number(tables.getRows()[0][0])).toBe(0);
  });

  it("returns no rows for an empty period", async () => {
    const result = await channelQuality({...ctx, period: {start: "2030-01-01", end: "2030-04-01"}});
    expect(result).toEqual({rows: [], missing: []});
  });

  it("exports glossary entries for its columns", () => {
    expect(glossary.map((g) => g.metric)).toContain("roi");
    expect(glossary.every((g) => g.title_zh.length > 0 && g.definition.length > 0)).toBe(true);
  });
});

describe("channelQuality(ctx) without optional tables", () => {
  it("names leads and marketing_spend as missing and leaves their columns null", async () => {
    const warehouse = await emptyWarehouse();
    try {
      await warehouse.connection.run(`
        INSERT INTO opportunities (opportunity_id, source, amount, stage, created_at, closed_at, outcome, _ingest_id, _file, _line)
        VALUES ('O1', 'ads', 1000, 'won', '2026-01-02 10:00:00', '2026-01-12 10:00:00', 'won', 1, 'f', 1)`);
      const ctx = {connection: warehouse.connection, period: Q1, now: NOW};
      const {rows, missing} = await channelQuality(ctx, {interval: "quarter"});
      expect(missing).toEqual(["leads", "marketing_spend"]);
      // one opportunity, won in 10 days, no margin anywhere → gross margin unknown
      expect(rows).toEqual([
        expect.objectContaining({
          source: "ads",
          count_leads: null,
          count_duplicate_leads: null,
          count_opportunities: 1,
          count_won: 1,
          win_rate: 1,
          won_revenue: 1000,
          median_cycle_days: 10,
          won_gross_margin: null,
          count_margin_imputed: 1,
          cost: null,
          roi: null
        })
      ]);
      expect(await duplicateLeads(ctx)).toEqual({rows: [], missing: ["leads"]});
    } finally {
      warehouse.close();
    }
  });
});

describe("duplicateLeads(ctx, options)", () => {
  let warehouse: Awaited<ReturnType<typeof emptyWarehouse>>;
  let ctx: PipelineContext;
  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await fixture(warehouse.connection);
    ctx = {connection: warehouse.connection, period: Q1, now: NOW};
  });
  afterAll(() => warehouse.close());

  it("lists the flagged leads with the earlier lead and the key matched", async () => {
    const {rows} = await duplicateLeads(ctx);
    expect(rows.map((r) => [r.lead_id, r.duplicate_of_lead_id, r.matched_on, r.days_since_original])).toEqual([
      ["L7", "L6", "company", 21],
      ["L2", "L1", "phone", 15],
      ["L3", "L1", "company", 36],
      ["L5", "L4", "email", 33],
      ["L8", "L2", "phone", 64]
    ]);
  });

  it("flags the later of two leads created at the same instant, by lead_id", async () => {
    const tie = await emptyWarehouse();
    try {
      await tie.connection.run(`INSERT INTO leads (lead_id, created_at, source, email, _ingest_id, _file, _line) VALUES
        ('B', '2026-01-05 10:00:00', 'ads', 'same@x.com', 1, 'f', 1), ('A', '2026-01-05 10:00:00', 'wechat', 'same@x.com', 1, 'f', 2)`);
      const {rows} = await duplicateLeads({connection: tie.connection, period: Q1, now: NOW});
      expect(rows.map((r) => [r.lead_id, r.duplicate_of_lead_id, r.days_since_original])).toEqual([["B", "A", 0]]);
    } finally {
      tie.close();
    }
  });

  it("returns the earliest rows up to a limit", async () => {
    const {rows} = await duplicateLeads(ctx, {limit: 2});
    expect(rows.map((r) => r.lead_id)).toEqual(["L7", "L2"]);
  });

  it("narrows to the filters", async () => {
    const {rows} = await duplicateLeads({...ctx, filters: {rep: "R2"}});
    expect(rows.map((r) => r.lead_id)).toEqual(["L3", "L8"]);
  });
});

describe("channelQuality(ctx) on the sample", () => {
  let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
  let ctx: PipelineContext;
  beforeAll(async () => {
    warehouse = await sampleWarehouse();
    ctx = warehouse.context({start: "2023-11-01", end: "2026-12-01"});
  });
  afterAll(() => warehouse.close());

  it("matches the golden output by quarter", async () => {
    const {rows, missing} = await channelQuality(ctx, {interval: "quarter"});
    expect(missing).toEqual([]);
    await expect(JSON.stringify(rows, null, 2)).toMatchFileSnapshot("./__snapshots__/channel-quality.json");
  });

  it("shows referral and partner beating online ads and Weibo on win rate and ROI", async () => {
    const {rows} = await channelQuality(ctx, {interval: "period"});
    const get = (source: string) => rows.find((r) => r.source === source)!;
    for (const good of ["referral", "partner"])
      for (const poor of ["online_ads", "weibo"]) {
        // the intervals do not even overlap: the difference is not small-sample luck
        expect(get(good).win_rate_lower!).toBeGreaterThan(get(poor).win_rate_upper!);
        expect(get(good).roi!).toBeGreaterThan(3 * get(poor).roi!);
      }
  });
});
