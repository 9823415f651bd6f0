import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {choiceColumn, type ChoiceScope} from "../lib/slice-grid.ts";
import {CLOSED_IN_PERIOD, quotedSql} from "./quote-scope.ts";

export interface QuoteToCloseRow {
  outcome: "won" | "lost";
  /** opportunities closed in the period with a quote on or before their close */
  n_opportunities: number;
  /** days from the first quote to the close: median and p75 (linear interpolation, R type 7), mean */
  days_median: number;
  days_p75: number;
  days_mean: number;
}

/**
 * Days from first quote to close (报价到成交天数), for the won and the lost opportunities closed in the period.
 * Why it matters: the stretch between the first price and the signature is where deals stall; a lost deal that
 * took longer than a won one says a slow answer is a no (docs/method.md §5).
 *
 * Input: quotes, opportunities (filters). Output grain: one row per outcome (won, lost) with a deal. Missing quotes
 * → no rows, missing ["quotes"].
 *
 * @example
 * const {rows} = await quoteToClose(ctx);
 * // [{outcome: "won", n_opportunities: 3, days_median: 10, days_p75: 18.5, days_mean: 15.33}, …]
 */
export async function quoteToClose(ctx: PipelineContext): Promise<PipelineResult<QuoteToCloseRow>> {
  const missing = await missingTables(ctx.connection, ["quotes"]);
  if (missing.length) return {rows: [], missing};
  const quoted = quotedSql(ctx.filters);
  const rows = await readRows<QuoteToCloseRow>(ctx.connection, quoteToCloseSql(ctx.filters), {
    ...quoted.params,
    now: ctx.now,
    period_start: ctx.period.start,
    period_end: ctx.period.end
  });
  return {rows, missing: []};
}

/** The SQL of the rows (per choice: EACH_CHOICE), in order. Binds quotedSql's parameters. */
export function quoteToCloseSql(scope: ChoiceScope): string {
  const by = choiceColumn(scope);
  return `
WITH ${quotedSql(scope).sql},
per_opportunity AS (
  SELECT ${by}opportunity_id, any_value(outcome) AS outcome,
    date_diff('second', min(created_at), any_value(closed_at)) / 86400.0 AS days
  FROM quoted WHERE ${CLOSED_IN_PERIOD} AND created_at <= closed_at
  GROUP BY ${by}opportunity_id
),
final AS (
  SELECT ${by}outcome, count(*)::INTEGER AS n_opportunities, quantile_cont(days, 0.5) AS days_median,
    quantile_cont(days, 0.75) AS days_p75, avg(days) AS days_mean
  FROM per_opportunity GROUP BY ${by}outcome ORDER BY ${by}outcome DESC
)
SELECT * FROM final`;
}
