import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readFilterOptions} from "../../../site/site-filters.ts";
import {sitePeriods} from "../../../site/site-periods.ts";
import {pipelineData, type PipelineData} from "../../../site/pages/pipeline-data.ts";
import type {Filters, PipelineContext} from "../../../pipelines/lib/context.ts";
import {
  openPipeline,
  pipelineAsOf,
  pipelineChanges,
  pipelineCoverage,
  salesVelocity,
  weightedPipeline
} from "../../../pipelines/pipeline.ts";
import {withStageEntries} from "../../../pipelines/lib/stage-entries.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
let data: PipelineData;
let ytd: PipelineContext;

beforeAll(async () => {
  warehouse = await sampleWarehouse();
  data = await pipelineData(warehouse.connection);
  ytd = warehouse.context(sitePeriods("2026-11-20T00:00:00Z", "2000-01-01").find((p) => p.id === "ytd")!);
});
afterAll(() => warehouse.close());

const rate = (x: number | null) => (x === null ? null : Number(x.toPrecision(4)));

describe("pipelineData(connection) on the sample", () => {
  it("holds the coverage of the whole year under way and the velocity of the year to date, unfiltered", async () => {
    const [coverage] = (await pipelineCoverage({...ytd, period: {start: "2026-01-01", end: "2027-01-01"}})).rows;
    const [velocity] = (await salesVelocity(ytd)).rows;
    const slice = data.slices["ytd|all"];
    expect(data.currency).toBe("CNY");
    expect(slice.coverage_period).toEqual({start: "2026-01-01", end: "2027-01-01"});
    expect(slice.coverage).toEqual({
      count_open_due: coverage.count_open_due,
      open_due_amount: Math.round(coverage.open_due_amount),
      weighted_due_amount: Math.round(coverage.weighted_due_amount),
      won_amount: Math.round(coverage.won_amount),
      quota: Math.round(coverage.quota!),
      remaining_quota: Math.round(coverage.remaining_quota!),
      coverage_ratio: rate(coverage.coverage_ratio),
      weighted_coverage_ratio: rate(coverage.weighted_coverage_ratio)
    });
    expect(slice.velocity).toMatchObject({
      count_open: velocity.count_open,
      count_won: velocity.count_won,
      count_lost: velocity.count_lost,
      win_rate: rate(velocity.win_rate),
      avg_cycle_days: velocity.avg_cycle_days,
      velocity_per_day: Math.round(velocity.velocity_per_day!)
    });
  });

  it("has no coverage for a closed period, and the whole quarter's for quarter to date", async () => {
    for (const closed of ["lq", "ly", "l12m", "all"]) {
      expect(data.slices[`${closed}|all`]).toMatchObject({coverage_period: null, coverage: null});
    }
    const [quarter] = (await pipelineCoverage({...ytd, period: {start: "2026-10-01", end: "2027-01-01"}})).rows;
    expect(data.slices["qtd|all"].coverage?.open_due_amount).toBe(Math.round(quarter.open_due_amount));
  });

  it("says data/sample alone has a single ingest to compare", () => {
    expect(data.slices["ytd|all"].changes).toBeNull();
    expect(data.slices["ytd|all"].missing).toEqual(["opportunity_snapshots: needs two ingests"]);
  });

  it("holds the open pipeline now by stage and close month", async () => {
    const open = await openPipeline(ytd);
    const weighted = await weightedPipeline(ytd);
    const slice = data.now.slices["*|all"];
    const cells = tableRows(slice.open);
    const sum = (rows: {amount: number}[]) => rows.reduce((n, r) => n + r.amount, 0);
    expect(sum(cells)).toBe(sum(open.rows));
    const overdue = open.rows.filter((r) => r.expected_close_month! < "2026-11-01");
    expect(cells.filter((c) => c.month === "overdue").reduce((n, c) => n + c.count_opportunities, 0)).toBe(
      overdue.reduce((n, r) => n + r.count_opportunities, 0)
    );
    const december = open.rows.filter((r) => r.expected_close_month === "2026-12-01");
    expect(cells.filter((c) => c.month === "2026-12-01").map((c) => [c.stage, c.amount])).toEqual(
      december.map((r) => [r.stage, r.amount])
    );
    expect(tableRows(slice.by_stage)).toEqual(
      weighted.rows.map((r) => ({
        count_opportunities: r.count_opportunities,
        amount: r.amount,
        weighted_amount: Math.round(r.weighted_amount!),
        configured_weighted_amount: Math.round(r.configured_weighted_amount!)
      }))
    );
    expect(slice.count_other_currency).toBe(0);
  });

  it("reconstructs the pipeline at each month-end as pipelineAsOf does, for every kind of filter", async () => {
    const options = await readFilterOptions(warehouse.connection);
    const choices: [string, Filters][] = [
      ["all", {}],
      [`team=${options.team[0]}`, {team: options.team[0]}],
      [`region=${options.region[1]}`, {region: options.region[1]}],
      [`channel=${options.channel[2]}`, {channel: options.channel[2]}]
    ];
    expect(data.as_of_dates).toEqual([
      "2025-12-01",
      "2026-01-01",
      "2026-02-01",
      "2026-03-01",
      "2026-04-01",
      "2026-05-01",
      "2026-06-01",
      "2026-07-01",
      "2026-08-01",
      "2026-09-01",
      "2026-10-01",
      "2026-11-01"
    ]);
    await withStageEntries(warehouse.connection, async () => {
      for (const [key, filters] of choices) {
        const slice = data.now.slices[`*|${key}`];
        for (const i of [0, 6, 11]) {
          const {rows} = await pipelineAsOf(warehouse.context(ytd.period, filters), {date: data.as_of_dates[i]});
          expect(slice.as_of.count_opportunities[i]).toEqual(rows.map((r) => r.count_opportunities));
          expect(slice.as_of.amount[i]).toEqual(rows.map((r) => Math.round(r.amount)));
          expect(slice.as_of.count_amount_current[i]).toEqual(rows.map((r) => r.count_amount_current));
        }
      }
    });
    expect(data.now.slices[`*|${choices[1][0]}`].as_of.amount).not.toEqual(data.now.slices["*|all"].as_of.amount);
  });

  it("narrows every number to the filter", () => {
    const all = data.slices["qtd|all"];
    const team = data.slices[`qtd|team=华北`];
    expect(team.coverage!.quota!).toBeLessThan(all.coverage!.quota!);
    expect(team.velocity!.count_open).toBeLessThan(all.velocity!.count_open);
    // quotas are set per rep: a channel has none
    expect(data.slices["qtd|channel=referral"].coverage!.quota).toBeNull();
  });

  it("stays within 150 KB", () => {
    expect(Buffer.byteLength(JSON.stringify(data))).toBeLessThan(150_000);
  });
});

/**
 * now = 2026-08-01 (the second ingest); the quarter to date is 2026-07-01 … 2026-08-02. Tracked in the
 * first export (2026-06-15): P1 100 and P2 50, both due in July. By the second: P1 raised to 150, P2 won,
 * P3 new (80, due 07-28). Waterfall: start 150, new +80, won −50, amount up +50, end 230.
 */
const TWO_INGESTS = `
INSERT INTO reps (rep_id, name, team, region, _ingest_id, _file, _line) VALUES ('R1', 'Rep One', 'East', 'Shanghai', 2, 'r', 1);
INSERT INTO opportunities (opportunity_id, owner_rep_id, source, stage, outcome, amount, currency, created_at,
  expected_close_at, closed_at, _ingest_id, _file, _line) VALUES
  ('P1', 'R1', 'web', 'negotiation', 'open', 150, 'CNY', '2026-05-01', '2026-07-20', NULL, 2, 'f', 1),
  ('P2', 'R1', 'web', 'won', 'won', 50, 'CNY', '2026-05-10', '2026-07-25', '2026-07-10', 2, 'f', 2),
  ('P3', 'R1', 'web', 'potential', 'open', 80, 'CNY', '2026-07-01', '2026-07-28', NULL, 2, 'f', 3);
INSERT INTO ingests VALUES
  (1, '2026-06-15', '2026-06-15', '2026-06-15', 1, 2, 2, 0, 'loaded', NULL, 0),
  (2, '2026-08-01', '2026-08-01', '2026-08-01', 1, 3, 3, 0, 'loaded', NULL, 0);
INSERT INTO opportunity_snapshots VALUES
  (1, '2026-06-15', 'P1', 'intent', 'open', 100, 'CNY', '2026-07-20'),
  (1, '2026-06-15', 'P2', 'negotiation', 'open', 50, 'CNY', '2026-07-25');
INSERT INTO opportunity_snapshots
  SELECT 2, '2026-08-01', opportunity_id, stage, outcome, amount, currency, expected_close_at FROM opportunities;`;

describe("pipelineData(connection) with two ingests", () => {
  it("holds the waterfall of pipelineChanges", async () => {
    const two = await emptyWarehouse();
    try {
      await two.connection.run(TWO_INGESTS);
      const result = await pipelineData(two.connection);
      const period = sitePeriods("2026-08-01T00:00:00Z", "2000-01-01").find((p) => p.id === "qtd")!;
      const {rows} = await pipelineChanges({connection: two.connection, period, now: "2026-08-01T00:00:00Z"});
      const changes = result.slices["qtd|all"].changes!;
      expect(changes.from_exported_at).toBe("2026-06-15T00:00:00Z");
      expect(tableRows(changes.steps)).toEqual(
        rows.map((r) => ({
          step: r.step,
          count_opportunities: r.count_opportunities,
          amount: r.amount,
          running_amount: r.running_amount
        }))
      );
      expect(tableRows(changes.steps).map((r) => [r.step, r.amount])).toEqual([
        ["start", 150],
        ["new", 80],
        ["won", -50],
        ["lost", 0],
        ["removed", 0],
        ["pushed_out", 0],
        ["pulled_in", 0],
        ["amount_up", 50],
        ["amount_down", 0],
        ["end", 230]
      ]);
      expect(result.slices["qtd|all"].missing).toEqual(["quotas", "stage_history"]);
    } finally {
      two.close();
    }
  });
});

describe("pipelineData(connection) on an empty warehouse", () => {
  it("writes empty slices that say what is missing", async () => {
    const empty = await emptyWarehouse();
    try {
      const result = await pipelineData(empty.connection);
      expect(result.currency).toBeNull();
      expect(result.slices["ytd|all"]).toMatchObject({coverage: {quota: null}, velocity: null, changes: null});
      expect(result.slices["ytd|all"].missing).toEqual([
        "opportunity_snapshots: needs two ingests",
        "quotas",
        "stage_history"
      ]);
      const now = result.now.slices["*|all"];
      expect(tableRows(now.open)).toEqual([]);
      expect(now.as_of.amount.flat().every((x) => x === 0)).toBe(true);
    } finally {
      empty.close();
    }
  });
});
