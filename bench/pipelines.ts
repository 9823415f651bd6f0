// Times every metrics pipeline on a warehouse: `npx tsx bench/pipelines.ts <warehouse> [start] [end]`.
// Prints one line per pipeline (seconds, rows) and the total, slowest first; writes nothing.
import {openWarehouse} from "../loaders/warehouse/open-warehouse.ts";
import {channelQuality} from "../pipelines/channel-quality.ts";
import {customers} from "../pipelines/customers.ts";
import {dataQuality} from "../pipelines/data-quality.ts";
import {followUp} from "../pipelines/follow-up.ts";
import {forecast} from "../pipelines/forecast.ts";
import type {PipelineContext} from "../pipelines/lib/context.ts";
import {latestExport} from "../pipelines/lib/latest-export.ts";
import {withStageEntries} from "../pipelines/lib/stage-entries.ts";
import {pipeline} from "../pipelines/pipeline.ts";
import {repPerformance, repSegmentWinRates, teamPerformance} from "../pipelines/rep-performance.ts";
import {service} from "../pipelines/service.ts";
import {stageConversion} from "../pipelines/stage-conversion.ts";

const [path, start = "2025-01-01", end = "2026-01-01"] = process.argv.slice(2);
if (!path) throw new Error("usage: tsx bench/pipelines.ts <warehouse> [start] [end]");
const warehouse = await openWarehouse(path, {readOnly: true});
const now = (await latestExport(warehouse.connection)) ?? new Date().toISOString();
const ctx: PipelineContext = {connection: warehouse.connection, period: {start, end}, now};

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
  ["forecast", () => forecast(ctx)]
];
// as a site build runs them: stage entries computed once for every pipeline that reads them
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
warehouse.close();
const total = timings.reduce((sum, t) => sum + t.seconds, 0);
for (const t of [...timings].sort((a, b) => b.seconds - a.seconds))
  console.log(`${t.seconds.toFixed(2).padStart(7)} s  ${t.name}`);
console.log(`${total.toFixed(2).padStart(7)} s  all pipelines (period ${start} to ${end}, now ${now})`);
