import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {choiceColumn, type ChoiceScope} from "../lib/slice-grid.ts";
import {receivablesSql} from "./receivables-sql.ts";

export interface OverdueReceivableRow {
  contract_id: string;
  account_id: string | null;
  /** the owner who should chase it: the opportunity's owner, else the account's */
  owner_rep_id: string | null;
  rep_name: string | null;
  team: string | null;
  contract_amount: number | null;
  /** unpaid at now of the instalments past their date */
  overdue_amount: number;
  /** planned date of the oldest unpaid instalment */
  oldest_due_at: string;
  /** days since then, at now */
  days_overdue: number;
}

/**
 * The overdue receivables to chase this week: every contract with an instalment past its planned date and
 * unpaid at now, largest amount first, then oldest, with the owner who should call. Why it matters: a list a
 * sales manager can hand out on Monday (docs/method.md §6). A snapshot at now: the period is not used.
 *
 * Input: contracts, payments, reps. Output grain: one row per contract. Missing contracts → no rows,
 * missing ["contracts"].
 *
 * @example
 * const {rows} = await overdueReceivables(ctx);
 * // [{contract_id: "K1", overdue_amount: 400, oldest_due_at: "2026-04-15", days_overdue: 77, rep_name: "Rep One", …}]
 */
export async function overdueReceivables(ctx: PipelineContext): Promise<PipelineResult<OverdueReceivableRow>> {
  const missing = await missingTables(ctx.connection, ["contracts"]);
  if (missing.length) return {rows: [], missing};
  const receivables = receivablesSql(ctx.filters);
  const rows = await readRows<OverdueReceivableRow>(ctx.connection, overdueReceivablesSql(ctx.filters), {
    ...receivables.params,
    as_of: ctx.now.slice(0, 10)
  });
  return {rows, missing: []};
}

/** The SQL of the rows, in order (per choice: EACH_CHOICE). Binds receivablesSql's parameters and $as_of. */
export function overdueReceivablesSql(scope: ChoiceScope): string {
  return `
WITH ${receivablesSql(scope).sql},
overdue AS (
  SELECT contract_id, sum(outstanding_amount) AS overdue_amount, min(planned_at) AS oldest_due_at
  FROM instalments
  WHERE outstanding_amount > 0 AND planned_at < $as_of::DATE
  GROUP BY contract_id
),
final AS (
  SELECT ${choiceColumn(scope, "c")}c.contract_id, c.account_id, c.owner_rep_id, r.name AS rep_name, r.team, c.amount::DOUBLE AS contract_amount,
    o.overdue_amount, o.oldest_due_at, date_diff('day', o.oldest_due_at, $as_of::DATE)::INTEGER AS days_overdue
  FROM overdue o JOIN contract_scope c ON c.contract_id = o.contract_id
  LEFT JOIN reps r ON r.rep_id = c.owner_rep_id
  ORDER BY ${choiceColumn(scope, "c")}o.overdue_amount DESC, o.oldest_due_at, c.contract_id
)
SELECT * FROM final`;
}
