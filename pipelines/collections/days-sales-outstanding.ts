import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {EACH_CHOICE, type ChoiceScope} from "../lib/slice-grid.ts";
import type {Period} from "../lib/context.ts";
import {toDateEnd} from "../lib/to-date-end.ts";
import {receivablesSql} from "./receivables-sql.ts";

export interface DaysSalesOutstandingRow {
  /** the day receivables are counted on: the period's last day, or now's day if earlier */
  as_of: string;
  /** unpaid on that day of every contract signed by then, due or not */
  receivables_amount: number;
  /** contracts signed in the period up to that day */
  signed_amount: number;
  /** days of the period up to that day */
  days: number;
  /** receivables_amount / signed_amount × days; null without a signed amount */
  dso_days: number | null;
}

/**
 * Days sales outstanding (DSO, 应收账款周转天数): receivables at the end of the period ÷ contracts signed in it ×
 * the days of the period — how many days of sales are still owed. Why it matters: one number for how fast
 * signed business turns into cash, comparable across periods (docs/method.md §7).
 *
 * A contract without a payment plan counts its `paid_amount` as received, whatever the day. Input: contracts,
 * payments. Output grain: one row. Missing contracts → no rows, missing ["contracts"].
 *
 * @example
 * const {rows: [dso]} = await daysSalesOutstanding(ctx);
 * // {as_of: "2026-06-30", receivables_amount: 1900, signed_amount: 2300, days: 181, dso_days: 149.52}
 */
export async function daysSalesOutstanding(ctx: PipelineContext): Promise<PipelineResult<DaysSalesOutstandingRow>> {
  const missing = await missingTables(ctx.connection, ["contracts"]);
  if (missing.length) return {rows: [], missing};
  const receivables = receivablesSql(ctx.filters);
  const rows = await readRows<DaysSalesOutstandingRow>(ctx.connection, dsoSql(ctx.filters), {
    ...receivables.params,
    as_of: dsoDay(ctx.period, ctx.now),
    period_start: ctx.period.start
  });
  return {rows, missing: []};
}

/** The day receivables are counted on: the period's last day, or now's day if earlier (bound as $as_of). */
export function dsoDay(period: Period, now: string): string {
  const end = [period.end, toDateEnd(now)].sort()[0];
  return new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The SQL of the row, or of one row per choice (EACH_CHOICE). Binds receivablesSql's parameters. */
export function dsoSql(scope: ChoiceScope): string {
  if (scope === EACH_CHOICE)
    return `
WITH ${receivablesSql(scope).sql},
receivable AS (
  SELECT c.choice_index, sum(i.outstanding_amount) AS amount
  FROM instalments i JOIN contract_scope c ON c.contract_id = i.contract_id GROUP BY c.choice_index
),
signed AS (
  SELECT choice_index, sum(amount)::DOUBLE AS amount FROM contract_scope WHERE signed_at >= $period_start::DATE
  GROUP BY choice_index
),
final AS (
  SELECT sc.choice_index, $as_of::DATE AS as_of, coalesce(r.amount, 0) AS receivables_amount,
    coalesce(s.amount, 0) AS signed_amount, date_diff('day', $period_start::DATE, $as_of::DATE + 1)::INTEGER AS days
  FROM slice_choices sc LEFT JOIN receivable r ON r.choice_index = sc.choice_index
  LEFT JOIN signed s ON s.choice_index = sc.choice_index
)
SELECT *, receivables_amount / nullif(signed_amount, 0) * days AS dso_days FROM final`;
  return `
WITH ${receivablesSql(scope).sql},
final AS (
  SELECT $as_of::DATE AS as_of,
    coalesce((SELECT sum(outstanding_amount) FROM instalments), 0) AS receivables_amount,
    coalesce((SELECT sum(amount)::DOUBLE FROM contract_scope WHERE signed_at >= $period_start::DATE), 0) AS signed_amount,
    date_diff('day', $period_start::DATE, $as_of::DATE + 1)::INTEGER AS days
)
SELECT *, receivables_amount / nullif(signed_amount, 0) * days AS dso_days FROM final`;
}
