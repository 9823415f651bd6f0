import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {serviceScope} from "./service-scope.ts";

export interface SatisfactionScoreRow {
  category: string | null;
  /** tickets opened in the period with a satisfaction score */
  n_rated: number;
  satisfaction_mean: number | null;
  /** tickets per score, rounded to the nearest whole point (halves up) and clamped to 1–5; they sum to n_rated */
  n_score_1: number;
  n_score_2: number;
  n_score_3: number;
  n_score_4: number;
  n_score_5: number;
}

/**
 * Customer satisfaction with service, per ticket category: the mean score (1–5) and its distribution
 * over the tickets opened in the period that were rated. The counts add up, so a page can total them
 * across categories (overall mean = Σ mean × n_rated / Σ n_rated). Why it matters: the mean hides a
 * split between delighted and furious customers; the distribution shows it.
 *
 * Filters narrow to accounts with a matching opportunity. Input: tickets. Output grain: one row per
 * category. Missing tickets → no rows, missing ["tickets"].
 *
 * @example
 * const {rows} = await satisfactionScores(ctx);
 * // [{category: "complaint", n_rated: 75, satisfaction_mean: 1.69, n_score_1: 35, n_score_2: 30, …}]
 */
export async function satisfactionScores(ctx: PipelineContext): Promise<PipelineResult<SatisfactionScoreRow>> {
  const missing = await missingTables(ctx.connection, ["tickets"]);
  if (missing.length) return {rows: [], missing};
  const scope = serviceScope(ctx.filters);
  const rows = await readRows<SatisfactionScoreRow>(ctx.connection, satisfactionSql(scope), {
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    ...scope.filterParams
  });
  return {rows, missing: []};
}

/** The SQL of the rows, in order (per choice: a scope of EACH_CHOICE). */
export function satisfactionSql(scope: ReturnType<typeof serviceScope>): string {
  const {by} = scope;
  return `
WITH rated AS (
  SELECT ${by}t.category, t.satisfaction, least(5, greatest(1, round(t.satisfaction)))::INTEGER AS score
  FROM ${scope.tickets} t
  WHERE t.satisfaction IS NOT NULL
    AND t.opened_at >= $period_start::TIMESTAMP AND t.opened_at < $period_end::TIMESTAMP
    AND ${scope.accountCondition("t.account_id")}
),
final AS (
  SELECT ${by}category, count(*)::INTEGER AS n_rated, avg(satisfaction) AS satisfaction_mean,
    count(*) FILTER (WHERE score = 1)::INTEGER AS n_score_1,
    count(*) FILTER (WHERE score = 2)::INTEGER AS n_score_2,
    count(*) FILTER (WHERE score = 3)::INTEGER AS n_score_3,
    count(*) FILTER (WHERE score = 4)::INTEGER AS n_score_4,
    count(*) FILTER (WHERE score = 5)::INTEGER AS n_score_5
  FROM rated
  GROUP BY ${by}category
  ORDER BY ${by}category NULLS LAST
)
SELECT * FROM final`;
}
