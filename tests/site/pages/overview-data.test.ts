import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {overviewData, type OverviewData} from "../../../site/pages/overview-data.ts";
import {sitePeriods} from "../../../site/site-periods.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {channelQuality} from "../../../pipelines/channel-quality.ts";
import {combinedQuarter} from "../../../pipelines/forecast/combined-quarter.ts";
import {followUpActions} from "../../../pipelines/follow-up.ts";
import type {Period} from "../../../pipelines/lib/context.ts";
import {repPerformance} from "../../../pipelines/rep-performance.ts";
import {stuckOpportunities} from "../../../pipelines/stage-conversion.ts";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

/** the month of the sample's first record (an opportunity or lead created): where "all time" starts */
const FIRST_DAY = "2023-11-01";

const NOW = "2026-11-20T00:00:00Z";
const [qtd, , ytd] = sitePeriods(NOW, FIRST_DAY);

/** Won revenue, won and lost deals closed in the period, by hand, optionally for one team's reps. */
async function closedDeals(connection: DuckDBConnection, period: Period, team: string | null = null) {
  const [row] = await readRows<{won_revenue: number; count_won: number; count_lost: number}>(
    connection,
    `SELECT coalesce(sum(o.amount) FILTER (WHERE o.outcome = 'won'), 0)::DOUBLE AS won_revenue,
       count(*) FILTER (WHERE o.outcome = 'won')::INTEGER AS count_won,
       count(*) FILTER (WHERE o.outcome = 'lost')::INTEGER AS count_lost
     FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
     WHERE o.closed_at >= CAST($start AS TIMESTAMP) AND o.closed_at < CAST($end AS TIMESTAMP)
       AND ($team IS NULL OR r.team = $team)`,
    {start: period.start, end: period.end, team}
  );
  return row;
}

describe("overviewData(connection)", () => {
  let sample: Awaited<ReturnType<typeof sampleWarehouse>>;
  let data: OverviewData;
  let team: string;

  beforeAll(async () => {
    sample = await sampleWarehouse();
    data = await overviewData(sample.connection);
    [{team}] = await readRows<{team: string}>(
      sample.connection,
      `SELECT r.team FROM opportunities o JOIN reps r ON r.rep_id = o.owner_rep_id GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`
    );
  }, 120_000);
  afterAll(() => sample?.close());

  it("has a slice per period and filter, and an 'as of now' slice per filter", () => {
    const filters = Object.keys(data.now.slices);
    expect(filters).toContain("*|all");
    expect(filters).toContain(`*|team=${team}`);
    expect(Object.keys(data.slices)).toHaveLength(6 * filters.length);
  });

  it("sums won revenue and the win rate of the deals closed in the period", async () => {
    const hand = await closedDeals(sample.connection, ytd);
    const {current} = data.slices["ytd|all"];
    expect(current.won_revenue).toBe(Math.round(hand.won_revenue));
    expect(current.count_won).toBe(hand.count_won);
    expect(current.win_rate).toBeCloseTo(hand.count_won / (hand.count_won + hand.count_lost), 4);
  });

  it("compares with the previous period and the same period a year earlier", async () => {
    const slice = data.slices["qtd|all"];
    expect(slice.previous!.won_revenue).toBe(
      Math.round((await closedDeals(sample.connection, qtd.previous!)).won_revenue)
    );
    expect(slice.last_year!.won_revenue).toBe(
      Math.round((await closedDeals(sample.connection, qtd.lastYear!)).won_revenue)
    );
    expect(slice.previous!.won_revenue).not.toBe(slice.current.won_revenue);
  });

  it("compares all time with nothing, and sums it from the first record to the export day", async () => {
    const all = sitePeriods(NOW, FIRST_DAY).find((p) => p.id === "all")!;
    expect(all).toEqual({id: "all", start: FIRST_DAY, end: "2026-11-21", previous: null, lastYear: null});
    const slice = data.slices["all|all"];
    expect([slice.previous, slice.last_year]).toEqual([null, null]);
    const hand = await closedDeals(sample.connection, all);
    expect(slice.current.won_revenue).toBe(Math.round(hand.won_revenue));
    expect(slice.current.count_won).toBe(hand.count_won);
  });

  it("counts the leads created in the period", async () => {
    const [{n}] = await readRows<{n: number}>(
      sample.connection,
      `SELECT count(*)::INTEGER AS n FROM leads WHERE created_at >= CAST($start AS TIMESTAMP) AND created_at < CAST($end AS TIMESTAMP)`,
      {start: ytd.start, end: ytd.end}
    );
    expect(data.slices["ytd|all"].current.count_leads).toBe(n);
  });

  it("narrows every figure to a team's deals", async () => {
    const slice = data.slices[`ytd|team=${team}`];
    const hand = await closedDeals(sample.connection, ytd, team);
    expect(slice.current.won_revenue).toBe(Math.round(hand.won_revenue));
    expect(slice.current.won_revenue).not.toBe(data.slices["ytd|all"].current.won_revenue);
    expect(data.now.slices[`*|team=${team}`].pipeline.open_amount).not.toBe(
      data.now.slices["*|all"].pipeline.open_amount
    );
  });

  it("takes a channel's figures from its row of the unfiltered result, as a channel filter would compute them", async () => {
    const channel = Object.keys(data.now.slices)
      .find((key) => key.startsWith("*|channel="))!
      .slice("*|channel=".length);
    const slice = data.slices[`qtd|channel=${channel}`];
    for (const [key, period] of [
      ["current", qtd],
      ["previous", qtd.previous!],
      ["last_year", qtd.lastYear!]
    ] as const) {
      const {rows} = await channelQuality(sample.context(period, {channel}), {interval: "period", duplicates: false});
      const sum = (f: (row: (typeof rows)[number]) => number | null) => rows.reduce((t, row) => t + (f(row) ?? 0), 0);
      expect(slice[key]!.won_revenue).toBe(Math.round(sum((row) => row.won_revenue)));
      expect(slice[key]!.count_leads).toBe(sum((row) => row.count_leads));
      expect(slice[key]!.count_opportunities).toBe(sum((row) => row.count_opportunities));
    }
    expect(slice.reps_below_plan.count).toBeNull();
  });

  it("sums a whole-month period from the monthly series as channelQuality computes the period", async () => {
    const lq = sitePeriods(NOW, FIRST_DAY)[1];
    const slice = data.slices[`lq|team=${team}`];
    for (const [key, period] of [
      ["current", lq],
      ["previous", lq.previous!],
      ["last_year", lq.lastYear!]
    ] as const) {
      const {rows} = await channelQuality(sample.context(period, {team}), {interval: "period", duplicates: false});
      const sum = (f: (row: (typeof rows)[number]) => number | null) => rows.reduce((t, row) => t + (f(row) ?? 0), 0);
      expect(slice[key]).toEqual({
        won_revenue: Math.round(sum((row) => row.won_revenue)),
        count_won: sum((row) => row.count_won),
        count_lost: sum((row) => row.count_lost),
        win_rate: expect.closeTo(sum((row) => row.count_won) / sum((row) => row.count_won + row.count_lost), 4),
        count_leads: sum((row) => row.count_leads),
        count_opportunities: sum((row) => row.count_opportunities)
      });
    }
  });

  it("lists reps below plan, with the attainment repPerformance gives under the team filter and a link to their page", async () => {
    const {rows, count} = data.slices[`ytd|team=${team}`].reps_below_plan;
    const {rows: reps} = await repPerformance(sample.context(ytd, {team}));
    const below = reps.filter((rep) => rep.quota_attainment_rate !== null && rep.quota_attainment_rate < 1);
    expect(count).toBe(below.length);
    for (const row of rows) {
      expect(row.team).toBe(team);
      expect(row.rep_path).toBe(`rep.html?id=${row.rep_id}`);
      const rep = below.find((r) => r.rep_id === row.rep_id)!;
      expect(row.quota_attainment_rate).toBeCloseTo(rep.quota_attainment_rate!, 4);
    }
    expect(data.slices["ytd|all"].reps_below_plan.rows.length).toBeGreaterThan(0);
  });

  it("holds the open pipeline now, and the team's stuck and due opportunities as the filtered pipelines list them, stale ones left out", async () => {
    const [{open}] = await readRows<{open: number}>(
      sample.connection,
      `SELECT coalesce(sum(amount), 0)::DOUBLE AS open FROM opportunities WHERE outcome = 'open'`
    );
    expect(data.now.slices["*|all"].pipeline.open_amount).toBe(Math.round(open));
    const now = data.now.slices[`*|team=${team}`];
    const ctx = sample.context(ytd, {team});
    const actions = (await followUpActions(ctx)).rows;
    const stale = new Set(actions.filter((a) => a.due_status === "stale").map((a) => a.opportunity_id));
    expect(now.overdue.stale).toBe(stale.size);
    const stuck = (await stuckOpportunities(ctx)).rows.filter((row) => !stale.has(row.opportunity_id));
    expect(now.stuck.count).toBe(stuck.length);
    const largest = [...stuck].sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0))[0];
    expect(now.stuck.rows[0].amount).toBe(largest.amount);
    const due = actions.filter((a) => a.due_status === "overdue" || a.due_status === "today");
    expect(now.overdue.count).toBe(due.length);
    expect(now.overdue.rows.map((r) => r.opportunity_id)).toEqual(due.slice(0, 5).map((a) => a.opportunity_id));
    expect(now.stuck.rows.length).toBeLessThanOrEqual(5);
  });

  it("forecasts the quarter as combinedQuarter does", async () => {
    const [row] = (await combinedQuarter(sample.context(ytd))).rows;
    const {forecast} = data.now.slices["*|all"];
    expect(forecast!.combined_amount).toBe(Math.round(row.combined_amount));
    expect(forecast!.lower_80).toBeLessThan(forecast!.combined_amount);
    expect(forecast!.upper_80).toBeGreaterThan(forecast!.combined_amount);
  });

  it("keeps the monthly series for the trend charts, ending with the current month", async () => {
    const {months} = data.now.slices["*|all"];
    expect(months.won_revenue).toHaveLength(36);
    expect(months.first_month).toBe("2023-12-01");
    const [{won}] = await readRows<{won: number}>(
      sample.connection,
      `SELECT coalesce(sum(amount), 0)::DOUBLE AS won FROM opportunities
       WHERE outcome = 'won' AND closed_at >= TIMESTAMP '2026-10-01' AND closed_at < TIMESTAMP '2026-11-01'`
    );
    expect(months.won_revenue[34]).toBe(Math.round(won));
  });

  it("stays within 150 KB of JSON", () => {
    expect(JSON.stringify(data).length).toBeLessThan(150_000);
  });
});

describe("overviewData(connection) on an empty warehouse", () => {
  it("gives zeros and empty alerts rather than failing", async () => {
    const empty = await emptyWarehouse();
    try {
      const data = await overviewData(empty.connection);
      const slice = Object.values(data.slices)[0];
      expect(slice.current.won_revenue).toBe(0);
      expect(slice.current.win_rate).toBeNull();
      const now = Object.values(data.now.slices)[0];
      expect(now.pipeline.open_amount).toBe(0);
      expect(now.stuck.rows).toEqual([]);
      expect(now.complaints.missing).toEqual(["tickets"]);
    } finally {
      empty.close();
    }
  });
});
