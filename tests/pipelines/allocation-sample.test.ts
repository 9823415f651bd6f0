import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {allocation, type AllocationResults} from "../../pipelines/allocation.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {sampleWarehouse} from "./sample-warehouse.ts";

let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
let ctx: PipelineContext;
let results: AllocationResults;

beforeAll(async () => {
  warehouse = await sampleWarehouse();
  // the whole sample: opportunities are created from 2023-11-20 on, the export is of 2026-11-20
  ctx = warehouse.context({start: "2023-01-01", end: "2027-01-01"});
  results = await allocation(ctx);
});
afterAll(() => warehouse.close());

describe("allocation(ctx) on the sample", () => {
  it("matches the golden output", async () => {
    const golden = {rep_load: results.rep_load, reassignments: results.reassignments, budget: results.budget};
    await expect(JSON.stringify(golden, null, 2)).toMatchFileSnapshot("./__snapshots__/allocation.json");
  });

  it("explains every suggested move, with a positive gain, within 20 % of the giving rep's book", () => {
    const moves = results.reassignments.rows;
    expect(moves.length).toBeGreaterThan(0);
    const given = new Map<string, number>();
    for (const move of moves) {
      expect(move.expected_value_gain).toBeGreaterThan(0);
      expect(move.to_segment_win_rate).toBeGreaterThan(move.from_segment_win_rate);
      expect(move.explanation).toContain(`Moving ${move.opportunity_id} to`);
      expect(move.explanation_zh).toContain(`将${move.opportunity_id}转给`);
      given.set(move.from_rep_id, (given.get(move.from_rep_id) ?? 0) + 1);
    }
    for (const [rep, count] of given) {
      const load = results.rep_load.rows.find((row) => row.rep_id === rep)!;
      expect(count).toBeLessThanOrEqual(Math.floor(0.2 * load.count_open));
    }
  });

  it("moves deals towards the reps who specialise in the customer's industry", async () => {
    // the generator gives a rep better odds in the industries listed as specialties
    const reader = await ctx.connection.runAndReadAll(`SELECT rep_id, specialties FROM reps`);
    const specialties = new Map(reader.getRows().map(([rep, list]) => [String(rep), String(list).split(";")]));
    const moves = results.reassignments.rows;
    const toSpecialist = moves.filter((m) => specialties.get(m.to_rep_id)!.includes(m.industry)).length;
    const fromSpecialist = moves.filter((m) => specialties.get(m.from_rep_id)!.includes(m.industry)).length;
    expect(toSpecialist).toBeGreaterThan(fromSpecialist);
    // the biggest gain: a 制造业 deal to a rep who lists 制造业
    expect(specialties.get(moves[0].to_rep_id)).toContain(moves[0].industry);
  });

  it("ranks the channels that bring deals above paid ads, and moves budget towards them", () => {
    const rows = results.budget.rows;
    const rank = (source: string) => rows.find((r) => r.source === source)!.rank;
    for (const good of ["referral", "partner"])
      for (const poor of ["online_ads", "weibo"]) expect(rank(good)).toBeLessThan(rank(poor));
    const online = rows.find((r) => r.source === "online_ads")!;
    expect(online.next_share).toBeLessThan(online.current_share);
    expect(rows.reduce((sum, r) => sum + r.next_share, 0)).toBeCloseTo(1, 12);
  });
});
