import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {readRows} from "../lib/read-rows.ts";

export interface QuarantineSummaryRow {
  file: string;
  entity: string | null;
  /** the validation rule: invalid_amount, invalid_date, unknown_stage, duplicate_key, missing_required … */
  rule: string;
  /** the source header of the offending column */
  column: string | null;
  /** row: the rows were rejected (not loaded); value: the rows were loaded, this value set aside or flagged */
  scope: "row" | "value";
  /** source rows with this problem (a row is counted once per ingest and line) */
  n_rows: number;
  /** the first message, e.g. "待定" is not an amount */
  example_reason: string;
  /** the first line it happened on, in the latest ingest that had it */
  example_line: number | null;
  last_ingest_id: number;
}

/**
 * The quarantine by file and reason: the rows ingest rejected (no key, a repeated key, unreadable) and the
 * values it set aside from rows it loaded (an amount "待定", an impossible date, a missing created date),
 * grouped by file, rule, column and scope, with an example message and line. Why it matters: every number on
 * the site is computed without these rows and values; the list says what to fix in the CRM export so that
 * they count next time.
 *
 * Input: quarantine (every ingest). The period and filters are not used. Output grain: one row per
 * file, entity, rule, column and scope, most rows first.
 *
 * @example
 * const {rows} = await quarantineSummary(ctx);
 * // [{file: "data/sample/opportunities.csv", rule: "invalid_amount", column: "金额", n_rows: 1, example_reason: "\"待定\" is not an amount", example_line: 18, …}]
 */
export async function quarantineSummary(ctx: PipelineContext): Promise<PipelineResult<QuarantineSummaryRow>> {
  const sql = `
WITH problems AS (
  SELECT ingest_id, file, entity, rule, "column", coalesce(scope, 'row') AS scope, line, reason FROM quarantine
),
final AS (
  SELECT file, entity, rule, "column", scope,
    count(DISTINCT (ingest_id, line))::INTEGER AS n_rows,
    arg_min(reason, (-ingest_id, line)) AS example_reason,
    arg_min(line, (-ingest_id, line))::INTEGER AS example_line,
    max(ingest_id)::INTEGER AS last_ingest_id
  FROM problems
  GROUP BY file, entity, rule, "column", scope
  ORDER BY n_rows DESC, file, rule, "column", scope
)
SELECT * FROM final`;
  return {rows: await readRows<QuarantineSummaryRow>(ctx.connection, sql), missing: []};
}
