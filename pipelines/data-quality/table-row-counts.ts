import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {readRows} from "../lib/read-rows.ts";
import {ENTITY_NAMES, type EntityName} from "../../warehouse/schema/entities.ts";
import {rowCountsSql} from "../../warehouse/row-counts-sql.ts";

export interface TableRowCountRow {
  table: EntityName;
  /** rows loaded */
  n_rows: number;
  /** source rows of this table with a problem in the quarantine, over all ingests: rejected, or loaded without a value */
  n_quarantined_rows: number;
  /** of those, the rows rejected (not loaded): no key, a repeated key, unreadable */
  n_rejected_rows: number;
}

/**
 * Rows per warehouse table beside the rows quarantined on their way in: rejected, or loaded without a bad value. Why it matters: the first
 * question about any report is whether all the data arrived; an empty optional table explains a page
 * that says "missing", and a large quarantine share says the export needs fixing.
 *
 * Input: the core tables and quarantine (a source row with several problems counts once). The period
 * and filters are not used: data quality is about the whole warehouse. Output grain: one row per core
 * table, in schema order.
 *
 * @example
 * const {rows} = await tableRowCounts(ctx);
 * // [{table: "reps", n_rows: 8, n_quarantined_rows: 0, n_rejected_rows: 0}, …,
 * //  {table: "opportunities", n_rows: 1500, n_quarantined_rows: 4, n_rejected_rows: 1}, …]
 */
export async function tableRowCounts(ctx: PipelineContext): Promise<PipelineResult<TableRowCountRow>> {
  const sql = `
WITH loaded AS (
  ${rowCountsSql(ENTITY_NAMES)}
),
quarantined AS (
  SELECT entity, count(DISTINCT (ingest_id, file, line)) AS n_quarantined_rows,
    count(DISTINCT (ingest_id, file, line)) FILTER (WHERE coalesce(scope, 'row') = 'row') AS n_rejected_rows
  FROM quarantine
  GROUP BY entity
),
final AS (
  SELECT l."table", l.n_rows::INTEGER AS n_rows, coalesce(q.n_quarantined_rows, 0)::INTEGER AS n_quarantined_rows,
    coalesce(q.n_rejected_rows, 0)::INTEGER AS n_rejected_rows
  FROM loaded l LEFT JOIN quarantined q ON q.entity = l."table"
  ORDER BY l.position
)
SELECT * FROM final`;
  return {rows: await readRows<TableRowCountRow>(ctx.connection, sql), missing: []};
}
