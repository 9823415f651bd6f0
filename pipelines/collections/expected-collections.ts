import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {EACH_CHOICE, type ChoiceScope} from "../lib/slice-grid.ts";
import {receivablesSql} from "./receivables-sql.ts";

export interface ExpectedCollectionsRow {
  /** first day of the month: now's month and the ones after it */
  month: string;
  /** unpaid at now of the instalments planned in the month, from now's day on */
  expected_amount: number;
  n_instalments: number;
}

/**
 * Expected collections from the payment plan: what is planned to arrive in now's month (from now's day on) and
 * the months after it, less what was already paid ahead. Overdue instalments are not expected again here; they
 * are in the ageing. Why it matters: the cash forecast finance asks sales for (docs/method.md §7). A snapshot at
 * now: the period is not used.
 *
 * Input: contracts, payments. Output grain: one row per month, `months` rows (default 3), empty months included.
 * Missing contracts → no rows, missing ["contracts"].
 *
 * @example
 * const {rows} = await expectedCollections(ctx);
 * // [{month: "2026-07-01", expected_amount: 0, n_instalments: 0}, {month: "2026-08-01", expected_amount: 500, …}, …]
 */
export async function expectedCollections(
  ctx: PipelineContext,
  months = 3
): Promise<PipelineResult<ExpectedCollectionsRow>> {
  if (!Number.isInteger(months) || months < 1)
    throw new RangeError(`expectedCollections requires a positive whole number of months, got ${months}`);
  const missing = await missingTables(ctx.connection, ["contracts"]);
  if (missing.length) return {rows: [], missing};
  const receivables = receivablesSql(ctx.filters);
  const rows = await readRows<ExpectedCollectionsRow>(ctx.connection, expectedCollectionsSql(ctx.filters), {
    ...receivables.params,
    as_of: ctx.now.slice(0, 10),
    months
  });
  return {rows, missing: []};
}

/**
 * The SQL of the rows, in order (per choice: EACH_CHOICE, where the instalments count through their contract's
 * choices). Binds receivablesSql's parameters, $as_of and $months.
 */
export function expectedCollectionsSql(scope: ChoiceScope): string {
  const byChoice = scope === EACH_CHOICE;
  return `
WITH ${receivablesSql(scope).sql},
months AS (
  SELECT unnest(generate_series(date_trunc('month', $as_of::DATE),
    date_trunc('month', $as_of::DATE) + to_months($months::INTEGER - 1), INTERVAL 1 MONTH))::DATE AS month
),
planned AS (
  SELECT ${byChoice ? "c.choice_index, " : ""}date_trunc('month', i.planned_at)::DATE AS month,
    sum(i.outstanding_amount) AS amount, count(*)::INTEGER AS n
  FROM instalments i ${byChoice ? "JOIN contract_scope c ON c.contract_id = i.contract_id" : ""}
  WHERE i.outstanding_amount > 0 AND i.planned_at >= $as_of::DATE
  GROUP BY ALL
),
final AS (
  SELECT ${byChoice ? "sc.choice_index, " : ""}m.month, coalesce(p.amount, 0) AS expected_amount,
    coalesce(p.n, 0) AS n_instalments
  FROM months m ${byChoice ? "CROSS JOIN slice_choices sc" : ""}
  LEFT JOIN planned p ON p.month = m.month ${byChoice ? "AND p.choice_index = sc.choice_index" : ""}
  ORDER BY ${byChoice ? "sc.choice_index, " : ""}m.month
)
SELECT * FROM final`;
}
