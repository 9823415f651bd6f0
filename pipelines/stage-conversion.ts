/**
 * Stage conversion (docs/method.md §5 and §7): how opportunities move through the stages — the cohort funnel,
 * the transition matrix, win rates on both bases, time in stage, the sales cycle, stuck opportunities,
 * lost reasons by stage, and stage probabilities learned against the configured ones.
 */
import type {PipelineContext, PipelineResult} from "./lib/context.ts";
import {withStageEntries} from "./lib/stage-entries.ts";
import {cohortFunnel, type CohortFunnelRow} from "./stage-conversion/cohort-funnel.ts";
import {lostReasons, type LostReasonRow} from "./stage-conversion/lost-reasons.ts";
import {salesCycle, type SalesCycleRow} from "./stage-conversion/sales-cycle.ts";
import {stageConversionGlossary} from "./stage-conversion/stage-conversion-glossary.ts";
import {stageProbabilities, type StageProbabilityRow} from "./stage-conversion/stage-probabilities.ts";
import {stuckOpportunities, type StuckOpportunityRow} from "./stage-conversion/stuck-opportunities.ts";
import {timeInStage, type TimeInStageRow} from "./stage-conversion/time-in-stage.ts";
import {transitionMatrix, type TransitionRow} from "./stage-conversion/transition-matrix.ts";
import {winRates, type WinRateRow} from "./stage-conversion/win-rates.ts";

export {cohortFunnel, type CohortFunnelRow} from "./stage-conversion/cohort-funnel.ts";
export {kaplanMeierQuantiles, type SurvivalTime} from "./stage-conversion/kaplan-meier.ts";
export {lostReasons, type LostReasonRow} from "./stage-conversion/lost-reasons.ts";
export {salesCycle, type SalesCycleRow} from "./stage-conversion/sales-cycle.ts";
export {
  learnStageProbabilities,
  stageProbabilities,
  stageProbabilityOf,
  type LearnedStageProbability,
  type LearningWindow,
  type StageProbabilityRow
} from "./stage-conversion/stage-probabilities.ts";
export {stuckOpportunities, type StuckOpportunityRow} from "./stage-conversion/stuck-opportunities.ts";
export {timeInStage, type TimeInStageRow} from "./stage-conversion/time-in-stage.ts";
export {classifyMove, transitionMatrix, type Move, type TransitionRow} from "./stage-conversion/transition-matrix.ts";
export {winRates, type WinRateRow} from "./stage-conversion/win-rates.ts";

export const glossary = stageConversionGlossary;

export interface StageConversionResults {
  funnel: PipelineResult<CohortFunnelRow>;
  transitions: PipelineResult<TransitionRow>;
  win_rates: PipelineResult<WinRateRow>;
  time_in_stage: PipelineResult<TimeInStageRow>;
  sales_cycle: PipelineResult<SalesCycleRow>;
  stuck: PipelineResult<StuckOpportunityRow>;
  lost_reasons: PipelineResult<LostReasonRow>;
  stage_probabilities: PipelineResult<StageProbabilityRow>;
}

/**
 * Every stage-conversion result a page needs, for one context. The stage entries are computed once for
 * all of them (withStageEntries) — on a million opportunities that is most of the work — and the queries
 * run one after another on the connection.
 *
 * @example
 * const {funnel, time_in_stage} = await stageConversion(ctx);
 * funnel.rows.map((row) => [row.stage, row.reached_rate]); // [["potential", 1], ["intent", 0.74], …]
 */
export async function stageConversion(ctx: PipelineContext): Promise<StageConversionResults> {
  return withStageEntries(ctx.connection, async () => ({
    funnel: await cohortFunnel(ctx),
    transitions: await transitionMatrix(ctx),
    win_rates: await winRates(ctx),
    time_in_stage: await timeInStage(ctx),
    sales_cycle: await salesCycle(ctx),
    stuck: await stuckOpportunities(ctx),
    lost_reasons: await lostReasons(ctx),
    stage_probabilities: await stageProbabilities(ctx)
  }));
}
