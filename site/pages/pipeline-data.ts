import type {DuckDBConnection} from "@duckdb/node-api";
import {addMonths} from "../../pipelines/forecast/add-months.ts";
import {siteNow} from "../site-now.ts";
import {
  openPipeline,
  pipelineChanges,
  pipelineCoverage,
  pipelineStageProbabilities,
  salesVelocity,
  weightedPipeline,
  type ChangeStep
} from "../../pipelines/pipeline.ts";
import type {LearnedStageProbability} from "../../pipelines/stage-conversion.ts";
import type {PipelineCoverageRow} from "../../pipelines/pipeline/pipeline-coverage.ts";
import type {SalesVelocityRow} from "../../pipelines/pipeline/sales-velocity.ts";
import {salesVelocityBySlice} from "../../pipelines/pipeline/sales-velocity-by-slice.ts";
import {pipelineChangesBySlice} from "../../pipelines/pipeline/pipeline-changes-by-slice.ts";
import type {PipelineChangeRow} from "../../pipelines/pipeline/pipeline-changes.ts";
import type {PipelineResult} from "../../pipelines/lib/context.ts";
import {sliceKey} from "../site-filters.ts";
import {readBySliceKey} from "../site-grid.ts";
import {readStages} from "../../pipelines/stage-conversion/read-stages.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {compactTable, type CompactTable} from "../compact-table.ts";
import {pageSlices, type PageSlices, type SliceContext} from "../page-slices.ts";
import {significant} from "../significant.ts";
import {coveragePeriod} from "../coverage-period.ts";
import {pastPipelineKey, readPastPipelines, type PastPipelines} from "./pipeline-past.ts";
import {REPORTING_CURRENCY_SQL} from "../../pipelines/lib/reporting-amounts.ts";

/** Month-ends the page can show the pipeline as of: the last twelve. */
export const AS_OF_MONTHS = 12;
/** Expected close months shown one by one from the current month; later ones are counted together. */
export const CLOSE_MONTHS = 12;

/** The pipeline page's numbers for one period and filter, in the reporting currency. */
export interface PipelineSlice {
  /** the quarter or year under way whose remaining quota the coverage is of; null for a closed period (coverage does not apply) */
  coverage_period: {start: string; end: string} | null;
  coverage: Omit<PipelineCoverageRow, "currency" | "period_start" | "period_end"> | null;
  velocity: Omit<SalesVelocityRow, "currency"> | null;
  /** the waterfall between the two latest ingests; null with fewer than two (see missing) */
  changes: {
    from_exported_at: string;
    to_exported_at: string;
    steps: CompactTable<{step: ChangeStep; count_opportunities: number; amount: number; running_amount: number}>;
  } | null;
  missing: string[];
}

/** The pipeline page's numbers that hold now, whatever the period, for one filter. */
export interface PipelineNowSlice {
  /** open now, per (stage, close-month bucket) that holds any: a month "YYYY-MM-01", "overdue", "later" or "none" */
  open: CompactTable<{
    stage: string;
    month: string;
    count_opportunities: number;
    amount: number;
    weighted_amount: number;
  }>;
  /** open now per open stage (in `stages` order): weightedPipeline */
  by_stage: CompactTable<{
    count_opportunities: number;
    amount: number;
    weighted_amount: number;
    configured_weighted_amount: number;
  }>;
  /** open at each of `as_of_dates` (outer) per open stage (inner): pipelineAsOf */
  as_of: {count_opportunities: number[][]; amount: number[][]; count_amount_current: number[][]};
  /** open opportunities in another currency (or none), left out of the amounts */
  count_other_currency: number;
  missing: string[];
}

export interface PipelineData extends PageSlices<PipelineSlice> {
  now: PageSlices<PipelineNowSlice>;
  /** the currency of the amounts: the deals' most common currency */
  currency: string | null;
  /** the open stages in funnel order, with the probability every filter is weighted by */
  stages: Pick<
    LearnedStageProbability,
    "stage" | "probability" | "probability_source" | "learned_probability" | "configured_probability"
  >[];
  /** the close-month buckets in order: "overdue", the months from now, "later", "none" */
  months: string[];
  /** the instants the pipeline is reconstructed at: the start of the day after each of the last month-ends */
  as_of_dates: string[];
}

/**
 * The pipeline page: per period and filter the coverage of the remaining quota, sales velocity and the
 * waterfall of changes between the two latest ingests; per filter the open pipeline now by stage and
 * expected close month, and as it stood at each of the last twelve month-ends. Sales velocity and the waterfall
 * come from one query per period for every filter (salesVelocityBySlice, pipelineChangesBySlice); `grouped` false
 * computes them slice by slice.
 */
export async function pipelineData(connection: DuckDBConnection, grouped = true): Promise<PipelineData> {
  const now = await siteNow(connection);
  const currency = await readReportingCurrency(connection);
  const open = (await readStages(connection)).filter((s) => s.kind === "open").map((s) => s.stage);
  const learned = await pipelineStageProbabilities(connection, now);
  const thisMonth = `${now.slice(0, 7)}-01`;
  const months = ["overdue", ...Array.from({length: CLOSE_MONTHS}, (_, i) => addMonths(thisMonth, i)), "later", "none"];
  const asOfDates = Array.from({length: AS_OF_MONTHS}, (_, i) => addMonths(thisMonth, i - AS_OF_MONTHS + 1));
  const velocities = grouped ? await readBySliceKey(connection, salesVelocityBySlice) : undefined;
  const changes = grouped ? await readBySliceKey(connection, pipelineChangesBySlice) : undefined;
  const byPeriod = await pageSlices(connection, (ctx) => {
    const key = sliceKey(ctx.sitePeriod.id, ctx.choice);
    return pipelineSlice(
      ctx,
      currency,
      learned,
      grouped ? {velocity: velocities!.get(key)!, changes: changes!.get(key)!} : undefined
    );
  });
  const past = await readPastPipelines(connection, asOfDates);
  const byFilter = await pageSlices(
    connection,
    (ctx) => pipelineNowSlice(ctx, {currency, learned, open, months, asOfDates, past}),
    {byPeriod: false}
  );
  return {
    ...byPeriod,
    now: byFilter,
    currency,
    stages: open.map((stage) => {
      const row = learned.find((r) => r.stage === stage);
      return {
        stage,
        probability: significant(row?.probability ?? null),
        probability_source: row?.probability_source ?? null,
        learned_probability: significant(row?.learned_probability ?? null),
        configured_probability: row?.configured_probability ?? null
      };
    }),
    months,
    as_of_dates: asOfDates
  };
}

export async function pipelineSlice(
  ctx: SliceContext,
  currency: string | null,
  learned: LearnedStageProbability[],
  grouped?: {velocity: PipelineResult<SalesVelocityRow>; changes: PipelineResult<PipelineChangeRow>}
): Promise<PipelineSlice> {
  const covered = coveragePeriod(ctx.sitePeriod, ctx.now);
  const coverage = covered ? await pipelineCoverage({...ctx, period: covered}, {learned}) : {rows: [], missing: []};
  const velocity = grouped?.velocity ?? (await salesVelocity(ctx));
  const changes = grouped?.changes ?? (await pipelineChanges(ctx));
  const c = coverage.rows.find((r) => r.currency === currency);
  const v = velocity.rows.find((r) => r.currency === currency);
  const steps = changes.rows.filter((r) => r.currency === currency);
  return {
    coverage_period: covered,
    coverage: c
      ? {
          count_open_due: c.count_open_due,
          open_due_amount: money(c.open_due_amount),
          weighted_due_amount: money(c.weighted_due_amount),
          won_amount: money(c.won_amount),
          quota: c.quota === null ? null : money(c.quota),
          remaining_quota: c.remaining_quota === null ? null : money(c.remaining_quota),
          coverage_ratio: significant(c.coverage_ratio),
          weighted_coverage_ratio: significant(c.weighted_coverage_ratio)
        }
      : null,
    velocity: v
      ? {
          as_of: v.as_of,
          count_open: v.count_open,
          count_won: v.count_won,
          count_lost: v.count_lost,
          win_rate: significant(v.win_rate),
          avg_won_amount: v.avg_won_amount === null ? null : money(v.avg_won_amount),
          avg_cycle_days: v.avg_cycle_days,
          velocity_per_day: v.velocity_per_day === null ? null : money(v.velocity_per_day)
        }
      : null,
    changes: steps.length
      ? {
          from_exported_at: steps[0].from_exported_at,
          to_exported_at: steps[0].to_exported_at,
          steps: compactTable(
            steps.map((r) => ({
              step: r.step,
              count_opportunities: r.count_opportunities,
              amount: money(r.amount),
              running_amount: money(r.running_amount)
            }))
          )
        }
      : null,
    missing: [...new Set([coverage, velocity, changes].flatMap((r) => r.missing))].sort()
  };
}

interface NowOptions {
  currency: string | null;
  learned: LearnedStageProbability[];
  open: string[];
  months: string[];
  asOfDates: string[];
  past: PastPipelines;
}

export async function pipelineNowSlice(
  ctx: SliceContext,
  {currency, learned, open, months, asOfDates, past}: NowOptions
): Promise<PipelineNowSlice> {
  const current = await openPipeline(ctx, {learned});
  const weighted = await weightedPipeline(ctx, {learned});
  const cells = new Map<
    string,
    {stage: string; month: string; count_opportunities: number; amount: number; weighted_amount: number}
  >();
  let other = 0;
  for (const r of current.rows) {
    if (r.currency !== currency) {
      other += r.count_opportunities;
      continue;
    }
    const month = bucket(r.expected_close_month, months);
    const cell = cells.get(`${r.stage}|${month}`) ?? {
      stage: r.stage,
      month,
      count_opportunities: 0,
      amount: 0,
      weighted_amount: 0
    };
    cell.count_opportunities += r.count_opportunities;
    cell.amount += r.amount;
    cell.weighted_amount += r.weighted_amount ?? 0;
    cells.set(`${r.stage}|${month}`, cell);
  }
  const ordered = [...cells.values()].sort(
    (a, b) => open.indexOf(a.stage) - open.indexOf(b.stage) || months.indexOf(a.month) - months.indexOf(b.month)
  );
  const asOf = asOfDates.map((date) =>
    (past.rows.get(date)!.get(pastPipelineKey(ctx.choice)) ?? []).filter((r) => r.currency === currency)
  );
  const stageRow = (stage: string) => weighted.rows.find((r) => r.stage === stage && r.currency === currency);
  return {
    open: compactTable(
      ordered.map((c) => ({...c, amount: money(c.amount), weighted_amount: money(c.weighted_amount)}))
    ),
    by_stage: compactTable(
      open.map((stage) => ({
        count_opportunities: stageRow(stage)?.count_opportunities ?? 0,
        amount: money(stageRow(stage)?.amount ?? 0),
        weighted_amount: money(stageRow(stage)?.weighted_amount ?? 0),
        configured_weighted_amount: money(stageRow(stage)?.configured_weighted_amount ?? 0)
      }))
    ),
    as_of: {
      count_opportunities: asOf.map((rows) =>
        open.map((s) => rows.find((r) => r.stage === s)?.count_opportunities ?? 0)
      ),
      amount: asOf.map((rows) => open.map((s) => money(rows.find((r) => r.stage === s)?.amount ?? 0))),
      count_amount_current: asOf.map((rows) =>
        open.map((s) => rows.find((r) => r.stage === s)?.count_amount_current ?? 0)
      )
    },
    count_other_currency: other,
    missing: [...new Set([current, weighted, past].flatMap((r) => r.missing))].sort()
  };
}

/** The close-month bucket of an expected close month: before this month is overdue, past the months shown later. */
function bucket(month: string | null, months: string[]): string {
  if (month === null) return "none";
  if (month < months[1]) return "overdue";
  return months.includes(month) ? month : "later";
}

/** The reporting currency: the one the page shows amounts in. */
export async function readReportingCurrency(connection: DuckDBConnection): Promise<string | null> {
  const rows = await readRows<{currency: string | null}>(connection, REPORTING_CURRENCY_SQL);
  return rows[0]?.currency ?? null;
}

/** Money to whole units: the site shows no cents. */
function money(value: number): number {
  return Math.round(value);
}
