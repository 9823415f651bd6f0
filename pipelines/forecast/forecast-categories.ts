import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {readRows} from "../lib/read-rows.ts";
import {stageProbabilityOf} from "../stage-conversion/stage-probabilities.ts";
import {pipelineStageProbabilities, round2, type StageProbabilityOptions} from "../pipeline/weighted-pipeline.ts";

export const FORECAST_CATEGORIES = ["commit", "best_case", "pipeline", "omitted"] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

/** The stage probability from which an open opportunity is commit, or best case, without a CRM category. */
export interface CategoryThresholds {
  commit: number;
  bestCase: number;
}

export const DEFAULT_THRESHOLDS: CategoryThresholds = {commit: 0.7, bestCase: 0.4};

/** Open pipeline due in the period in one forecast category — grain: one row per category per currency. */
export interface ForecastCategoryRow {
  category: ForecastCategory;
  currency: string | null;
  count_opportunities: number;
  amount: number;
  /** how many of them took the category from the export's forecast_category, the rest from the stage probability */
  count_from_export: number;
}

/**
 * Forecast categories: the open opportunities expected to close in the period, by the category a sales
 * manager calls them — commit, best case, pipeline or omitted. An opportunity's category is the export's
 * forecast_category (Salesforce ForecastCategoryName, HubSpot's forecast category) where it has one, else
 * its stage's learned probability: commit from `thresholds.commit`, best case from `thresholds.bestCase`,
 * pipeline above 0, omitted at 0 or with no probability.
 *
 * Why: the call a forecast review is run on — commit is what the team stands behind, best case what it
 * could add — beside the quota it has to meet.
 *
 * Output grain: one row per category (all four, in order) per currency of the open pipeline.
 *
 * @example
 * await forecastCategories({connection, period: {start: "2026-10-01", end: "2027-01-01"}, now});
 * // [{category: "commit", currency: "CNY", count_opportunities: 12, amount: 4_100_000, count_from_export: 0}, …]
 */
export async function forecastCategories(
  ctx: PipelineContext,
  options: StageProbabilityOptions & {thresholds?: CategoryThresholds} = {}
): Promise<PipelineResult<ForecastCategoryRow>> {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const probability = stageProbabilityOf(
    options.learned ?? (await pipelineStageProbabilities(ctx.connection, ctx.now))
  );
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const open = await readRows<{currency: string | null; stage: string; category: string | null; amount: number}>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     final AS (
       SELECT currency, stage, forecast_category AS category, coalesce(amount, 0)::DOUBLE AS amount
       FROM opportunity_scope f
       -- open now and expected to close in the period, as pipeline coverage counts them
       WHERE ${filter} AND outcome = 'open'
         AND expected_close_at >= CAST($period_start AS DATE) AND expected_close_at < CAST($period_end AS DATE)
     )
     SELECT * FROM final`,
    {...params, period_start: ctx.period.start, period_end: ctx.period.end}
  );
  const categoryOf = (row: (typeof open)[number]): [ForecastCategory, boolean] => {
    const exported = exportedCategory(row.category);
    if (exported) return [exported, true];
    const p = probability(row.stage) ?? 0;
    return [
      p >= thresholds.commit ? "commit" : p >= thresholds.bestCase ? "best_case" : p > 0 ? "pipeline" : "omitted",
      false
    ];
  };
  const currencies = [...new Set(open.map((row) => row.currency))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b)
  );
  const rows = currencies.flatMap((currency) =>
    FORECAST_CATEGORIES.map((category): ForecastCategoryRow => {
      const mine = open.filter((row) => row.currency === currency).map((row) => [row, ...categoryOf(row)] as const);
      const inCategory = mine.filter(([, c]) => c === category);
      return {
        category,
        currency,
        count_opportunities: inCategory.length,
        amount: round2(inCategory.reduce((sum, [row]) => sum + row.amount, 0)),
        count_from_export: inCategory.filter(([, , fromExport]) => fromExport).length
      };
    })
  );
  return {rows, missing: []};
}

/**
 * A CRM's forecast category in the four used here: "Commit", "Best Case", "BEST_CASE", "Pipeline", "Omitted",
 * HubSpot's "OMIT" and "Not forecasted", 承诺 / 最佳情况 / 管道 / 忽略; null for none or one it does not name (Salesforce "Closed").
 */
export function exportedCategory(value: string | null): ForecastCategory | null {
  const chinese = CHINESE.get((value ?? "").trim());
  if (chinese) return chinese;
  const key = (value ?? "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z]+/g, "_");
  if (key === "commit") return "commit";
  if (key === "best_case" || key === "bestcase") return "best_case";
  if (key === "pipeline") return "pipeline";
  if (key === "omitted" || key === "omit" || key === "not_forecasted") return "omitted";
  return null;
}

const CHINESE = new Map<string, ForecastCategory>([
  ["承诺", "commit"],
  ["最佳情况", "best_case"],
  ["管道", "pipeline"],
  ["忽略", "omitted"]
]);
