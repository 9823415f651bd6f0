import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {choiceColumn, EACH_CHOICE, type ChoiceScope} from "../lib/slice-grid.ts";
import {receivablesSql} from "./receivables-sql.ts";

export interface CollectionRateRow {
  /** contracts signed in the period (up to now), cancelled ones left out */
  n_contracts: number;
  signed_amount: number;
  /** of their amount, received by now */
  collected_amount: number;
  /** collected_amount / signed_amount; null without a signed amount */
  collection_rate: number | null;
  /** instalments due before now's day */
  due_amount: number;
  /** of them, still unpaid at now */
  overdue_amount: number;
  /** (due_amount − overdue_amount) / due_amount: the share of what fell due that was paid; null when nothing fell due */
  due_collection_rate: number | null;
}

/**
 * Collection rate (回款率) of the contracts signed in the period: the share of their amount received by now, and
 * the share of what already fell due that was paid. Why it matters: a deal is not done at 赢单; the money
 * collected is the revenue the business can spend (docs/method.md §7).
 *
 * A contract without a payment plan counts its `paid_amount` as collected and falls due at `due_at`. Input:
 * contracts, payments. Output grain: one row. Missing contracts → no rows, missing ["contracts"].
 *
 * @example
 * const {rows: [rate]} = await collectionRate(ctx);
 * // {n_contracts: 3, signed_amount: 2300, collected_amount: 700, collection_rate: 0.3043, …}
 */
export async function collectionRate(ctx: PipelineContext): Promise<PipelineResult<CollectionRateRow>> {
  const missing = await missingTables(ctx.connection, ["contracts"]);
  if (missing.length) return {rows: [], missing};
  const receivables = receivablesSql(ctx.filters);
  const rows = await readRows<CollectionRateRow>(ctx.connection, collectionRateSql(ctx.filters), {
    ...receivables.params,
    as_of: ctx.now.slice(0, 10),
    period_start: ctx.period.start,
    period_end: ctx.period.end
  });
  return {rows, missing: []};
}

/** The SQL of the row, or of one row per choice (EACH_CHOICE). Binds receivablesSql's parameters. */
export function collectionRateSql(scope: ChoiceScope): string {
  const byChoice = scope === EACH_CHOICE;
  return `
WITH ${receivablesSql(scope).sql},
signed AS (
  SELECT ${choiceColumn(scope, "c")}c.contract_id, c.amount::DOUBLE AS amount, r.received_amount::DOUBLE AS received_amount
  FROM contract_scope c JOIN received_total r ON r.contract_id = c.contract_id
  WHERE c.signed_at >= $period_start::DATE AND c.signed_at < $period_end::DATE
),
due AS (
  SELECT ${choiceColumn(scope, "s")}sum(i.planned_amount) AS due_amount, sum(i.outstanding_amount) AS overdue_amount
  FROM instalments i JOIN signed s ON s.contract_id = i.contract_id
  WHERE i.planned_at < $as_of::DATE
  ${byChoice ? "GROUP BY s.choice_index" : ""}
),
final AS (
  SELECT ${byChoice ? "sc.choice_index, count(s.contract_id)" : "count(*)"}::INTEGER AS n_contracts, coalesce(sum(amount), 0) AS signed_amount,
    coalesce(sum(least(received_amount, amount)), 0) AS collected_amount,
    sum(least(received_amount, amount)) / nullif(sum(amount), 0) AS collection_rate,
    coalesce(any_value(d.due_amount), 0) AS due_amount, coalesce(any_value(d.overdue_amount), 0) AS overdue_amount,
    (any_value(d.due_amount) - any_value(d.overdue_amount)) / nullif(any_value(d.due_amount), 0) AS due_collection_rate
  FROM ${
    byChoice
      ? `slice_choices sc LEFT JOIN signed s ON s.choice_index = sc.choice_index
    LEFT JOIN due d ON d.choice_index = sc.choice_index
  GROUP BY sc.choice_index`
      : "signed, due d"
  }
)
SELECT * FROM final`;
}
