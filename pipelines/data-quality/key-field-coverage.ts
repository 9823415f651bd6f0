import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {readRows} from "../lib/read-rows.ts";
import type {EntityName} from "../../warehouse/schema/entities.ts";

export interface KeyField {
  table: EntityName;
  column: string;
  /** the rows where the column should be filled, as SQL over the table (default: all rows) */
  where?: string;
  /** the same in words, for the page */
  population?: string;
}

/** The columns the metrics lean on, per table: a gap here is a gap in a page. */
export const KEY_FIELDS: readonly KeyField[] = [
  {table: "opportunities", column: "account_id"},
  {table: "opportunities", column: "owner_rep_id"},
  {table: "opportunities", column: "source"},
  {table: "opportunities", column: "amount"},
  {table: "opportunities", column: "expected_close_at"},
  {table: "opportunities", column: "product"},
  {table: "opportunities", column: "expected_margin"},
  {table: "opportunities", column: "closed_at", where: "outcome IN ('won', 'lost')", population: "closed"},
  {table: "opportunities", column: "lost_reason", where: "outcome = 'lost'", population: "lost"},
  {table: "leads", column: "source"},
  {table: "leads", column: "owner_rep_id"},
  {table: "leads", column: "campaign"},
  {table: "leads", column: "phone"},
  {table: "leads", column: "email"},
  {table: "leads", column: "company"},
  {table: "accounts", column: "industry"},
  {table: "accounts", column: "size_band"},
  {table: "accounts", column: "province"},
  {table: "accounts", column: "city"},
  {table: "accounts", column: "owner_rep_id"},
  {table: "accounts", column: "credit_rating"},
  {table: "contacts", column: "account_id"},
  {table: "contacts", column: "birthday"},
  {table: "activities", column: "opportunity_id"},
  {table: "activities", column: "rep_id"},
  {table: "activities", column: "type"},
  {table: "tickets", column: "account_id"},
  {table: "tickets", column: "category"},
  {table: "tickets", column: "satisfaction", where: "resolved_at IS NOT NULL", population: "resolved"},
  {table: "quotes", column: "opportunity_id"},
  {table: "quotes", column: "amount"},
  {table: "contracts", column: "opportunity_id"},
  {table: "contracts", column: "amount"},
  {table: "reps", column: "team"},
  {table: "reps", column: "region"}
];

export interface KeyFieldCoverageRow {
  table: EntityName;
  column: string;
  /** which rows should have it: all, or e.g. closed (closed_at), lost (lost_reason) */
  population: string;
  n_rows: number;
  n_non_null: number;
  /** n_non_null / n_rows × 100 */
  coverage_pct: number;
}

/**
 * Coverage of key fields: for each column the metrics depend on (opportunities.amount,
 * expected_close_at, source, owner_rep_id, account_id …; KEY_FIELDS), the share of rows where it is
 * filled, as a percentage; conditional fields are measured on the rows that need them (closed_at on
 * closed opportunities, lost_reason on lost ones, satisfaction on resolved tickets). Why it matters:
 * a win rate by industry computed on 60 % of the accounts is a different number; the page should say so.
 *
 * Input: the core tables (tables without rows are left out). The period and filters are not used.
 * Output grain: one row per key field of a loaded table, in KEY_FIELDS order.
 *
 * @example
 * const {rows} = await keyFieldCoverage(ctx);
 * // [{table: "opportunities", column: "amount", population: "all", n_rows: 1497, n_non_null: 1497, coverage_pct: 100}, …]
 */
export async function keyFieldCoverage(
  ctx: PipelineContext,
  fields: readonly KeyField[] = KEY_FIELDS
): Promise<PipelineResult<KeyFieldCoverageRow>> {
  if (fields.length === 0) return {rows: [], missing: []};
  // table, column and condition come from the constant list above (or a caller's code), never from data
  const parts = fields.map(
    ({table, column, where, population}, i) => `
  SELECT '${table}' AS "table", '${column}' AS "column", '${population ?? "all"}' AS population, ${i} AS position,
    count(*) AS n_rows, count(${column}) AS n_non_null
  FROM ${table}${where ? ` WHERE ${where}` : ""}`
  );
  const sql = `
WITH counts AS (${parts.join("\n  UNION ALL")}
),
final AS (
  SELECT "table", "column", population, n_rows::INTEGER AS n_rows, n_non_null::INTEGER AS n_non_null,
    100.0 * n_non_null / n_rows AS coverage_pct
  FROM counts
  -- a table that was not exported has no coverage to speak of
  WHERE n_rows > 0
  ORDER BY position
)
SELECT * FROM final`;
  return {rows: await readRows<KeyFieldCoverageRow>(ctx.connection, sql), missing: []};
}
