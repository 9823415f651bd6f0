import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readFilterOptions, type FilterDimension} from "../../../site/site-filters.ts";
import {sitePeriods} from "../../../site/site-periods.ts";
import {funnelData, type FunnelData} from "../../../site/pages/funnel-data.ts";
import {STUCK_ROWS} from "../../../site/pages/funnel-now.ts";
import type {Filters, PipelineContext} from "../../../pipelines/lib/context.ts";
import {pipelineStageProbabilities} from "../../../pipelines/pipeline.ts";
import {stageConversion, stuckOpportunities, type StageConversionResults} from "../../../pipelines/stage-conversion.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {cellsOf} from "../../../src/components/funnel-cells.js";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
let data: FunnelData;
let now: string;
let ytd: PipelineContext;
let direct: StageConversionResults;

beforeAll(async () => {
  warehouse = await sampleWarehouse();
  data = await funnelData(warehouse.connection);
  ytd = warehouse.context(sitePeriods("2026-11-20T00:00:00Z", "2000-01-01").find((p) => p.id === "ytd")!);
  now = ytd.now;
  direct = await stageConversion(ytd);
});
afterAll(() => warehouse.close());

const rate = (x: number | null) => (x === null ? null : Number(x.toPrecision(4)));

describe("funnelData(connection) on the sample", () => {
  it("holds the stage-conversion results of the year to date, unfiltered", () => {
    const slice = data.slices["ytd|all"];
    expect(slice.count_cohort).toBe(direct.funnel.rows[0].count_cohort);
    expect(tableRows(slice.funnel)).toEqual(
      direct.funnel.rows.map((r) => ({
        count_reached: r.count_reached,
        reached_rate: rate(r.reached_rate),
        conversion_rate: rate(r.conversion_rate)
      }))
    );
    expect(tableRows(slice.win_rates).map((r) => [r.basis, r.count_opportunities, r.count_won, r.win_rate])).toEqual(
      direct.win_rates.rows.map((r) => [r.basis, r.count_opportunities, r.count_won, rate(r.win_rate)])
    );
    expect(slice.missing).toEqual([]);
  });

  it("lists every transition with its count and share of the moves out of its stage", () => {
    const cells = cellsOf(data.transitions, data.slices["ytd|all"].transitions, {
      countKey: "count_transitions",
      groupKey: "from_stage",
      shareKey: "transition_rate"
    });
    const key = (r: {from_stage: string | null; to_stage: string}) => `${r.from_stage}>${r.to_stage}`;
    expect(new Map(cells.map((c) => [key(c), [c.move, c.count_stages_skipped, c.count_transitions]]))).toEqual(
      new Map(direct.transitions.rows.map((r) => [key(r), [r.move, r.count_stages_skipped, r.count_transitions]]))
    );
    for (const r of direct.transitions.rows) {
      expect(cells.find((c) => key(c) === key(r))!.transition_rate).toBeCloseTo(r.transition_rate, 12);
    }
    // the sample skips intent, starts in intent and falls back from negotiation
    expect(new Set(cells.map((c) => c.move))).toEqual(new Set(["start", "forward", "skip", "backward", "won", "lost"]));
  });

  it("adds the first quartile to timeInStage's median, p75 and p90", () => {
    const times = tableRows(data.slices["ytd|all"].time_in_stage);
    expect(times.map((r) => [r.count_entries, r.count_censored, r.median_days, r.p75_days, r.p90_days])).toEqual(
      direct.time_in_stage.rows.map((r) => [r.count_entries, r.count_censored, r.median_days, r.p75_days, r.p90_days])
    );
    for (const r of times) {
      expect(r.p25_days).toBeGreaterThan(0);
      expect(r.p25_days!).toBeLessThanOrEqual(r.median_days!);
    }
  });

  it("counts the losses by stage and reason as lostReasons does", () => {
    const cells = cellsOf(data.lost_reasons, data.slices["ytd|all"].lost_reasons, {
      countKey: "count_lost",
      groupKey: "lost_stage",
      shareKey: "stage_share_rate"
    });
    // the sample gives six reasons: all are named
    expect(cells.some((c) => c.is_other_reason)).toBe(false);
    const key = (r: {lost_stage: string | null; lost_reason: string | null}) => `${r.lost_stage}>${r.lost_reason}`;
    expect(new Map(cells.map((c) => [key(c), c.count_lost]))).toEqual(
      new Map(direct.lost_reasons.rows.map((r) => [key(r), r.count_lost]))
    );
    for (const r of direct.lost_reasons.rows) {
      expect(cells.find((c) => key(c) === key(r))!.stage_share_rate).toBeCloseTo(r.stage_share_rate, 12);
    }
  });

  it("narrows every number to the filter", async () => {
    const team = "华北";
    const filtered = data.slices[`ytd|team=${team}`];
    const teamDirect = await stageConversion(warehouse.context(ytd.period, {team}));
    expect(filtered.count_cohort).toBe(teamDirect.funnel.rows[0].count_cohort);
    expect(filtered.count_cohort).toBeLessThan(data.slices["ytd|all"].count_cohort);
    expect(filtered.transitions).not.toEqual(data.slices["ytd|all"].transitions);
    expect(tableRows(filtered.time_in_stage).map((r) => r.median_days)).toEqual(
      teamDirect.time_in_stage.rows.map((r) => r.median_days)
    );
  });

  it("lists the stuck opportunities of each filter as stuckOpportunities does", async () => {
    const options = await readFilterOptions(warehouse.connection);
    const choices: [string, Filters][] = [["all", {}]];
    for (const dimension of ["team", "region", "channel"] as FilterDimension[]) {
      choices.push([`${dimension}=${options[dimension][0]}`, {[dimension]: options[dimension][0]}]);
    }
    for (const [key, filters] of choices) {
      const slice = data.now.slices[`*|${key}`];
      const stuck = await stuckOpportunities(warehouse.context(ytd.period, filters));
      expect(slice.count_stuck).toBe(stuck.rows.length);
      expect(slice.stuck.map((i) => data.stuck_opportunities[i].opportunity_id)).toEqual(
        stuck.rows.slice(0, STUCK_ROWS).map((r) => r.opportunity_id)
      );
      expect(slice.count_stuck_by_stage.reduce((a, b) => a + b, 0)).toBe(stuck.rows.length);
    }
    expect(data.now.slices["*|all"].count_stuck).toBeGreaterThan(data.now.slices[`*|${choices[1][0]}`].count_stuck);
    const worst = (await stuckOpportunities(ytd)).rows[0];
    expect(data.stuck_opportunities[data.now.slices["*|all"].stuck[0]]).toMatchObject({
      opportunity_id: worst.opportunity_id,
      stage: worst.stage,
      amount: worst.amount
    });
    expect(data.stuck_p90_days).toContain(worst.stage_p90_days);
  });

  it("learns the stage probabilities of the last year as the pipeline does", async () => {
    const learned = await pipelineStageProbabilities(warehouse.connection, now);
    expect(tableRows(data.now.slices["*|all"].stage_probabilities)).toEqual(
      learned.map((r) => ({
        count_closed_reached: r.count_closed_reached,
        count_won: r.count_won,
        learned_probability: rate(r.learned_probability)
      }))
    );
    expect(data.stages.map((s) => s.probability)).toEqual([0.1, 0.3, 0.6, 1, 0]);
  });

  it("publishes accounts by name only and no contact data, within 150 KB", () => {
    const json = JSON.stringify(data);
    expect(Buffer.byteLength(json)).toBeLessThan(150_000);
    expect(Object.keys(data.stuck_opportunities[0]).sort()).toEqual(
      [
        "account_name",
        "amount",
        "currency",
        "days_in_stage",
        "days_over_p90",
        "expected_close_at",
        "opportunity_id",
        "rep_name",
        "stage"
      ].sort()
    );
    expect(json).not.toMatch(/@|\b1[3-9]\d{9}\b/);
  });
});

describe("funnelData(connection) on an empty warehouse", () => {
  it("writes empty slices that say what is missing", async () => {
    const empty = await emptyWarehouse();
    try {
      const result = await funnelData(empty.connection);
      const slice = result.slices["ytd|all"];
      expect(slice.count_cohort).toBe(0);
      expect(slice.missing).toEqual(["stage_history"]);
      expect(slice.transitions).toEqual([]);
      expect(result.now.slices["*|all"]).toMatchObject({count_open: 0, count_stuck: 0, stuck: []});
      expect(result.stuck_opportunities).toEqual([]);
    } finally {
      empty.close();
    }
  });
});
