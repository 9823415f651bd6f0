import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {choiceColumn, EACH_CHOICE, type ChoiceScope} from "../lib/slice-grid.ts";
import {toDateEnd} from "../lib/to-date-end.ts";
import {receivablesSql} from "./receivables-sql.ts";

export interface SignedVsCollectedRow {
  /** first day of the month */
  month: string;
  /** contracts signed in the month, cancelled ones left out */
  n_contracts: number;
  /** their summed amount */
  signed_amount: number;
  /** money received in the month on any contract in scope, from the payments export */
  collected_amount: number;
}

/**
 * Signed vs collected by month: what was signed in each month of the period (up to now) against the money
 * that arrived in it. Why it matters: bookings that run ahead of cash for months are a warning a revenue
 * chart hides (docs/method.md §7). Collections need a receipt date, so a contract without a payment plan
 * (only `paid_amount`) adds to its signed month and to no collected month.
 *
 * Input: contracts, payments. Output grain: one row per calendar month of the period up to now, empty
 * months included. Missing contracts → no rows, missing ["contracts"].
 *
 * @example
 * const {rows} = await signedVsCollected(ctx);
 * // [{month: "2026-01-01", n_contracts: 1, signed_amount: 1000, collected_amount: 0}, …]
 */
export async function signedVsCollected(ctx: PipelineContext): Promise<PipelineResult<SignedVsCollectedRow>> {
  const missing = await missingTables(ctx.connection, ["contracts"]);
  if (missing.length) return {rows: [], missing};
  const receivables = receivablesSql(ctx.filters);
  const rows = await readRows<SignedVsCollectedRow>(ctx.connection, signedVsCollectedSql(ctx.filters), {
    ...receivables.params,
    as_of: ctx.now.slice(0, 10),
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    to_date_end: toDateEnd(ctx.now)
  });
  return {rows, missing: []};
}

/** The SQL of the rows (per choice: EACH_CHOICE), in order. Binds receivablesSql's parameters. */
export function signedVsCollectedSql(scope: ChoiceScope): string {
  const byChoice = scope === EACH_CHOICE;
  const on = (alias: string) => (byChoice ? ` AND ${alias}.choice_index = sc.choice_index` : "");
  return `
WITH ${receivablesSql(scope).sql},
bounds AS (SELECT $period_start::DATE AS first_day, least($period_end::DATE, $to_date_end::DATE) AS end_day),
months AS (
  SELECT unnest(generate_series(date_trunc('month', first_day), end_day - INTERVAL 1 DAY, INTERVAL 1 MONTH))::DATE AS month
  FROM bounds WHERE end_day > first_day
),
signed AS (
  SELECT ${choiceColumn(scope)}date_trunc('month', signed_at)::DATE AS month, count(*)::INTEGER AS n_contracts,
    sum(amount)::DOUBLE AS amount
  FROM contract_scope, bounds WHERE signed_at >= first_day AND signed_at < end_day GROUP BY ALL
),
collected AS (
  SELECT ${choiceColumn(scope, "c")}date_trunc('month', p.received_at)::DATE AS month, sum(p.received_amount)::DOUBLE AS amount
  FROM payments p JOIN contract_scope c ON c.contract_id = p.contract_id, bounds
  WHERE p.received_at >= first_day AND p.received_at < end_day GROUP BY ALL
),
final AS (
  SELECT ${choiceColumn(scope, "sc")}m.month, coalesce(s.n_contracts, 0) AS n_contracts, coalesce(s.amount, 0) AS signed_amount,
    coalesce(c.amount, 0) AS collected_amount
  FROM months m ${byChoice ? "CROSS JOIN slice_choices sc" : ""}
  LEFT JOIN signed s ON s.month = m.month${on("s")} LEFT JOIN collected c ON c.month = m.month${on("c")}
  ORDER BY ${choiceColumn(scope, "sc")}m.month
)
SELECT * FROM final`;
}
