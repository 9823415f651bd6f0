import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {repLoad} from "../../../pipelines/allocation.ts";
import {complianceByRep} from "../../../pipelines/follow-up.ts";
import {withStageEntries} from "../../../pipelines/lib/stage-entries.ts";
import {monthlyWonRevenue} from "../../../pipelines/reconciliation.ts";
import {repPerformance, teamPerformance, type RepSegmentRow} from "../../../pipelines/rep-performance.ts";
import {stuckOpportunities} from "../../../pipelines/stage-conversion.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {repData, MAX_DEALS, type RepData} from "../../../site/pages/rep-data.ts";
import type {CompactTable} from "../../../site/compact-table.ts";
import {repSpecialties, repsData, type RepsData} from "../../../site/pages/reps-data.ts";
import {sitePeriods, type SitePeriod} from "../../../site/site-periods.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

/** the month of the sample's first record (an opportunity or lead created): where "all time" starts */
const FIRST_DAY = "2023-11-01";

type Sample = Awaited<ReturnType<typeof sampleWarehouse>>;

const objects = <Row>(table: CompactTable<Row>) => tableRows<Row>(table);

const rounded = (x: number | null) => (x === null ? null : Number(x.toPrecision(4)));

describe("repsData(connection)", () => {
  let sample: Sample;
  let data: RepsData;
  let ytd: SitePeriod;

  beforeAll(async () => {
    sample = await sampleWarehouse();
    data = await repsData(sample.connection);
    ytd = sitePeriods(sample.context({start: "2026-01-01", end: "2026-01-02"}).now, FIRST_DAY).find(
      (p) => p.id === "ytd"
    )!;
  });
  afterAll(() => sample.close());

  it("ranks the reps as repPerformance does, with its rates, intervals, revenue and quota attainment", async () => {
    const expected = await repPerformance(sample.context(ytd));
    const rows = objects(data.slices["ytd|all"].reps);
    expect(rows.map((r) => r.rep_id)).toEqual(expected.rows.map((r) => r.rep_id));
    expect(rows.length).toBeGreaterThan(1);
    rows.forEach((row, i) => {
      const e = expected.rows[i];
      if (e.rep_id !== null) expect(data.people[e.rep_id]).toMatchObject({rep_name: e.rep_name, team: e.team});
      expect(row).toMatchObject({
        rank: e.rank,
        count_won: e.count_won,
        count_lost: e.count_lost,
        won_revenue: Math.round(e.won_revenue),
        count_open: e.count_open
      });
      expect(row.shrunk_win_rate).toBe(rounded(e.shrunk_win_rate));
      expect(row.win_rate_lower).toBe(rounded(e.win_rate_lower));
      expect(row.win_rate_upper).toBe(rounded(e.win_rate_upper));
      expect(row.quota_attainment_rate).toBe(rounded(e.quota_attainment_rate));
    });
  });

  it("counts a rep's deals won in the period as the opportunities table does", async () => {
    const [count] = await readRows<{n: number}>(
      sample.connection,
      `SELECT count(*)::INTEGER AS n FROM opportunities
       WHERE owner_rep_id = 'R001' AND outcome = 'won' AND closed_at >= $start::TIMESTAMP AND closed_at < $end::TIMESTAMP`,
      {start: ytd.start, end: ytd.end}
    );
    const row = objects(data.slices["ytd|all"].reps).find((r) => r.rep_id === "R001")!;
    expect(row.count_won).toBe(count.n);
    expect(data.people.R001.rep_slug).toBe("R001");
  });

  it("lists only the team's reps and teams under a team filter", async () => {
    const slice = data.slices["ytd|team=华东"];
    const reps = objects(slice.reps);
    const members = await readRows<{rep_id: string}>(sample.connection, `SELECT rep_id FROM reps WHERE team = '华东'`);
    expect(reps.length).toBeGreaterThan(0);
    expect(reps.every((r) => r.rep_id !== null && data.people[r.rep_id].team === "华东")).toBe(true);
    expect(new Set(reps.map((r) => r.rep_id))).toEqual(new Set(members.map((m) => m.rep_id)));
    expect(objects(slice.teams).map((t) => t.team)).toEqual(["华东"]);
    expect(objects(data.slices["ytd|all"].reps).length).toBeGreaterThan(reps.length);
  });

  it("sums the teams as teamPerformance does", async () => {
    const expected = await teamPerformance(sample.context(ytd));
    const teams = objects(data.slices["ytd|all"].teams);
    expect(teams.map((t) => [t.team, t.count_won, t.won_revenue])).toEqual(
      expected.rows.map((e) => [e.team, e.count_won, Math.round(e.won_revenue)])
    );
  });

  it("keeps quota attainment out of channel slices", () => {
    const reps = objects(data.slices["ytd|channel=referral"].reps);
    expect(reps.length).toBeGreaterThan(0);
    expect(reps.every((r) => r.quota_attainment_rate === null)).toBe(true);
  });

  it("writes one load slice as of now with repLoad's open deals", async () => {
    expect(Object.keys(data.load.slices)).toEqual(["*|*"]);
    const periods = sitePeriods(sample.context(ytd).now, FIRST_DAY);
    const expected = await withStageEntries(sample.connection, () => repLoad(sample.context(periods[0])));
    expect(data.load.slices["*|*"].rows.map((r) => [r.rep_id, r.count_open, r.is_overloaded])).toEqual(
      expected.rows.map((e) => [e.rep_id, e.count_open, e.is_overloaded])
    );
  });

  it("writes specialties per period, at most three per rep, each ahead of the other reps", () => {
    const rows = objects(data.specialties.slices["ytd|*"].rows);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.shrunk_win_rate).toBeGreaterThan(row.others_win_rate);
    const perRep = new Map<string, number>();
    for (const row of rows) perRep.set(row.rep_id, (perRep.get(row.rep_id) ?? 0) + 1);
    expect(Math.max(...perRep.values())).toBeLessThanOrEqual(3);
  });

  it("stays within 150 KB for all its slices", () => {
    // 6 periods × 19 filter choices (all, 4 teams, 4 regions, 10 channels)
    expect(Object.keys(data.slices)).toHaveLength(114);
    expect(JSON.stringify(data).length).toBeLessThan(150_000);
  });
});

describe("repData(connection, slug)", () => {
  let sample: Sample;
  let data: RepData;
  let ytd: SitePeriod;

  beforeAll(async () => {
    sample = await sampleWarehouse();
    data = await repData(sample.connection, "R001");
    ytd = sitePeriods(sample.context({start: "2026-01-01", end: "2026-01-02"}).now, FIRST_DAY).find(
      (p) => p.id === "ytd"
    )!;
  });
  afterAll(() => sample.close());

  it("names the rep from the reps table", () => {
    expect(data.rep).toEqual({rep_id: "R001", rep_slug: "R001", rep_name: "李伟洋", team: "华东", region: "华东"});
  });

  it("takes the rep's figures from repPerformance over all reps, so the rank matches the leaderboard", async () => {
    const expected = (await repPerformance(sample.context(ytd))).rows;
    const row = expected.find((r) => r.rep_id === "R001")!;
    const slice = data.slices["ytd|*"];
    expect(slice.performance).toMatchObject({
      rank: row.rank,
      count_won: row.count_won,
      count_lost: row.count_lost,
      won_revenue: Math.round(row.won_revenue),
      shrunk_win_rate: rounded(row.shrunk_win_rate),
      quota_attainment_rate: rounded(row.quota_attainment_rate)
    });
    expect(slice.count_ranked).toBe(expected.filter((r) => r.rank !== null).length);
    const team = (await teamPerformance(sample.context(ytd))).rows.find((r) => r.team === "华东")!;
    expect(slice.team).toEqual({
      win_rate: rounded(team.win_rate),
      quota_attainment_rate: rounded(team.quota_attainment_rate),
      won_revenue: Math.round(team.won_revenue)
    });
    const previous = (await repPerformance(sample.context(ytd.previous!))).rows.find((r) => r.rep_id === "R001")!;
    expect(slice.previous?.won_revenue).toBe(Math.round(previous.won_revenue));
  });

  it("takes follow-up compliance from complianceByRep", async () => {
    const expected = (await complianceByRep(sample.context(ytd))).rows.find((r) => r.rep_id === "R001")!;
    expect(data.slices["ytd|*"].compliance).toMatchObject({
      n_evaluated: expected.n_evaluated,
      n_compliant: expected.n_compliant,
      compliant_rate: rounded(expected.compliant_rate)
    });
  });

  it("charts monthly won revenue as monthlyWonRevenue counts it, month by month", async () => {
    const periods = sitePeriods(sample.context(ytd).now, FIRST_DAY);
    const period = {start: periods.find((p) => p.id === "ly")!.start, end: periods[0].end};
    const expected = await monthlyWonRevenue(sample.context(period, {rep: "R001"}));
    const total = expected.rows.reduce((sum, r) => sum + r.won_revenue, 0);
    expect(data.trend.reduce((sum, m) => sum + m.won_revenue, 0)).toBeCloseTo(total, -1);
    expect(data.trend.map((m) => m.month)).toContain("2026-11-01");
    expect(data.trend[0].month).toBe(period.start);
    expect(data.trend.some((m) => m.quota !== null)).toBe(true);
  });

  it("lists the open deals now, stuck ones first, capped", async () => {
    const [open] = await readRows<{n: number}>(
      sample.connection,
      `SELECT count(*)::INTEGER AS n FROM opportunities WHERE owner_rep_id = 'R001' AND outcome = 'open'`
    );
    expect(data.count_open_deals).toBe(open.n);
    expect(data.deals.length).toBe(Math.min(open.n, MAX_DEALS));
    const stuck = await stuckOpportunities(sample.context(ytd, {rep: "R001"}));
    const shown = Math.min(stuck.rows.length, MAX_DEALS);
    expect(data.deals.slice(0, shown).map((d) => d.opportunity_id)).toEqual(
      stuck.rows.slice(0, shown).map((s) => s.opportunity_id)
    );
    expect(data.deals.slice(shown).every((d) => !d.is_stuck)).toBe(true);
    expect(Object.keys(data.deals[0]).sort()).toEqual(
      [
        "account_name",
        "amount",
        "days_in_stage",
        "expected_close_at",
        "is_stuck",
        "opportunity_id",
        "stage",
        "stage_p90_days"
      ].sort()
    );
  });

  it("is small", () => {
    expect(JSON.stringify(data).length).toBeLessThan(40_000);
  });

  it("has no rep for an unknown page name", async () => {
    expect((await repData(sample.connection, "R999")).rep).toBeNull();
  });
});

describe("repSpecialties(rows)", () => {
  const cell = (rep_id: string, segment_value: string, won: number, closed: number, shrunk: number): RepSegmentRow => ({
    rep_id,
    rep_name: null,
    team: null,
    segment: "industry",
    segment_value,
    is_specialty: false,
    count_closed: closed,
    count_won: won,
    count_lost: closed - won,
    win_rate: won / closed,
    win_rate_lower: 0,
    win_rate_upper: 1,
    shrunk_win_rate: shrunk,
    rep_win_rate: 0.5
  });

  it("keeps the values where a rep's shrunk rate beats the other reps' pooled rate, widest lead first", () => {
    const rows = [
      cell("A", "医疗", 4, 6, 0.6),
      cell("A", "金融", 3, 5, 0.55),
      cell("B", "医疗", 1, 5, 0.3),
      cell("B", "金融", 1, 5, 0.3),
      cell("C", "金融", 0, 5, 0.25)
    ];
    // A on 医疗: others 1/5 = 0.2 (lead 0.4); A on 金融: others 1/10 = 0.1 (lead 0.45)
    // B on 医疗: others 4/6; B on 金融: others 3/10 = 0.3, not above
    expect(repSpecialties(rows).map((r) => [r.rep_id, r.segment_value, r.others_win_rate])).toEqual([
      ["A", "金融", 0.1],
      ["A", "医疗", 0.2]
    ]);
    expect(repSpecialties(rows, {all: true})).toHaveLength(5);
  });

  it("needs five deals closed by the rep and by the other reps", () => {
    const rows = [cell("A", "医疗", 4, 4, 0.7), cell("B", "医疗", 0, 9, 0.2), cell("B", "能源", 5, 5, 0.7)];
    expect(repSpecialties(rows, {all: true}).map((r) => [r.rep_id, r.segment_value])).toEqual([]);
  });
});

describe("repsData and repData on an empty warehouse", () => {
  it("write empty slices and no rep", async () => {
    const empty = await emptyWarehouse();
    try {
      const reps = await repsData(empty.connection);
      const slice = Object.values(reps.slices)[0];
      expect(slice.reps.rows).toEqual([]);
      expect(slice.teams.rows).toEqual([]);
      expect(reps.load.slices["*|*"].rows).toEqual([]);
      const rep = await repData(empty.connection, "R001");
      expect(rep.rep).toBeNull();
      expect(rep.deals).toEqual([]);
    } finally {
      empty.close();
    }
  });
});
