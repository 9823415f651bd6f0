import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {channelQuality} from "../../pipelines/channel-quality.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {monthlyWonRevenue, monthlyWonRevenueByRep, reconcileWonRevenue} from "../../pipelines/reconciliation.ts";
import {repPerformance, teamPerformance} from "../../pipelines/rep-performance.ts";
import {emptyWarehouse, sampleWarehouse} from "./sample-warehouse.ts";

const NOW = "2026-11-20T00:00:00Z";
const cents = (value: number) => Math.round(value * 100) / 100;
const total = (rows: {won_revenue: number}[]) => cents(rows.reduce((sum, row) => sum + row.won_revenue, 0));

describe("reconcileWonRevenue(ctx)", () => {
  it("keeps deals without a source, an owner or a team in every breakdown (hand computation)", async () => {
    const warehouse = await emptyWarehouse();
    try {
      await warehouse.connection.run(`
        INSERT INTO reps (rep_id, team, _ingest_id, _file, _line) VALUES ('R1', 'East', 1, 'f', 1), ('R2', NULL, 1, 'f', 2);
        INSERT INTO opportunities (opportunity_id, source, owner_rep_id, amount, stage, created_at, closed_at, outcome,
                                   _ingest_id, _file, _line) VALUES
          ('O1', 'ads', 'R1', 1000.10, 'won', '2026-01-02 10:00:00', '2026-01-31 23:59:59', 'won', 1, 'f', 1),
          ('O2', NULL, NULL, 2000.20, 'won', '2026-01-02 10:00:00', '2026-02-01 00:00:00', 'won', 1, 'f', 2),
          ('O3', 'ads', 'R2', 3000.30, 'won', '2026-01-02 10:00:00', '2026-03-15 10:00:00', 'won', 1, 'f', 3),
          ('O4', 'ads', 'R9', 4000.40, 'won', '2026-01-02 10:00:00', '2026-04-01 00:00:00', 'won', 1, 'f', 4),
          ('O5', 'ads', 'R1', 500.00, 'lost', '2026-01-02 10:00:00', '2026-02-01 00:00:00', 'lost', 1, 'f', 5)`);
      const ctx = {connection: warehouse.connection, period: {start: "2026-01-01", end: "2026-04-01"}, now: NOW};
      // won in Q1: O1 1000.10 (31 Jan), O2 2000.20 (1 Feb, no source, no owner), O3 3000.30 (R2 has no team)
      // = 6000.60; O4 closes on 1 Apr, outside the half-open period; O5 was lost. Groups: channels ads and
      // none; reps R1, R2, R9 (created O4 in the period, no revenue) and none; teams East and none (R2, R9, none)
      const {rows} = await reconcileWonRevenue(ctx);
      expect(rows).toEqual([
        {breakdown: "channel", pipeline: "channelQuality", count_groups: 2, won_revenue: 6000.6, difference: 0},
        {breakdown: "rep", pipeline: "repPerformance", count_groups: 4, won_revenue: 6000.6, difference: 0},
        {breakdown: "team", pipeline: "teamPerformance", count_groups: 2, won_revenue: 6000.6, difference: 0},
        {breakdown: "month", pipeline: "monthlyWonRevenue", count_groups: 3, won_revenue: 6000.6, difference: 0}
      ]);
      expect((await monthlyWonRevenue(ctx)).rows).toEqual([
        {month: "2026-01-01", count_won: 1, won_revenue: 1000.1},
        {month: "2026-02-01", count_won: 1, won_revenue: 2000.2},
        {month: "2026-03-01", count_won: 1, won_revenue: 3000.3}
      ]);
      // by rep, as the rep filter gives each: O1 for R1 in January, O3 for R2 in March; O2 has no owner
      expect((await monthlyWonRevenueByRep(ctx)).rows).toEqual([
        {rep_id: "R1", month: "2026-01-01", count_won: 1, won_revenue: 1000.1},
        {rep_id: "R2", month: "2026-03-01", count_won: 1, won_revenue: 3000.3}
      ]);
      for (const rep of ["R1", "R2", "R9"])
        expect((await monthlyWonRevenue({...ctx, filters: {rep}})).rows).toEqual(
          (await monthlyWonRevenueByRep(ctx)).rows.filter((r) => r.rep_id === rep).map(({rep_id: _, ...r}) => r)
        );
    } finally {
      warehouse.close();
    }
  });
});

describe("won revenue on the sample", () => {
  let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
  beforeAll(async () => {
    warehouse = await sampleWarehouse();
  });
  afterAll(() => warehouse.close());

  for (const [label, period, filters] of [
    ["2026 Q2", {start: "2026-04-01", end: "2026-07-01"}, {}],
    ["2025 Q4", {start: "2025-10-01", end: "2026-01-01"}, {}],
    ["2025 Q4 in one region", {start: "2025-10-01", end: "2026-01-01"}, {region: "华东"}]
  ] as const) {
    it(`is identical by channel, rep, team and month for ${label}`, async () => {
      const ctx: PipelineContext = {connection: warehouse.connection, period, now: NOW, filters};
      // the reference: one plain query, independent of every pipeline
      const reader = await warehouse.connection.runAndReadAll(
        `SELECT sum(o.amount)::DOUBLE FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
         WHERE o.outcome = 'won' AND o.closed_at >= $start::TIMESTAMP AND o.closed_at < $end::TIMESTAMP
           AND ($region::VARCHAR IS NULL OR r.region = $region::VARCHAR)`,
        {start: period.start, end: period.end, region: "region" in filters ? filters.region : null}
      );
      const reference = cents(Number(reader.getRowsJS()[0][0]));
      expect(reference).toBeGreaterThan(1_000_000);
      const byChannel = total((await channelQuality(ctx, {interval: "quarter"})).rows);
      const byChannelMonth = total((await channelQuality(ctx, {interval: "month", level: "campaign"})).rows);
      const byRep = total((await repPerformance(ctx)).rows);
      const byTeam = total((await teamPerformance(ctx)).rows);
      const byMonth = total((await monthlyWonRevenue(ctx)).rows);
      expect([byChannel, byChannelMonth, byRep, byTeam, byMonth]).toEqual([
        reference,
        reference,
        reference,
        reference,
        reference
      ]);
      const {rows} = await reconcileWonRevenue(ctx);
      expect(rows.map((r) => r.difference)).toEqual([0, 0, 0, 0]);
      expect(rows.map((r) => r.won_revenue)).toEqual([reference, reference, reference, reference]);
    });
  }
});
