import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {readRows} from "../lib/read-rows.ts";

export interface TableFreshnessRow {
  /** a core table, or ingests for the export date of the latest ingest */
  table: string;
  column: string;
  /** the latest value (a date column as midnight UTC) */
  latest_at: string;
  /** days from latest_at to now; negative when it lies after now */
  days_before_now: number;
  /** true when latest_at is after now: a planned date (quotas) or a typo (an activity in 2062) */
  is_future: boolean;
}

/** The date column that says how recent each table is. */
const FRESHNESS_COLUMNS: readonly [string, string][] = [
  ["ingests", "exported_at"],
  ["opportunities", "created_at"],
  ["opportunities", "closed_at"],
  ["stage_history", "entered_at"],
  ["activities", "occurred_at"],
  ["leads", "created_at"],
  ["accounts", "created_at"],
  ["reps", "hired_at"],
  ["quotes", "created_at"],
  ["contracts", "signed_at"],
  ["tickets", "opened_at"],
  ["marketing_spend", "month"],
  ["quotas", "month"]
];

/**
 * Freshness: the latest date in each table (opportunities created and closed, activities, leads,
 * tickets …) and the export date of the latest ingest, with days before now. Why it matters: a
 * warehouse whose activities stop three weeks before its opportunities is missing an export; a page
 * built on it would show a collapse in follow-up that never happened.
 *
 * Input: the core tables and ingests. The period and filters are not used. Output grain: one row per
 * table and date column that holds a value.
 *
 * @example
 * const {rows} = await tableFreshness(ctx);
 * // [{table: "ingests", column: "exported_at", latest_at: "2026-11-20T00:00:00Z", days_before_now: 0, is_future: false}, …]
 */
export async function tableFreshness(ctx: PipelineContext): Promise<PipelineResult<TableFreshnessRow>> {
  // names come from the constant list, never from input
  const parts = FRESHNESS_COLUMNS.map(
    ([table, column], i) =>
      `SELECT '${table}' AS "table", '${column}' AS "column", ${i} AS position, max(${column})::TIMESTAMP AS latest_at FROM ${table}`
  );
  const sql = `
WITH latest AS (
  ${parts.join("\n  UNION ALL ")}
),
final AS (
  SELECT "table", "column", latest_at,
    round(date_diff('second', latest_at, $now::TIMESTAMP) / 86400.0, 1) AS days_before_now,
    latest_at > $now::TIMESTAMP AS is_future
  FROM latest
  WHERE latest_at IS NOT NULL
  ORDER BY position
)
SELECT * FROM final`;
  return {rows: await readRows<TableFreshnessRow>(ctx.connection, sql, {now: ctx.now}), missing: []};
}
