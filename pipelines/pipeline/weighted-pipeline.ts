import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {learnStageProbabilities, type LearnedStageProbability} from "../stage-conversion/stage-probabilities.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";

/** How far back the pipeline's stage probabilities are learned: opportunities closed in the last year. */
export const LEARNING_DAYS = 365;

/**
 * The stage probabilities the pipeline pages weight with: learned (learnStageProbabilities) from all
 * opportunities closed in the LEARNING_DAYS before now — company-wide, whatever the filters, so that a
 * filtered view is weighted by the same rates as the whole — falling back to the configured probability
 * for a stage no closed opportunity reached. The forecast reuses it.
 *
 * @example
 * const probability = stageProbabilityOf(await pipelineStageProbabilities(connection, now));
 */
export async function pipelineStageProbabilities(
  connection: PipelineContext["connection"],
  now: string
): Promise<LearnedStageProbability[]> {
  const since = new Date(Date.parse(now) - LEARNING_DAYS * 86_400_000).toISOString();
  return learnStageProbabilities(connection, {since, until: now});
}

/** Stage probabilities already learned by pipelineStageProbabilities (the pipeline() call learns them once). */
export interface StageProbabilityOptions {
  learned?: LearnedStageProbability[];
}

/** The open pipeline weighted by stage probability — grain: one row per open stage per currency. */
export interface WeightedPipelineRow {
  stage: string;
  stage_order: number;
  currency: string | null;
  count_opportunities: number;
  /** Σ amount of the open opportunities (those without an amount add nothing) */
  amount: number;
  /** the probability used: learned over the last LEARNING_DAYS, else configured */
  probability: number | null;
  probability_source: "learned" | "configured" | null;
  learned_probability: number | null;
  configured_probability: number | null;
  /** amount × probability */
  weighted_amount: number | null;
  /** amount × configured_probability, for comparison */
  configured_weighted_amount: number | null;
}

/**
 * Weighted pipeline: Σ open amount × stage probability, per stage — what the open pipeline is worth when
 * each deal counts by the chance that deals in its stage are won.
 *
 * Why: an unweighted pipeline treats a first call like a signed-off quote; weighting by learned stage
 * probabilities (pipelineStageProbabilities) gives an expected value the forecast can use, and the column
 * weighted by the configured probabilities shows how far the CRM's own numbers would be off.
 *
 * Input: open opportunities now (filtered); closed opportunities of the last year for the probabilities.
 * The period plays no part. Output grain: one row per open stage per currency, in funnel order.
 *
 * @example
 * const {rows} = await weightedPipeline({connection, period, now});
 * // {stage: "negotiation", amount: 12_400_000, probability: 0.72, weighted_amount: 8_928_000, …}
 */
export async function weightedPipeline(
  ctx: PipelineContext,
  options: StageProbabilityOptions = {}
): Promise<PipelineResult<WeightedPipelineRow>> {
  const learned = options.learned ?? (await pipelineStageProbabilities(ctx.connection, ctx.now));
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const sums = await readRows<{stage: string; currency: string | null; count_opportunities: number; amount: number}>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL})
     SELECT f.stage, f.currency, count(*)::INTEGER AS count_opportunities, coalesce(sum(f.amount), 0)::DOUBLE AS amount
     FROM opportunity_scope f WHERE f.outcome = 'open' AND ${filter}
     GROUP BY ALL ORDER BY f.currency NULLS LAST`,
    params
  );
  const rows = learned.flatMap((stage) =>
    sums
      .filter((sum) => sum.stage === stage.stage)
      .map(
        (sum): WeightedPipelineRow => ({
          stage: stage.stage,
          stage_order: stage.stage_order,
          currency: sum.currency,
          count_opportunities: sum.count_opportunities,
          amount: sum.amount,
          probability: stage.probability,
          probability_source: stage.probability_source,
          learned_probability: stage.learned_probability,
          configured_probability: stage.configured_probability,
          weighted_amount: stage.probability === null ? null : round2(sum.amount * stage.probability),
          configured_weighted_amount:
            stage.configured_probability === null ? null : round2(sum.amount * stage.configured_probability)
        })
      )
  );
  return {rows, missing: await missingTables(ctx.connection, ["stage_history"])};
}

/** Money to the cent. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
