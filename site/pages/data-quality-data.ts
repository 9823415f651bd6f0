import {basename} from "node:path";
import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import {
  dataQuality,
  duplicateRecords,
  KEY_FIELDS,
  type DuplicateRecordRow,
  type KeyFieldCoverageRow,
  type LateStageGapRow,
  type OrphanReferenceRow,
  type PastCloseDateRow,
  type ProductNearMissRow,
  type StageRegressionRow,
  type TableFreshnessRow
} from "../../pipelines/data-quality.ts";
import {followUpActions, type FollowUpActionRow} from "../../pipelines/follow-up/follow-up-actions.ts";
import type {FollowUpOptions} from "../../pipelines/follow-up/follow-up-options.ts";
import type {PipelineContext, PipelineResult} from "../../pipelines/lib/context.ts";
import {filterCondition} from "../../pipelines/lib/filter-condition.ts";
import {siteFollowUpPlan} from "../site-follow-up-plan.ts";
import {sliceKey} from "../site-filters.ts";
import {readActionsByChoice} from "./actions-by-choice.ts";
import {readSitePeriods, siteNow} from "../site-now.ts";
import {OPPORTUNITY_SCOPE} from "../../pipelines/lib/opportunity-scope.ts";
import type {EntityName} from "../../warehouse/schema/entities.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {pageSlices, type PageSlices} from "../page-slices.ts";
import {readOriginalAmounts, withOriginalAmount, type OriginalAmount} from "../read-original-amounts.ts";
import type {PeriodId} from "../site-periods.ts";
import {currencyCoverage, type CurrencyCoverage} from "../../pipelines/data-quality/currency-coverage.ts";
import {removedOpportunities, type RemovedOpportunityRow} from "../../pipelines/data-quality/removed-opportunities.ts";

/** Opportunities listed per check and filter; the counts and amounts cover all of them. */
export const LISTED_OPPORTUNITIES = 20;
/** Ingests, files and quarantine groups listed; the page says how many there are in all. */
export const LISTED_INGESTS = 20;
export const LISTED_FILES = 50;
export const LISTED_QUARANTINE_GROUPS = 50;
export const LISTED_STAGE_REGRESSIONS = 20;
export const LISTED_PRODUCT_NEAR_MISSES = 50;

/** The opportunity checks of one filter choice, as of now. */
export interface DataQualitySlice {
  missing: string[];
  /** key fields of the opportunities the filter keeps, in KEY_FIELDS order */
  coverage: KeyFieldCoverageRow[];
  late_stage_gaps: {
    n_opportunities: number;
    n_without_amount: number;
    n_without_expected_close: number;
    /** the oldest first */
    rows: (LateStageGapRow & {rep_name: string | null})[];
  };
  past_close_dates: {
    n_opportunities: number;
    amount: number;
    /** the longest overdue first; the amount before conversion where it was in another currency */
    rows: (PastCloseDateRow & {rep_name: string | null} & Partial<OriginalAmount>)[];
  };
  /** open opportunities too silent or too far past their close to act on (followUpActions): the longest silent first */
  stale: {
    n_opportunities: number;
    n_silent: number;
    n_past_close: number;
    amount: number;
    rows: StaleRow[];
  };
}

export type StaleRow = Pick<
  FollowUpActionRow,
  | "opportunity_id"
  | "owner_rep_id"
  | "rep_name"
  | "stage"
  | "amount"
  | "last_touch_at"
  | "days_since_touch"
  | "expected_close_at"
  | "days_past_close"
  | "stale_reason"
>;

/** One run of `shangji ingest`. */
export interface IngestRow {
  ingest_id: number;
  started_at: string;
  exported_at: string;
  files: number;
  rows_read: number;
  rows_loaded: number;
  /** rows rejected */
  rows_quarantined: number;
  /** values of loaded rows set aside or flagged */
  values_set_aside: number;
  status: string;
}

/** An export file as its latest ingest read it. */
export interface IngestFileRow {
  ingest_id: number;
  /** the file's name (with the sheet of a workbook), never its path on the machine that read it */
  file: string;
  entity: string | null;
  preset: string | null;
  encoding: string | null;
  format: string | null;
  rows_read: number;
  rows_loaded: number;
  rows_quarantined: number;
  values_set_aside: number;
  /** loaded, unchanged (same bytes as before) or rejected */
  status: string;
  /** why a file was rejected: about the file, never a row's values */
  message: string | null;
}

/**
 * Quarantined source rows of one file, rule and column. No reason text: ingest's reasons quote the
 * rejected value, which may be personal data; the page words the rule instead.
 */
export interface QuarantineRow {
  /** the file's name, never its path */
  file: string;
  entity: string | null;
  rule: string;
  column: string | null;
  /** row: rejected, not loaded; value: the row loaded, this value set aside or flagged */
  scope: "row" | "value";
  n_rows: number;
  last_ingest_id: number;
  /** up to three source lines, in the latest ingest that had the problem */
  first_lines: number[];
}

export interface DataQualityData extends PageSlices<DataQualitySlice> {
  /** the follow-up plan's limits beyond which an open opportunity is stale */
  stale_limits: {silent_days: number; past_close_days: number};
  /** optional tables a whole-warehouse check needed and did not get */
  missing: string[];
  tables: {table: EntityName; n_rows: number; n_quarantined_rows: number; n_rejected_rows: number; n_files: number}[];
  n_ingests: number;
  /** newest first */
  ingests: IngestRow[];
  n_files: number;
  files: IngestFileRow[];
  n_quarantine_groups: number;
  quarantine: QuarantineRow[];
  freshness: TableFreshnessRow[];
  /** key fields of every table but opportunities (those are in the slices) */
  coverage: KeyFieldCoverageRow[];
  duplicate_keys: DuplicateRecordRow[];
  /** leads sharing a phone, e-mail or company among the leads created in each period of the filter bar */
  lead_duplicates: Record<PeriodId, {rows: DuplicateRecordRow[]; missing: string[]}>;
  orphans: OrphanReferenceRow[];
  /** products of deals and quotes spelt unlike the catalogue, with the name each probably means; none without one */
  product_near_misses: ProductNearMissRow[];
  n_product_near_misses: number;
  stage_regressions: {n_pairs: number; rows: StageRegressionRow[]; missing: string[]};
  /** the reporting currency, the currencies exported, the rates used and the amounts set aside without one */
  currencies: CurrencyCoverage;
  /** opportunities a full export no longer held (deleted or merged in the CRM), the latest removed first */
  removed: {n_opportunities: number; rows: (RemovedOpportunityRow & {rep_name: string | null})[]};
}

/**
 * The data-quality page's data: dataQuality over the whole warehouse (the ingests, files and quarantine
 * beside it), the duplicate-lead check per period, and per filter choice the checks that are about
 * opportunities — coverage of their key fields, open deals past their expected close date, late-stage
 * deals without amount or date — narrowed to the opportunities the filter keeps.
 */
export async function dataQualityData(
  connection: DuckDBConnection,
  plan: FollowUpOptions = siteFollowUpPlan(),
  grouped = true
): Promise<DataQualityData> {
  const now = await siteNow(connection);
  const periods = await readSitePeriods(connection);
  const results = await dataQuality({connection, period: periods[0], now});
  const leadDuplicates = {} as DataQualityData["lead_duplicates"];
  for (const period of periods) {
    const {rows, missing} = await duplicateRecords({connection, period, now});
    leadDuplicates[period.id] = {rows: rows.filter((row) => row.check !== "duplicate_key"), missing};
  }
  const gaps = results.late_stage_gaps.rows;
  const overdue = results.past_close_dates.rows;
  // the follow-ups of every filter choice in one query; `grouped` false reads them choice by choice
  const actions = grouped ? await readActionsByChoice(connection, plan) : new Map();
  const {slices} = await pageSlices(
    connection,
    (ctx) => opportunityChecks(ctx, gaps, overdue, plan, actions.get(sliceKey("*", ctx.choice))),
    {byPeriod: false}
  );
  const files = (await readFiles(connection)).map((row) => ({...row, file: basename(row.file)}));
  const quarantine = await withFirstLines(connection, results.quarantine.rows);
  const ingests = await readIngests(connection);
  const fileCounts = new Map(files.filter((f) => f.entity !== null).map((f) => [f.entity, 0]));
  for (const file of files) if (file.entity !== null) fileCounts.set(file.entity, fileCounts.get(file.entity)! + 1);
  return {
    slices,
    stale_limits: {silent_days: plan.staleSilentDays, past_close_days: plan.stalePastCloseDays},
    missing: results.summary.missing,
    tables: results.table_rows.rows.map((row) => ({...row, n_files: fileCounts.get(row.table) ?? 0})),
    n_ingests: ingests.length,
    ingests: ingests.slice(0, LISTED_INGESTS),
    n_files: files.length,
    files: files.slice(0, LISTED_FILES),
    n_quarantine_groups: quarantine.length,
    quarantine: quarantine.slice(0, LISTED_QUARANTINE_GROUPS),
    freshness: results.freshness.rows,
    coverage: results.coverage.rows.filter((row) => row.table !== "opportunities").map(roundCoverage),
    duplicate_keys: results.duplicates.rows.filter((row) => row.check === "duplicate_key"),
    lead_duplicates: leadDuplicates,
    orphans: results.orphans.rows.map((row) => ({...row, orphan_pct: round(row.orphan_pct)})),
    product_near_misses: results.product_near_misses.rows.slice(0, LISTED_PRODUCT_NEAR_MISSES),
    n_product_near_misses: results.product_near_misses.rows.length,
    stage_regressions: {
      n_pairs: results.stage_regressions.rows.length,
      rows: results.stage_regressions.rows.slice(0, LISTED_STAGE_REGRESSIONS),
      missing: results.stage_regressions.missing
    },
    currencies: await currencyCoverage({connection}),
    removed: await readRemoved({connection, period: periods[0], now})
  };
}

async function readRemoved(ctx: PipelineContext): Promise<DataQualityData["removed"]> {
  const {rows} = await removedOpportunities(ctx);
  const names = new Map(
    (await readRows<{rep_id: string; name: string | null}>(ctx.connection, `SELECT rep_id, name FROM reps`)).map(
      (r) => [r.rep_id, r.name]
    )
  );
  return {
    n_opportunities: rows.length,
    rows: rows
      .slice(0, LISTED_OPPORTUNITIES)
      .map((row) => ({...row, rep_name: row.owner_rep_id === null ? null : (names.get(row.owner_rep_id) ?? null)}))
  };
}

/** The opportunity checks narrowed to the filter: the whole-warehouse rows of the pipelines, kept when the filter keeps their opportunity. */
export async function opportunityChecks(
  ctx: PipelineContext,
  gaps: LateStageGapRow[],
  overdue: PastCloseDateRow[],
  plan: Partial<FollowUpOptions> = siteFollowUpPlan(),
  actions?: PipelineResult<FollowUpActionRow>
): Promise<DataQualitySlice> {
  const kept = await readKeptOpportunities(
    ctx,
    [...gaps, ...overdue].map((row) => row.opportunity_id)
  );
  const keptGaps = gaps.filter((row) => kept.has(row.opportunity_id));
  const keptOverdue = overdue.filter((row) => kept.has(row.opportunity_id));
  const named = <Row extends {opportunity_id: string}>(row: Row) => ({...row, rep_name: kept.get(row.opportunity_id)!});
  const listedOverdue = keptOverdue.slice(0, LISTED_OPPORTUNITIES);
  const originals = await readOriginalAmounts(
    ctx.connection,
    listedOverdue.map((row) => row.opportunity_id)
  );
  return {
    missing: [],
    coverage: await readOpportunityCoverage(ctx),
    late_stage_gaps: {
      n_opportunities: keptGaps.length,
      n_without_amount: keptGaps.filter((row) => !row.has_amount).length,
      n_without_expected_close: keptGaps.filter((row) => !row.has_expected_close).length,
      rows: keptGaps.slice(0, LISTED_OPPORTUNITIES).map(named)
    },
    past_close_dates: {
      n_opportunities: keptOverdue.length,
      amount: Math.round(keptOverdue.reduce((sum, row) => sum + (row.amount ?? 0), 0)),
      rows: listedOverdue
        .map(named)
        .map((row) =>
          withOriginalAmount({...row, amount: row.amount === null ? null : Math.round(row.amount)}, originals)
        )
    },
    stale: readStale(actions ?? (await followUpActions(ctx, plan)))
  };
}

/** The stale opportunities among a filter's follow-ups (followUpActions), the longest silent first. */
function readStale(actions: PipelineResult<FollowUpActionRow>): DataQualitySlice["stale"] {
  const stale = actions.rows
    .filter((row) => row.due_status === "stale")
    .sort((a, b) => b.days_since_touch - a.days_since_touch || (b.amount ?? 0) - (a.amount ?? 0));
  return {
    n_opportunities: stale.length,
    n_silent: stale.filter((row) => row.stale_reason === "silent").length,
    n_past_close: stale.filter((row) => row.stale_reason === "past_close").length,
    amount: Math.round(stale.reduce((sum, row) => sum + (row.amount ?? 0), 0)),
    rows: stale.slice(0, LISTED_OPPORTUNITIES).map((row) => ({
      opportunity_id: row.opportunity_id,
      owner_rep_id: row.owner_rep_id,
      rep_name: row.rep_name,
      stage: row.stage,
      amount: row.amount === null ? null : Math.round(row.amount),
      last_touch_at: row.last_touch_at?.slice(0, 10) ?? null,
      days_since_touch: Math.floor(row.days_since_touch),
      expected_close_at: row.expected_close_at?.slice(0, 10) ?? null,
      days_past_close: row.days_past_close,
      stale_reason: row.stale_reason
    }))
  };
}

/** Of the opportunities `ids`, those the filter keeps, with their owner's name. */
async function readKeptOpportunities(ctx: PipelineContext, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const filter = filterCondition(ctx.filters);
  const rows = await readRows<{opportunity_id: string; rep_name: string | null}>(
    ctx.connection,
    // a join, not list_contains: that compares every opportunity with every id
    `WITH listed AS (SELECT DISTINCT unnest($ids) AS opportunity_id)
     SELECT f.opportunity_id, f.rep_name FROM ${OPPORTUNITY_SCOPE} f JOIN listed USING (opportunity_id)
     WHERE ${filter.sql}`,
    {ids: listValue(ids), ...filter.params}
  );
  return new Map(rows.map((row) => [row.opportunity_id, row.rep_name]));
}

/** keyFieldCoverage's opportunity fields, counted over the opportunities the filter keeps. */
async function readOpportunityCoverage(ctx: PipelineContext): Promise<KeyFieldCoverageRow[]> {
  const fields = KEY_FIELDS.filter((field) => field.table === "opportunities");
  const filter = filterCondition(ctx.filters);
  // columns and conditions come from the constant KEY_FIELDS, never from data
  const counts = fields.map(
    ({column, where}, i) =>
      `count(*) FILTER (WHERE ${where ?? "true"})::INTEGER AS n_rows_${i},
       count(${column}) FILTER (WHERE ${where ?? "true"})::INTEGER AS n_non_null_${i}`
  );
  const [row] = await readRows<Record<string, number>>(
    ctx.connection,
    `SELECT ${counts.join(", ")} FROM ${OPPORTUNITY_SCOPE} f WHERE ${filter.sql}`,
    filter.params
  );
  return fields
    .map(({column, population}, i) => ({
      table: "opportunities" as const,
      column,
      population: population ?? "all",
      n_rows: row[`n_rows_${i}`],
      n_non_null: row[`n_non_null_${i}`],
      coverage_pct: row[`n_rows_${i}`] > 0 ? round((100 * row[`n_non_null_${i}`]) / row[`n_rows_${i}`]) : 0
    }))
    .filter((coverage) => coverage.n_rows > 0);
}

async function readIngests(connection: DuckDBConnection): Promise<IngestRow[]> {
  return readRows<IngestRow>(
    connection,
    `SELECT ingest_id, started_at, exported_at, files, rows_read::INTEGER AS rows_read,
       rows_loaded::INTEGER AS rows_loaded, rows_quarantined::INTEGER AS rows_quarantined,
       values_set_aside::INTEGER AS values_set_aside, status
     FROM ingests ORDER BY ingest_id DESC`
  );
}

async function readFiles(connection: DuckDBConnection): Promise<IngestFileRow[]> {
  return readRows<IngestFileRow>(
    connection,
    `WITH latest AS (
       -- a file read again replaces what its earlier reads loaded: its latest read is what the warehouse holds
       SELECT * FROM ingest_files QUALIFY ingest_id = max(ingest_id) OVER (PARTITION BY file)
     ),
     final AS (
       SELECT ingest_id, file, entity, preset, encoding, format, rows_read::INTEGER AS rows_read,
         rows_loaded::INTEGER AS rows_loaded, rows_quarantined::INTEGER AS rows_quarantined,
         values_set_aside::INTEGER AS values_set_aside, status, message
       FROM latest
       ORDER BY status = 'rejected' DESC, rows_quarantined + coalesce(values_set_aside, 0) DESC, ingest_id DESC, file
     )
     SELECT * FROM final`
  );
}

/** quarantineSummary's groups without the example reason (it quotes the value), with their first lines. */
async function withFirstLines(
  connection: DuckDBConnection,
  groups: Omit<QuarantineRow, "first_lines">[]
): Promise<QuarantineRow[]> {
  const lines = await readRows<Pick<QuarantineRow, "file" | "entity" | "rule" | "column"> & {lines: number[]}>(
    connection,
    `WITH latest AS (
       SELECT DISTINCT ingest_id, file, entity, rule, "column", line FROM quarantine
       -- the lines of the latest ingest that had the problem: earlier ones may number another version of the file
       QUALIFY ingest_id = max(ingest_id) OVER (PARTITION BY file, entity, rule, "column")
     ),
     final AS (
       SELECT file, entity, rule, "column", coalesce(list(line ORDER BY line) FILTER (WHERE line IS NOT NULL), [])[1:3] AS lines
       FROM latest
       GROUP BY ALL
     )
     SELECT * FROM final`
  );
  const key = (g: Pick<QuarantineRow, "file" | "entity" | "rule" | "column">) =>
    JSON.stringify([g.file, g.entity, g.rule, g.column]);
  const byGroup = new Map(lines.map((row) => [key(row), row.lines]));
  return groups.map(({file, entity, rule, column, scope, n_rows, last_ingest_id}) => ({
    file: basename(file),
    entity,
    rule,
    column,
    scope,
    n_rows,
    last_ingest_id,
    first_lines: byGroup.get(key({file, entity, rule, column})) ?? []
  }));
}

function roundCoverage(row: KeyFieldCoverageRow): KeyFieldCoverageRow {
  return {...row, coverage_pct: round(row.coverage_pct)};
}

/** Percentages to two decimals: what a page can show. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
