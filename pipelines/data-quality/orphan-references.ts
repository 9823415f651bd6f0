import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {readRows} from "../lib/read-rows.ts";
import {ENTITY_NAMES, type EntityName} from "../../warehouse/schema/entities.ts";
import {orphansSql, REFERENCES} from "../../warehouse/schema/references.ts";

export interface OrphanReferenceRow {
  table: EntityName;
  column: string;
  references: EntityName;
  /** rows with a value in the column */
  n_with_value: number;
  /** of them, values that match no row of the referenced table */
  n_orphans: number;
  /** n_orphans / n_with_value × 100 */
  orphan_pct: number;
  /** the smallest orphan value (an identifier), to look up in the CRM */
  example: string | null;
}

/**
 * Orphan references: per reference column of the schema (opportunities.account_id → accounts …), how
 * many values point at no row — the check ingest runs (loaders/ingest/check-references.ts), repeated
 * read-only on the warehouse as it is now. Why it matters: an opportunity whose account was not
 * exported drops out of every segment, RFM and care list; ingest keeps such rows, this says how many.
 *
 * References into a table that holds no rows are not listed: the whole export is missing, not single
 * rows (tableRowCounts shows it). The period and filters are not used. Input: the core tables. Output
 * grain: one row per reference column whose table and target both hold rows, in schema order.
 *
 * @example
 * const {rows} = await orphanReferences(ctx);
 * // [{table: "activities", column: "opportunity_id", references: "opportunities", n_with_value: 11338, n_orphans: 18, example: "O000017", …}]
 */
export async function orphanReferences(ctx: PipelineContext): Promise<PipelineResult<OrphanReferenceRow>> {
  const nonEmpty = new Set(
    (
      await readRows<{name: string}>(
        ctx.connection,
        ENTITY_NAMES.map((name) => `SELECT '${name}' AS name WHERE EXISTS (SELECT 1 FROM ${name})`).join(" UNION ALL ")
      )
    ).map((row) => row.name)
  );
  const checks = REFERENCES.filter(({table, target}) => nonEmpty.has(table) && nonEmpty.has(target)).map(
    (reference, position) => `
  SELECT '${reference.table}' AS "table", '${reference.column}' AS "column", '${reference.target}' AS "references",
    ${position} AS position, (SELECT count(${reference.column}) FROM ${reference.table}) AS n_with_value, o.n_orphans, o.example
  FROM (${orphansSql(reference)}) o`
  );
  if (checks.length === 0) return {rows: [], missing: []};
  const sql = `
WITH checks AS (${checks.join("\n  UNION ALL")}
),
final AS (
  SELECT "table", "column", "references", n_with_value::INTEGER AS n_with_value, n_orphans::INTEGER AS n_orphans,
    CASE WHEN n_with_value > 0 THEN 100.0 * n_orphans / n_with_value ELSE 0 END AS orphan_pct, example
  FROM checks
  ORDER BY position
)
SELECT * FROM final`;
  return {rows: await readRows<OrphanReferenceRow>(ctx.connection, sql), missing: []};
}
