import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {DuckDBConnection} from "@duckdb/node-api";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {glossary, repPerformance, repSegmentWinRates, teamPerformance} from "../../pipelines/rep-performance.ts";
import {performanceMetrics} from "../../pipelines/rep-performance/performance-metrics.ts";
import {emptyWarehouse, sampleWarehouse} from "./sample-warehouse.ts";

const NOW = "2026-04-10T00:00:00Z";
const Q1 = {start: "2026-01-01", end: "2026-04-01"};

// R1 and R2 in East, R3 in South (R3 closes nothing). O3 was created before the period, O9 closed
// before it, O12 after it (open now); O10 was lost and reopened (open); O11 has no owner.
async function fixture(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    INSERT INTO reps (rep_id, name, team, region, specialties, _ingest_id, _file, _line) VALUES
      ('R1', 'Rep One', 'East', 'E', '医疗;制造业', 1, 'f', 1), ('R2', 'Rep Two', 'East', 'E', '金融', 1, 'f', 2),
      ('R3', 'Rep Three', 'South', 'S', NULL, 1, 'f', 3);
    INSERT INTO accounts (account_id, industry, size_band, province, _ingest_id, _file, _line) VALUES
      ('A1', '医疗', '1-49', '上海', 1, 'f', 1), ('A2', '金融', '50-199', '广东', 1, 'f', 2),
      ('A3', '医疗', '50-199', '广东', 1, 'f', 3);
    INSERT INTO opportunities (opportunity_id, account_id, source, owner_rep_id, amount, stage, created_at, closed_at,
                               outcome, product, _ingest_id, _file, _line) VALUES
      ('O1', 'A1', 'ads', 'R1', 100000, 'won', '2026-01-05 10:00:00', '2026-01-25 10:00:00', 'won', 'P1', 1, 'f', 1),
      ('O2', 'A1', 'ads', 'R1', 50000, 'won', '2026-01-10 10:00:00', '2026-02-19 10:00:00', 'won', 'P1', 1, 'f', 2),
      ('O3', 'A2', 'referral', 'R1', 70000, 'lost', '2025-12-01 10:00:00', '2026-02-01 10:00:00', 'lost', 'P2', 1, 'f', 3),
      ('O4', 'A3', 'ads', 'R1', 90000, 'negotiation', '2026-02-01 10:00:00', NULL, 'open', 'P2', 1, 'f', 4),
      ('O5', 'A2', 'referral', 'R2', 200000, 'won', '2026-01-15 10:00:00', '2026-03-16 10:00:00', 'won', 'P2', 1, 'f', 5),
      ('O6', 'A3', 'ads', 'R2', 40000, 'lost', '2026-02-10 10:00:00', '2026-03-01 10:00:00', 'lost', 'P2', 1, 'f', 6),
      ('O7', 'A3', 'ads', 'R2', 10000, 'lost', '2026-03-01 10:00:00', '2026-03-20 10:00:00', 'lost', 'P1', 1, 'f', 7),
      ('O8', 'A1', 'ads', 'R3', 30000, 'potential', '2026-03-05 10:00:00', NULL, 'open', 'P1', 1, 'f', 8),
      ('O9', 'A2', 'ads', 'R3', 999, 'won', '2025-10-01 10:00:00', '2025-12-15 10:00:00', 'won', 'P1', 1, 'f', 9),
      ('O10', 'A1', 'ads', 'R2', 20000, 'intent', '2026-01-20 10:00:00', '2026-02-10 10:00:00', 'open', 'P2', 1, 'f', 10),
      ('O11', 'A1', 'ads', NULL, 5000, 'won', '2026-02-20 10:00:00', '2026-03-10 10:00:00', 'won', 'P1', 1, 'f', 11),
      ('O12', 'A1', 'ads', 'R1', 11000, 'potential', '2026-04-02 10:00:00', NULL, 'open', 'P1', 1, 'f', 12);
    INSERT INTO activities (activity_id, opportunity_id, occurred_at, _ingest_id, _file, _line)
      SELECT 'X' || opportunity_id || '-' || i, opportunity_id, TIMESTAMP '2026-02-01 10:00:00', 1, 'f', 1
      FROM (VALUES ('O1', 3), ('O2', 1), ('O3', 5), ('O4', 2), ('O5', 4), ('O7', 1), ('O10', 2)) t(opportunity_id, n),
        range(n) r(i);
    INSERT INTO quotas (rep_id, month, quota, _ingest_id, _file, _line) VALUES
      ('R1', '2026-01-01', 100000, 1, 'f', 1), ('R1', '2026-02-01', 100000, 1, 'f', 2), ('R1', '2026-03-01', 100000, 1, 'f', 3),
      ('R1', '2026-04-01', 100000, 1, 'f', 4), ('R2', '2026-01-01', 150000, 1, 'f', 5), ('R2', '2026-02-01', 150000, 1, 'f', 6),
      ('R2', '2026-03-01', 150000, 1, 'f', 7);
  `);
}

describe("repPerformance(ctx)", () => {
  let warehouse: Awaited<ReturnType<typeof emptyWarehouse>>;
  let ctx: PipelineContext;
  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await fixture(warehouse.connection);
    ctx = {connection: warehouse.connection, period: Q1, now: NOW};
  });
  afterAll(() => warehouse.close());

  it("computes every column per rep (hand computation)", async () => {
    const {rows, missing} = await repPerformance(ctx);
    expect(missing).toEqual([]);
    expect(rows.map((r) => r.rep_id)).toEqual(["R1", "R2", "R3", null]);
    // R1: created O1 O2 O4 = 3; won O1 O2, lost O3 → 2/3 (scipy binomtest(2, 3) wilson: 0.20765960, 0.93850806);
    // revenue 150000; quota 3 × 100000 = 300000 → 0.5; cycles 20 and 40 days → 30; activities 3 + 1 + 2 = 6 → 6/3;
    // open now O4 and O12 (created after the period, before now): 2, 90000 + 11000
    expect(rows[0]).toMatchObject({
      rep_name: "Rep One",
      team: "East",
      region: "E",
      count_opportunities: 3,
      count_won: 2,
      count_lost: 1,
      won_revenue: 150000,
      quota: 300000,
      quota_attainment_rate: 0.5,
      average_won_deal: 75000,
      median_cycle_days: 30,
      count_activities: 6,
      activities_per_opportunity: 2,
      count_open: 2,
      open_amount: 101000
    });
    expect(rows[0].win_rate).toBeCloseTo(2 / 3, 12);
    expect(rows[0].win_rate_lower).toBeCloseTo(0.20765960080204782, 10);
    expect(rows[0].win_rate_upper).toBeCloseTo(0.9385080552796038, 10);
    // R2: created O5 O6 O7 O10 = 4; won O5, lost O6 O7 (O10 reopened: open, not lost) → 1/3
    // (binomtest(1, 3): 0.06149194, 0.79234040); quota 450000 → 200000/450000; activities 4 + 0 + 1 + 2 = 7 → 7/4
    expect(rows[1]).toMatchObject({
      count_opportunities: 4,
      count_won: 1,
      count_lost: 2,
      won_revenue: 200000,
      quota: 450000,
      median_cycle_days: 60,
      activities_per_opportunity: 1.75,
      count_open: 1,
      open_amount: 20000
    });
    expect(rows[1].quota_attainment_rate).toBeCloseTo(4 / 9, 12);
    expect(rows[1].win_rate_lower).toBeCloseTo(0.06149194472039626, 10);
    // R3: nothing closed, no quota; O8 created and open
    expect(rows[2]).toMatchObject({
      count_opportunities: 1,
      count_won: 0,
      count_lost: 0,
      win_rate: null,
      win_rate_lower: null,
      won_revenue: 0,
      quota: null,
      quota_attainment_rate: null,
      average_won_deal: null,
      median_cycle_days: null,
      activities_per_opportunity: 0,
      count_open: 1,
      open_amount: 30000
    });
    // no owner: O11 won in 18 days
    expect(rows[3]).toMatchObject({rep_name: null, team: null, count_won: 1, won_revenue: 5000, median_cycle_days: 18});
  });

  it("pools the shrunk rate completely when the reps differ no more than chance", async () => {
    const {rows} = await repPerformance(ctx);
    // closed: 2/3, 1/3, 1/1 (R3: none) → N = 7, μ = 4/7; Q = 3(2/21)² + 3(5/21)² + (3/7)² = 168/441 = 0.381
    // below (k − 1)μ(1 − μ) = 2 · 12/49 = 0.490 → τ² < 0: every rep gets μ = 4/7 and shares rank 1
    expect(rows.map((r) => r.shrunk_win_rate)).toEqual([4 / 7, 4 / 7, 4 / 7, 4 / 7]);
    expect(rows.map((r) => r.rank)).toEqual([1, 1, 1, 1]);
  });

  it("leaves quota attainment null under a channel filter", async () => {
    const {rows} = await repPerformance({...ctx, filters: {channel: "ads"}});
    // ads only: R1 created O1 O2 O4, won O1 O2; R2 created O6 O7 O10, lost O6 O7; R3 O8; no owner O11 won.
    // Order by shrunk rate: 2/2, 1/1, 0/0 (gets μ = 3/5), 0/2 — N = 5, Q = 2(0.4)² + 2(0.6)² + (0.4)² = 1.2,
    // τ² = (1.2 − 2 · 0.24)/(5 − 9/5) = 0.225, α + β = 0.24/0.225 − 1 = 1/15: R1 2.04/2.0667, no owner 1.04/1.0667
    expect(rows.map((r) => [r.rep_id, r.count_opportunities, r.count_won, r.count_lost, r.quota])).toEqual([
      ["R1", 3, 2, 0, null],
      [null, 1, 1, 0, null],
      ["R3", 1, 0, 0, null],
      ["R2", 3, 0, 2, null]
    ]);
    expect(rows[0].shrunk_win_rate).toBeCloseTo(2.04 / (2 + 1 / 15), 12);
  });

  it("narrows to a team", async () => {
    const {rows} = await repPerformance({...ctx, filters: {team: "East"}});
    expect(rows.map((r) => r.rep_id)).toEqual(["R1", "R2"]);
    expect(rows[0].quota).toBe(300000);
  });

  it("pro-rates the quota of a month cut by the period", async () => {
    const {rows} = await repPerformance({...ctx, period: {start: "2026-01-01", end: "2026-02-15"}});
    // R1: January 100000 + February 100000 × 14/28 = 150000
    expect(rows.find((r) => r.rep_id === "R1")!.quota).toBe(150000);
  });

  it("keeps reps with open pipeline in an empty period, without rates or ranks", async () => {
    const {rows} = await repPerformance({...ctx, period: {start: "2030-01-01", end: "2030-04-01"}});
    expect(rows.map((r) => [r.rep_id, r.count_opportunities, r.win_rate, r.rank, r.count_open])).toEqual([
      ["R1", 0, null, null, 2],
      ["R2", 0, null, null, 1],
      ["R3", 0, null, null, 1]
    ]);
  });

  it("exports glossary entries", () => {
    expect(glossary.map((g) => g.metric)).toEqual(expect.arrayContaining(["shrunk_win_rate", "quota_attainment_rate"]));
  });
});

describe("teamPerformance(ctx)", () => {
  it("sums reps into teams (hand computation)", async () => {
    const warehouse = await emptyWarehouse();
    try {
      await fixture(warehouse.connection);
      const {rows} = await teamPerformance({connection: warehouse.connection, period: Q1, now: NOW});
      expect(rows.map((r) => r.team)).toEqual(["East", "South", null]);
      // East = R1 + R2: created 3 + 4 = 7; won 3, lost 3 → 0.5 (binomtest(3, 6): 0.18761631, 0.81238369);
      // revenue 350000 over quota 750000; cycles 20, 40, 60 → 40; activities 13/7; open 3, 121000
      expect(rows[0]).toMatchObject({
        count_opportunities: 7,
        count_won: 3,
        count_lost: 3,
        win_rate: 0.5,
        won_revenue: 350000,
        quota: 750000,
        median_cycle_days: 40,
        count_activities: 13,
        count_open: 3,
        open_amount: 121000
      });
      expect(rows[0].win_rate_lower).toBeCloseTo(0.18761630648265054, 10);
      expect(rows[0].quota_attainment_rate).toBeCloseTo(350000 / 750000, 12);
      expect(rows[0].activities_per_opportunity).toBeCloseTo(13 / 7, 12);
      expect(rows[1]).toMatchObject({count_opportunities: 1, count_won: 0, quota: null, count_open: 1});
      expect(rows[2]).toMatchObject({count_won: 1, won_revenue: 5000});
    } finally {
      warehouse.close();
    }
  });
});

describe("repPerformance(ctx) without optional tables", () => {
  it("names reps, activities and quotas as missing and leaves their columns null", async () => {
    const warehouse = await emptyWarehouse();
    try {
      await warehouse.connection.run(`
        INSERT INTO opportunities (opportunity_id, owner_rep_id, amount, stage, created_at, closed_at, outcome, _ingest_id, _file, _line)
        VALUES ('O1', 'R9', 1000, 'won', '2026-01-02 10:00:00', '2026-01-12 10:00:00', 'won', 1, 'f', 1)`);
      const ctx = {connection: warehouse.connection, period: Q1, now: NOW};
      const {rows, missing} = await repPerformance(ctx);
      expect(missing).toEqual(["activities", "quotas", "reps"]);
      // one opportunity: 1/1 won, a single rep → shrunk rate = its own rate, rank 1
      expect(rows).toEqual([
        expect.objectContaining({
          rep_id: "R9",
          rep_name: null,
          count_won: 1,
          win_rate: 1,
          shrunk_win_rate: 1,
          rank: 1,
          quota: null,
          count_activities: null,
          activities_per_opportunity: null
        })
      ]);
      expect(await repSegmentWinRates(ctx)).toEqual({rows: [], missing: ["accounts", "reps"]});
    } finally {
      warehouse.close();
    }
  });
});

describe("performanceMetrics(raw, options)", () => {
  it("ranks by the shrunk rate (hand computation shared with empiricalBayes)", () => {
    const raw = (won: number, lost: number) => ({
      count_opportunities: 0,
      count_activities: 0,
      count_won: won,
      count_lost: lost,
      won_revenue: 0,
      count_won_without_amount: 0,
      median_cycle_days: null,
      count_open: 0,
      open_amount: 0,
      quota: null
    });
    // 8/10, 2/10, 20/40 → α = β = 31/13 → shrunk 0.703125, 0.296875, 0.5 (see empirical-bayes.test.ts)
    const rows = performanceMetrics([raw(8, 2), raw(2, 8), raw(20, 20)], {activities: true, quotas: true});
    expect(rows.map((r) => r.shrunk_win_rate)).toEqual([
      expect.closeTo(0.703125, 12),
      expect.closeTo(0.296875, 12),
      expect.closeTo(0.5, 12)
    ]);
    expect(rows.map((r) => r.rank)).toEqual([1, 3, 2]);
  });
});

describe("repSegmentWinRates(ctx, options)", () => {
  let warehouse: Awaited<ReturnType<typeof emptyWarehouse>>;
  let ctx: PipelineContext;
  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await fixture(warehouse.connection);
    ctx = {connection: warehouse.connection, period: Q1, now: NOW};
  });
  afterAll(() => warehouse.close());

  it("splits each rep's closed deals by industry, flags specialties and shrinks (hand computation)", async () => {
    const {rows, missing} = await repSegmentWinRates(ctx, {segments: ["industry"]});
    expect(missing).toEqual([]);
    // cells: R1 医疗 2/2 (specialty), R1 金融 0/1, R2 医疗 0/2, R2 金融 1/1 (specialty), no owner 医疗 1/1
    // N = 7, μ = 4/7; Q = 2(3/7)² + (4/7)² + 2(4/7)² + (3/7)² + (3/7)² = 84/49; (k − 1)μ(1 − μ) = 48/49
    // N − Σn²/N = 7 − 11/7 = 38/7; τ² = (36/49)/(38/7) = 18/133; α + β = (12/49)/(18/133) − 1 = 17/21
    // α = 68/147, β = 51/147; shrunk 2/2 = (2 + 68/147)/(2 + 17/21) = 362/413; 0/1 = 68/266; 0/2 = 68/413;
    // 1/1 = 215/266
    expect(rows.map((r) => [r.rep_id, r.segment_value, r.is_specialty, r.count_closed, r.count_won])).toEqual([
      ["R1", "医疗", true, 2, 2],
      ["R1", "金融", false, 1, 0],
      ["R2", "医疗", false, 2, 0],
      ["R2", "金融", true, 1, 1],
      [null, "医疗", false, 1, 1]
    ]);
    const expected = [362 / 413, 68 / 266, 68 / 413, 215 / 266, 215 / 266];
    rows.forEach((row, i) => expect(row.shrunk_win_rate).toBeCloseTo(expected[i], 12));
    expect(rows[0].win_rate_lower).toBeCloseTo(0.34238022750665303, 10); // binomtest(2, 2) wilson
    expect(rows.map((r) => r.rep_win_rate)).toEqual([2 / 3, 2 / 3, 1 / 3, 1 / 3, 1]);
  });

  it("covers size band and province with no specialty flag", async () => {
    const {rows} = await repSegmentWinRates(ctx);
    // R1: 1-49 2/2, 50-199 0/1, 上海 2/2, 广东 0/1; R2: 50-199 1/3, 广东 1/3; no owner: 1-49 1/1, 上海 1/1
    expect(
      rows
        .filter((r) => r.segment !== "industry")
        .map((r) => [r.rep_id, r.segment_value, r.count_won, r.count_closed, r.is_specialty])
    ).toEqual([
      ["R1", "1-49", 2, 2, null],
      ["R1", "50-199", 0, 1, null],
      ["R1", "上海", 2, 2, null],
      ["R1", "广东", 0, 1, null],
      ["R2", "50-199", 1, 3, null],
      ["R2", "广东", 1, 3, null],
      [null, "1-49", 1, 1, null],
      [null, "上海", 1, 1, null]
    ]);
  });

  it("rejects an unknown segment", async () => {
    await expect(repSegmentWinRates(ctx, {segments: ["colour" as never]})).rejects.toThrow('unknown segment "colour"');
  });
});

describe("repPerformance(ctx) on the sample", () => {
  let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
  let ctx: PipelineContext;
  beforeAll(async () => {
    warehouse = await sampleWarehouse();
    ctx = warehouse.context({start: "2023-11-01", end: "2026-12-01"});
  });
  afterAll(() => warehouse.close());

  it("matches the golden output", async () => {
    const reps = await repPerformance(ctx);
    const teams = await teamPerformance(ctx);
    const segments = await repSegmentWinRates(ctx, {segments: ["industry"]});
    expect([reps.missing, teams.missing, segments.missing]).toEqual([[], [], []]);
    await expect(JSON.stringify(reps.rows, null, 2)).toMatchFileSnapshot("./__snapshots__/rep-performance.json");
    await expect(JSON.stringify(teams.rows, null, 2)).toMatchFileSnapshot("./__snapshots__/rep-performance-teams.json");
    await expect(JSON.stringify(segments.rows, null, 2)).toMatchFileSnapshot(
      "./__snapshots__/rep-performance-segments.json"
    );
  });

  it("spreads the reps' shrunk win rates: R005 and R004 on top, R008 last", async () => {
    const {rows} = await repPerformance(ctx);
    expect(rows.slice(0, 2).map((r) => r.rep_id)).toEqual(["R005", "R004"]);
    expect(rows.at(-1)!.rep_id).toBe("R008");
    // the best rep's interval lies above the worst's: a real difference, not noise
    expect(rows[0].win_rate_lower!).toBeGreaterThan(rows.at(-1)!.win_rate_upper!);
  });

  it("shows reps winning more in their specialty industries", async () => {
    const {rows} = await repSegmentWinRates(ctx, {segments: ["industry"]});
    const pooled = (specialty: boolean) => {
      const cells = rows.filter((r) => r.is_specialty === specialty);
      return cells.reduce((s, r) => s + r.count_won, 0) / cells.reduce((s, r) => s + r.count_closed, 0);
    };
    expect(pooled(true)).toBeGreaterThan(pooled(false) + 0.1);
    // and for most reps, the specialty cells' shrunk rate beats the rep's overall rate
    const specialty = rows.filter((r) => r.is_specialty && r.count_closed >= 10);
    const above = specialty.filter((r) => r.shrunk_win_rate > r.rep_win_rate);
    expect(above.length / specialty.length).toBeGreaterThan(0.6);
  });
});
