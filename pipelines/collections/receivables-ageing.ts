import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {choiceColumn, type ChoiceScope} from "../lib/slice-grid.ts";
import {receivablesSql} from "./receivables-sql.ts";

export type AgeingGroup = "account" | "rep" | "team";

export interface ReceivablesAgeingRow {
  /** account_id, rep_id or team name; null for receivables with no account, owner or team */
  key: string | null;
  /** unpaid instalments not yet due at now */
  not_due_amount: number;
  /** unpaid instalments 1–30 days past their date at now (due today is not overdue) */
  overdue_0_30: number;
  overdue_31_60: number;
  overdue_61_90: number;
  overdue_90_plus: number;
  /** the four overdue bands summed */
  overdue_amount: number;
  /** contracts with an overdue instalment */
  n_contracts_overdue: number;
}

const KEYS: Record<AgeingGroup, string> = {account: "c.account_id", rep: "c.owner_rep_id", team: "r.team"};

/**
 * Receivables ageing (应收账龄) at now: what is still unpaid of every contract signed by now, by how many days
 * it is past its planned date — 0–30, 31–60, 61–90 and over 90 — and what is not due yet, by account, owner rep
 * or team. Why it matters: the older a receivable, the less likely it is paid; the bands say whom to call
 * first (docs/method.md §6). A snapshot at now: the period is not used.
 *
 * Input: contracts, payments, reps (team). Output grain: one row per account, rep or team with anything unpaid,
 * most overdue first. Missing contracts → no rows, missing ["contracts"].
 *
 * @example
 * const {rows} = await receivablesAgeing(ctx, "rep");
 * // [{key: "R1", not_due_amount: 500, overdue_0_30: 300, overdue_31_60: 0, overdue_61_90: 400, overdue_90_plus: 300, …}]
 */
export async function receivablesAgeing(
  ctx: PipelineContext,
  groupBy: AgeingGroup
): Promise<PipelineResult<ReceivablesAgeingRow>> {
  const missing = await missingTables(ctx.connection, ["contracts"]);
  if (missing.length) return {rows: [], missing};
  const receivables = receivablesSql(ctx.filters);
  const rows = await readRows<ReceivablesAgeingRow>(ctx.connection, receivablesAgeingSql(ctx.filters, groupBy), {
    ...receivables.params,
    as_of: ctx.now.slice(0, 10)
  });
  return {rows, missing: []};
}

/** The SQL of the rows, in order (per choice: EACH_CHOICE). Binds receivablesSql's parameters and $as_of. */
export function receivablesAgeingSql(scope: ChoiceScope, groupBy: AgeingGroup): string {
  const by = choiceColumn(scope);
  return `
WITH ${receivablesSql(scope).sql},
aged AS (
  SELECT ${choiceColumn(scope, "c")}${KEYS[groupBy]} AS key, i.contract_id, i.outstanding_amount AS amount,
    CASE WHEN i.planned_at < $as_of::DATE THEN date_diff('day', i.planned_at, $as_of::DATE) END AS days_overdue
  FROM instalments i JOIN contract_scope c ON c.contract_id = i.contract_id
  LEFT JOIN reps r ON r.rep_id = c.owner_rep_id
  WHERE i.outstanding_amount > 0
),
final AS (
  SELECT ${by}key,
    coalesce(sum(amount) FILTER (WHERE days_overdue IS NULL), 0) AS not_due_amount,
    coalesce(sum(amount) FILTER (WHERE days_overdue <= 30), 0) AS overdue_0_30,
    coalesce(sum(amount) FILTER (WHERE days_overdue BETWEEN 31 AND 60), 0) AS overdue_31_60,
    coalesce(sum(amount) FILTER (WHERE days_overdue BETWEEN 61 AND 90), 0) AS overdue_61_90,
    coalesce(sum(amount) FILTER (WHERE days_overdue > 90), 0) AS overdue_90_plus,
    coalesce(sum(amount) FILTER (WHERE days_overdue IS NOT NULL), 0) AS overdue_amount,
    count(DISTINCT contract_id) FILTER (WHERE days_overdue IS NOT NULL)::INTEGER AS n_contracts_overdue
  FROM aged
  GROUP BY ${by}key
  ORDER BY ${by}overdue_amount DESC, not_due_amount DESC, key NULLS LAST
)
SELECT * FROM final`;
}
