/**
 * Data quality: whether the warehouse can be trusted — rows per table, what ingest quarantined,
 * duplicates, orphan references, products spelt unlike the catalogue, coverage of key fields, late-stage deals without amount or date,
 * past close dates on open deals, freshness, and stage regressions.
 */
import type {PipelineContext, PipelineResult} from "./lib/context.ts";
import {dataQualityGlossary} from "./data-quality/data-quality-glossary.ts";
import {duplicateRecords, type DuplicateRecordRow} from "./data-quality/duplicate-records.ts";
import {keyFieldCoverage, type KeyFieldCoverageRow} from "./data-quality/key-field-coverage.ts";
import {lateStageGaps, type LateStageGapRow} from "./data-quality/late-stage-gaps.ts";
import {orphanReferences, type OrphanReferenceRow} from "./data-quality/orphan-references.ts";
import {pastCloseDates, type PastCloseDateRow} from "./data-quality/past-close-dates.ts";
import {productNearMisses, type ProductNearMissRow} from "./data-quality/product-near-misses.ts";
import {quarantineSummary, type QuarantineSummaryRow} from "./data-quality/quarantine-summary.ts";
import {stageRegressions, type StageRegressionRow} from "./data-quality/stage-regressions.ts";
import {tableFreshness, type TableFreshnessRow} from "./data-quality/table-freshness.ts";
import {tableRowCounts, type TableRowCountRow} from "./data-quality/table-row-counts.ts";

export {duplicateRecords, type DuplicateRecordRow} from "./data-quality/duplicate-records.ts";
export {
  KEY_FIELDS,
  keyFieldCoverage,
  type KeyField,
  type KeyFieldCoverageRow
} from "./data-quality/key-field-coverage.ts";
export {lateStageGaps, type LateStageGapRow} from "./data-quality/late-stage-gaps.ts";
export {orphanReferences, type OrphanReferenceRow} from "./data-quality/orphan-references.ts";
export {pastCloseDates, type PastCloseDateRow} from "./data-quality/past-close-dates.ts";
export {productNearMisses, type ProductNearMissRow} from "./data-quality/product-near-misses.ts";
export {quarantineSummary, type QuarantineSummaryRow} from "./data-quality/quarantine-summary.ts";
export {stageRegressions, type StageRegressionRow} from "./data-quality/stage-regressions.ts";
export {tableFreshness, type TableFreshnessRow} from "./data-quality/table-freshness.ts";
export {tableRowCounts, type TableRowCountRow} from "./data-quality/table-row-counts.ts";
export {valuesLeftOut, type ValuesLeftOutRow} from "./data-quality/values-left-out.ts";

export const glossary = dataQualityGlossary;

export interface DataQualityCheckRow {
  check:
    | "quarantined_rows"
    | "duplicate_keys"
    | "duplicate_leads_by_phone"
    | "orphan_references"
    | "late_stage_gaps"
    | "past_close_dates"
    | "stage_regressions";
  /** how many records the check found: rows, extra copies, orphan values, opportunities or moves */
  n_issues: number;
}

export interface DataQualityResults {
  /** one count per check, for a headline */
  summary: PipelineResult<DataQualityCheckRow>;
  table_rows: PipelineResult<TableRowCountRow>;
  quarantine: PipelineResult<QuarantineSummaryRow>;
  duplicates: PipelineResult<DuplicateRecordRow>;
  orphans: PipelineResult<OrphanReferenceRow>;
  product_near_misses: PipelineResult<ProductNearMissRow>;
  coverage: PipelineResult<KeyFieldCoverageRow>;
  late_stage_gaps: PipelineResult<LateStageGapRow>;
  past_close_dates: PipelineResult<PastCloseDateRow>;
  freshness: PipelineResult<TableFreshnessRow>;
  stage_regressions: PipelineResult<StageRegressionRow>;
}

/**
 * Every data-quality result, and a summary with one count per check. Data quality is about the
 * whole warehouse: filters are not used, the period only chooses the leads compared for duplicates,
 * and now dates the past close dates and freshness.
 * The summary's missing lists every optional table a check needed and did not get.
 *
 * @example
 * const {summary} = await dataQuality(ctx);
 * // [{check: "quarantined_rows", n_issues: 6}, {check: "duplicate_keys", n_issues: 1}, …]
 */
export async function dataQuality(ctx: PipelineContext): Promise<DataQualityResults> {
  const results = {
    table_rows: await tableRowCounts(ctx),
    quarantine: await quarantineSummary(ctx),
    duplicates: await duplicateRecords(ctx),
    orphans: await orphanReferences(ctx),
    product_near_misses: await productNearMisses(ctx),
    coverage: await keyFieldCoverage(ctx),
    late_stage_gaps: await lateStageGaps(ctx),
    past_close_dates: await pastCloseDates(ctx),
    freshness: await tableFreshness(ctx),
    stage_regressions: await stageRegressions(ctx)
  };
  const sum = <Row>(rows: Row[], value: (row: Row) => number) => rows.reduce((total, row) => total + value(row), 0);
  const duplicates = results.duplicates.rows;
  const summary: DataQualityCheckRow[] = [
    {check: "quarantined_rows", n_issues: sum(results.table_rows.rows, (r) => r.n_quarantined_rows)},
    {
      check: "duplicate_keys",
      n_issues: sum(
        duplicates.filter((r) => r.check === "duplicate_key"),
        (r) => r.n_extra
      )
    },
    {
      check: "duplicate_leads_by_phone",
      n_issues: sum(
        duplicates.filter((r) => r.check === "lead_phone"),
        (r) => r.n_extra
      )
    },
    {check: "orphan_references", n_issues: sum(results.orphans.rows, (r) => r.n_orphans)},
    {check: "late_stage_gaps", n_issues: results.late_stage_gaps.rows.length},
    {check: "past_close_dates", n_issues: results.past_close_dates.rows.length},
    {check: "stage_regressions", n_issues: sum(results.stage_regressions.rows, (r) => r.n_moves)}
  ];
  const missing = [...new Set(Object.values(results).flatMap((result) => result.missing))].sort();
  return {summary: {rows: summary, missing}, ...results};
}
