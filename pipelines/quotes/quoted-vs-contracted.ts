import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {CANCELLED_STATUSES} from "../collections/receivables-sql.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {inReportingCurrencySql} from "../lib/reporting-amounts.ts";
import {choiceColumn, EACH_CHOICE, type ChoiceScope} from "../lib/slice-grid.ts";
import {CLOSED_IN_PERIOD, quotedSql} from "./quote-scope.ts";

export interface QuotedVsContractedRow {
  /** won opportunities closed in the period with a quote and a contract that is not cancelled */
  n_opportunities: number;
  /** their final quotes: the last accepted one, else the last */
  quoted_amount: number;
  /** their contracts' amounts */
  contracted_amount: number;
  /** contracted_amount / quoted_amount; null without a quoted amount */
  contracted_to_quoted: number | null;
  /** deals whose contract came in below, at, or above the quote */
  n_below: number;
  n_equal: number;
  n_above: number;
}

/**
 * Quoted vs contracted amount: for the won deals closed in the period, the final quote against what the contract
 * says. Why it matters: a contract below its accepted quote is a discount given after the price was agreed,
 * which no quote report shows (docs/method.md §3).
 *
 * Input: quotes, contracts, opportunities (filters). Output grain: one row. Missing quotes or contracts → no rows,
 * missing names them.
 *
 * @example
 * const {rows: [gap]} = await quotedVsContracted(ctx);
 * // {n_opportunities: 2, quoted_amount: 1350, contracted_amount: 1300, contracted_to_quoted: 0.963, n_below: 1, …}
 */
export async function quotedVsContracted(ctx: PipelineContext): Promise<PipelineResult<QuotedVsContractedRow>> {
  const missing = await missingTables(ctx.connection, ["contracts", "quotes"]);
  if (missing.length) return {rows: [], missing};
  const quoted = quotedSql(ctx.filters);
  const rows = await readRows<QuotedVsContractedRow>(ctx.connection, quotedVsContractedSql(ctx.filters), {
    ...quoted.params,
    now: ctx.now,
    period_start: ctx.period.start,
    period_end: ctx.period.end
  });
  return {rows, missing: []};
}

/** The SQL of the row (one per choice with a deal: EACH_CHOICE). Binds quotedSql's parameters. */
export function quotedVsContractedSql(scope: ChoiceScope): string {
  const by = choiceColumn(scope);
  const cancelled = CANCELLED_STATUSES.map((s) => `'${s}'`).join(", ");
  return `
WITH ${quotedSql(scope).sql},
won_quote AS (
  SELECT ${by}opportunity_id, amount FROM quoted
  WHERE outcome = 'won' AND ${CLOSED_IN_PERIOD} AND amount IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY ${by}opportunity_id
    ORDER BY decision = 'accepted' DESC, created_at DESC NULLS LAST, quote_id DESC) = 1
),
contracted AS (
  SELECT opportunity_id, sum(amount)::DOUBLE AS amount FROM contracts
  -- a cancelled contract is no price agreed
  WHERE NOT coalesce(lower(trim(status)) IN (${cancelled}), false) AND amount IS NOT NULL
    AND ${inReportingCurrencySql("currency")}
  GROUP BY opportunity_id
),
final AS (
  SELECT ${choiceColumn(scope, "q")}count(*)::INTEGER AS n_opportunities, coalesce(sum(q.amount), 0) AS quoted_amount,
    coalesce(sum(c.amount), 0) AS contracted_amount, sum(c.amount) / nullif(sum(q.amount), 0) AS contracted_to_quoted,
    count(*) FILTER (WHERE c.amount < q.amount)::INTEGER AS n_below,
    count(*) FILTER (WHERE c.amount = q.amount)::INTEGER AS n_equal,
    count(*) FILTER (WHERE c.amount > q.amount)::INTEGER AS n_above
  FROM won_quote q JOIN contracted c ON c.opportunity_id = q.opportunity_id
  ${scope === EACH_CHOICE ? "GROUP BY q.choice_index" : ""}
)
SELECT * FROM final`;
}
