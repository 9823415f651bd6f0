import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {stageConversion, type StageConversionResults} from "../../pipelines/stage-conversion.ts";
import {sampleWarehouse} from "./sample-warehouse.ts";

let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
let year: StageConversionResults;
let history: StageConversionResults;

beforeAll(async () => {
  warehouse = await sampleWarehouse();
  const ctx: PipelineContext = warehouse.context({start: "2025-01-01", end: "2026-01-01"});
  year = await stageConversion(ctx);
  // the whole sample: opportunities are created from 2023-11-20 on, the export is of 2026-11-20
  history = await stageConversion({...ctx, period: {start: "2023-01-01", end: "2027-01-01"}});
});
afterAll(() => warehouse.close());

describe("stageConversion(ctx) on the sample", () => {
  it("matches the golden output for 2025", async () => {
    await expect(JSON.stringify(year, null, 2)).toMatchFileSnapshot("./__snapshots__/stage-conversion-2025.json");
  });

  it("shows a funnel that narrows stage by stage", () => {
    const rates = history.funnel.rows.map((r) => r.reached_rate!);
    expect(rates[0]).toBe(1);
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeLessThan(rates[i - 1]);
    // the generator wins about four deals in ten
    expect(rates.at(-1)).toBeGreaterThan(0.3);
    expect(rates.at(-1)).toBeLessThan(0.5);
  });

  it("learns stage probabilities above the configured 10/30/60 %", () => {
    for (const row of history.stage_probabilities.rows) {
      expect(row.learned_probability!).toBeGreaterThan(row.configured_probability!);
      expect(row.count_closed_reached).toBeGreaterThan(500);
    }
    // the sample exports no CRM probability
    expect(history.stage_probabilities.missing).toEqual(["opportunities.probability"]);
  });

  it("keeps deals longer in later stages, as the generator's 6 / 12 / 16 day medians do", () => {
    const [potential, intent, negotiation] = history.time_in_stage.rows;
    expect(potential.median_days!).toBeLessThan(intent.median_days!);
    expect(intent.median_days!).toBeLessThan(negotiation.median_days!);
    expect(potential.median_days!).toBeGreaterThan(4);
    expect(potential.median_days!).toBeLessThan(10);
  });

  it("sees deals that skip intent, start in intent and fall back from negotiation", () => {
    const cell = (from: string | null, to: string) =>
      history.transitions.rows.find((r) => r.from_stage === from && r.to_stage === to)!;
    // the generator skips intent on the way to negotiation 12 % of the time and goes back 7 % of the time
    expect(cell("potential", "negotiation").move).toBe("skip");
    expect(cell("potential", "negotiation").transition_rate).toBeGreaterThan(0.03);
    expect(cell("negotiation", "intent").move).toBe("backward");
    expect(cell("negotiation", "intent").transition_rate).toBeGreaterThan(0.02);
    expect(cell(null, "intent").count_stages_skipped).toBe(1);
  });

  it("finds early losses lost contact and late losses lost on price", () => {
    const top = (stage: string) => history.lost_reasons.rows.find((r) => r.lost_stage === stage)!.lost_reason;
    // the generator's weights: potential favours 失去联系 (6 of 17), negotiation 价格过高 (6 of 16)
    expect(top("potential")).toBe("失去联系");
    expect(top("negotiation")).toBe("价格过高");
  });

  it("lists the stalled opportunities as stuck", () => {
    const stuck = history.stuck.rows;
    // 3 % of the generator's opportunities stall; many of them are still open at the export
    expect(stuck.length).toBeGreaterThan(10);
    for (const row of stuck) expect(row.days_in_stage).toBeGreaterThan(row.stage_p90_days);
    expect(stuck[0].days_over_p90).toBeGreaterThan(365);
  });

  it("labels the two win rates and they agree within a few points on a full year", () => {
    const [snapshot, cohort] = year.win_rates.rows;
    expect([snapshot.basis, cohort.basis]).toEqual(["snapshot", "cohort"]);
    expect(Math.abs(snapshot.win_rate! - cohort.win_rate!)).toBeLessThan(0.05);
  });
});
