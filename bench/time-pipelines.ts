import {openWarehouse} from "../warehouse/open-warehouse.ts";
import {sitePeriods} from "../site/site-periods.ts";
import {allocation} from "../pipelines/allocation.ts";
import {channelQuality} from "../pipelines/channel-quality.ts";
import {customers} from "../pipelines/customers.ts";
import {dataQuality} from "../pipelines/data-quality.ts";
import {discovery} from "../pipelines/discovery.ts";
import {followUp} from "../pipelines/follow-up.ts";
import {forecast} from "../pipelines/forecast.ts";
import type {PipelineContext} from "../pipelines/lib/context.ts";
import {latestExport} from "../pipelines/lib/latest-export.ts";
import {withStageEntries} from "../pipelines/lib/stage-entries.ts";
import {pipeline} from "../pipelines/pipeline.ts";
import {repPerformance, repSegmentWinRates, teamPerformance} from "../pipelines/rep-performance.ts";
import {scoring} from "../pipelines/scoring.ts";
import {service} from "../pipelines/service.ts";
import {stageConversion} from "../pipelines/stage-conversion.ts";

/**
 * Runs every metrics pipeline once on a warehouse — year to date, no filter, stage entries computed once
 * as a site build does — and returns each one's seconds, slowest first.
 */
export async function timePipelines(path: string): Promise<{name: string; seconds: number}[]> {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const now = (await latestExport(warehouse.connection)) ?? new Date().toISOString();
    const ytd = sitePeriods(now, now)[2];
    const ctx: PipelineContext = {connection: warehouse.connection, period: ytd, now};
    const families: [string, () => Promise<unknown>][] = [
      ["channelQuality", () => channelQuality(ctx)],
      ["repPerformance", () => repPerformance(ctx)],
      ["teamPerformance", () => teamPerformance(ctx)],
      ["repSegmentWinRates", () => repSegmentWinRates(ctx)],
      ["stageConversion", () => stageConversion(ctx)],
      ["pipeline", () => pipeline(ctx)],
      ["followUp", () => followUp(ctx)],
      ["customers", () => customers(ctx)],
      ["service", () => service(ctx)],
      ["dataQuality", () => dataQuality(ctx)],
      ["forecast", () => forecast(ctx)],
      ["scoring", () => scoring(ctx)],
      ["allocation", () => allocation(ctx)],
      ["discovery", () => discovery(ctx)]
    ];
    const timings: {name: string; seconds: number}[] = [];
    const began = performance.now();
    await withStageEntries(warehouse.connection, async () => {
      timings.push({name: "stage entries (shared)", seconds: (performance.now() - began) / 1000});
      for (const [name, run] of families) {
        const started = performance.now();
        await run();
        timings.push({name, seconds: (performance.now() - started) / 1000});
      }
    });
    return timings.sort((a, b) => b.seconds - a.seconds);
  } finally {
    warehouse.close();
  }
}
