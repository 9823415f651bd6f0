import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {choiceColumn, type ChoiceScope} from "../lib/slice-grid.ts";
import {CLOSED_IN_PERIOD, quotedSql} from "./quote-scope.ts";

export interface QuoteRevisionsRow {
  /** quotes the opportunity received (1 = no revision) */
  n_quotes: number;
  /** opportunities closed in the period with that many quotes */
  n_opportunities: number;
  n_won: number;
  /** n_won / n_opportunities */
  win_rate: number;
}

/**
 * Quotes per opportunity (报价修订次数): the opportunities closed in the period by how many quotes they received,
 * with the win rate of each count. Why it matters: a deal re-quoted three times is negotiating on price; if
 * those win no more often, the revisions are margin given away (docs/method.md §5).
 *
 * Input: quotes, opportunities (filters). Output grain: one row per quote count, ascending. Missing quotes → no
 * rows, missing ["quotes"].
 *
 * @example
 * const {rows} = await quoteRevisions(ctx);
 * // [{n_quotes: 1, n_opportunities: 3, n_won: 2, win_rate: 0.667}, {n_quotes: 2, …}, …]
 */
export async function quoteRevisions(ctx: PipelineContext): Promise<PipelineResult<QuoteRevisionsRow>> {
  const missing = await missingTables(ctx.connection, ["quotes"]);
  if (missing.length) return {rows: [], missing};
  const quoted = quotedSql(ctx.filters);
  const rows = await readRows<QuoteRevisionsRow>(ctx.connection, quoteRevisionsSql(ctx.filters), {
    ...quoted.params,
    now: ctx.now,
    period_start: ctx.period.start,
    period_end: ctx.period.end
  });
  return {rows, missing: []};
}

/** The SQL of the rows (per choice: EACH_CHOICE), in order. Binds quotedSql's parameters. */
export function quoteRevisionsSql(scope: ChoiceScope): string {
  const by = choiceColumn(scope);
  return `
WITH ${quotedSql(scope).sql},
per_opportunity AS (
  SELECT ${by}opportunity_id, count(*)::INTEGER AS n_quotes, any_value(outcome) = 'won' AS is_won
  FROM quoted WHERE ${CLOSED_IN_PERIOD}
  GROUP BY ${by}opportunity_id
),
final AS (
  SELECT ${by}n_quotes, count(*)::INTEGER AS n_opportunities, count(*) FILTER (WHERE is_won)::INTEGER AS n_won,
    count(*) FILTER (WHERE is_won) / count(*) AS win_rate
  FROM per_opportunity GROUP BY ${by}n_quotes ORDER BY ${by}n_quotes
)
SELECT * FROM final`;
}
