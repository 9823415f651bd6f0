import {forecastCategories, type ForecastCategory} from "../../pipelines/forecast/forecast-categories.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {pipelineCoverage, pipelineStageProbabilities} from "../../pipelines/pipeline.ts";
import type {LearnedStageProbability} from "../../pipelines/stage-conversion/stage-probabilities.ts";
import {readProjectConfig} from "../../config/project-config.ts";
import {coveragePeriod} from "../coverage-period.ts";

/** The quarter under way against its quota: what is won, and the open pipeline due in it by forecast category. */
export interface QuarterAgainstQuota {
  quarter_start: string;
  quarter_end: string;
  /** Σ quota of the quarter's months; null without quotas or under a channel or product filter */
  quota: number | null;
  won_to_date: number;
  categories: {category: ForecastCategory; count_opportunities: number; amount: number; count_from_export: number}[];
  /** the stage probabilities from which an opportunity without a CRM category is commit or best case */
  thresholds: {commit: number; best_case: number};
}

/**
 * The forecast page's quarter against quota, in the reporting currency: quota and won so far as pipeline
 * coverage counts them for the quarter under way (the overview's and the pipeline page's figures), and the
 * forecast categories with the thresholds of shangji.config.json (forecastCategories). `given`: the stage
 * probabilities as of now, when they were learned already.
 */
export async function quarterAgainstQuota(
  ctx: PipelineContext,
  currency: string | null,
  given?: LearnedStageProbability[]
): Promise<QuarterAgainstQuota> {
  const quarter = coveragePeriod({id: "qtd"}, ctx.now)!;
  const learned = given ?? (await pipelineStageProbabilities(ctx.connection, ctx.now));
  const {commit, bestCase} = readProjectConfig().forecastCategories;
  const inQuarter = {...ctx, period: quarter};
  const coverage = (await pipelineCoverage(inQuarter, {learned})).rows.find((r) => r.currency === currency);
  const categories = (await forecastCategories(inQuarter, {learned, thresholds: {commit, bestCase}})).rows;
  return {
    quarter_start: quarter.start,
    quarter_end: quarter.end,
    quota: coverage?.quota == null ? null : Math.round(coverage.quota),
    won_to_date: Math.round(coverage?.won_amount ?? 0),
    categories: categories
      .filter((row) => row.currency === currency)
      .map(({category, count_opportunities, amount, count_from_export}) => ({
        category,
        count_opportunities,
        amount: Math.round(amount),
        count_from_export
      })),
    thresholds: {commit, best_case: bestCase}
  };
}
