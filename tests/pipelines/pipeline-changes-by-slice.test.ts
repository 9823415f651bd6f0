import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {withStageEntries} from "../../pipelines/lib/stage-entries.ts";
import {pipelineChanges} from "../../pipelines/pipeline.ts";
import {pipelineChangesBySlice} from "../../pipelines/pipeline/pipeline-changes-by-slice.ts";
import {pipelineData} from "../../site/pages/pipeline-data.ts";
import {SAMPLE_EXPORTS} from "../../site/sample-exports.ts";
import {everyKindOfChoice, expectClose} from "./every-kind-of-choice.ts";
import {sampleWarehouse} from "./sample-warehouse.ts";

// The waterfall of every slice between the sample's two exports, read by one query per period grouped by filter
// choice, must be what pipelineChanges gives one slice at a time, and the pipeline page's data equal.

describe("pipelineChangesBySlice", () => {
  let built: Awaited<ReturnType<typeof sampleWarehouse>>;
  beforeAll(async () => {
    built = await sampleWarehouse(SAMPLE_EXPORTS);
  }, 300_000);
  afterAll(() => built?.close());

  it("equals the per-slice pipeline on the sample's two exports, under every kind of filter", async () => {
    const connection = built.connection;
    const g = await everyKindOfChoice(connection);
    await withStageEntries(connection, async () => {
      const grouped = await pipelineChangesBySlice(g);
      const moved = (p: number, c: number) =>
        grouped[p][c].rows
          .filter((r) => r.step !== "start" && r.step !== "end")
          .reduce((n, r) => n + r.count_opportunities, 0);
      for (const [p, period] of g.periods.entries())
        for (const [c, filters] of g.choices.entries())
          expectClose(grouped[p][c], await pipelineChanges({connection, now: g.now, period, filters}), `${p}/${c}`);
      const all = g.periods.length - 1;
      // every choice sees changes, and a filtered one fewer than all
      expect(g.choices.every((_, c) => moved(all, c) > 0)).toBe(true);
      expect(moved(all, 1)).toBeLessThan(moved(all, 0));
      expect(await pipelineData(connection)).toEqual(await pipelineData(connection, false));
    });
  }, 300_000);

  it("says what is missing with a single ingest", async () => {
    const single = await sampleWarehouse();
    try {
      const g = await everyKindOfChoice(single.connection);
      const grouped = await pipelineChangesBySlice(g);
      expect(grouped[0][0]).toEqual(
        await pipelineChanges({connection: single.connection, now: g.now, period: g.periods[0]})
      );
      expect(grouped[0][0].missing).toEqual(["opportunity_snapshots: needs two ingests"]);
    } finally {
      single.close();
    }
  }, 300_000);
});
