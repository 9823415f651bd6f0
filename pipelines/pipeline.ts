/**
 * Pipeline (docs/method.md §3 and §7): the open pipeline now by stage and expected close month, weighted by
 * learned stage probabilities, its coverage of the remaining quota, sales velocity, the changes between
 * two ingest snapshots as a waterfall, and the pipeline as it stood at a past date.
 */
import type {PipelineContext, PipelineResult} from "./lib/context.ts";
import {withStageEntries} from "./lib/stage-entries.ts";
import {openPipeline, type OpenPipelineRow} from "./pipeline/open-pipeline.ts";
import {pipelineAsOf, type PipelineAsOfRow} from "./pipeline/pipeline-as-of.ts";
import {pipelineChanges, type IngestRef, type PipelineChangeRow} from "./pipeline/pipeline-changes.ts";
import {pipelineCoverage, type PipelineCoverageRow} from "./pipeline/pipeline-coverage.ts";
import {pipelineGlossary} from "./pipeline/pipeline-glossary.ts";
import {salesVelocity, type SalesVelocityRow} from "./pipeline/sales-velocity.ts";
import {pipelineStageProbabilities, weightedPipeline, type WeightedPipelineRow} from "./pipeline/weighted-pipeline.ts";

export {openPipeline, type OpenPipelineRow} from "./pipeline/open-pipeline.ts";
export {openAsOfSql, pipelineAsOf, type PipelineAsOfRow} from "./pipeline/pipeline-as-of.ts";
export {
  CHANGE_STEPS,
  pipelineChanges,
  type ChangeStep,
  type IngestRef,
  type PipelineChangeRow
} from "./pipeline/pipeline-changes.ts";
export {pipelineCoverage, type PipelineCoverageRow} from "./pipeline/pipeline-coverage.ts";
export {salesVelocity, type SalesVelocityRow} from "./pipeline/sales-velocity.ts";
export {
  LEARNING_DAYS,
  pipelineStageProbabilities,
  weightedPipeline,
  type StageProbabilityOptions,
  type WeightedPipelineRow
} from "./pipeline/weighted-pipeline.ts";

export const glossary = pipelineGlossary;

export interface PipelineResults {
  open: PipelineResult<OpenPipelineRow>;
  weighted: PipelineResult<WeightedPipelineRow>;
  coverage: PipelineResult<PipelineCoverageRow>;
  velocity: PipelineResult<SalesVelocityRow>;
  changes: PipelineResult<PipelineChangeRow>;
  as_of: PipelineResult<PipelineAsOfRow>;
}

/**
 * Every pipeline result a page needs, for one context: `changes` compares the ingests `from` and `to`
 * (default: the two latest), `as_of` reconstructs the pipeline at `asOf` (default: the period start).
 * The stage events are computed once for all of them; queries run one after another.
 *
 * @example
 * const {coverage, changes} = await pipeline(ctx, {asOf: "2026-10-01"});
 * coverage.rows[0].coverage_ratio; // 1.9
 */
export async function pipeline(
  ctx: PipelineContext,
  options: {from?: IngestRef; to?: IngestRef; asOf?: string} = {}
): Promise<PipelineResults> {
  return withStageEntries(
    ctx.connection,
    async () => {
      const learned = await pipelineStageProbabilities(ctx.connection, ctx.now);
      return {
        open: await openPipeline(ctx, {learned}),
        weighted: await weightedPipeline(ctx, {learned}),
        coverage: await pipelineCoverage(ctx, {learned}),
        velocity: await salesVelocity(ctx),
        changes: await pipelineChanges(ctx, {from: options.from, to: options.to}),
        as_of: await pipelineAsOf(ctx, {date: options.asOf})
      };
    },
    {eventsOnly: true}
  );
}
