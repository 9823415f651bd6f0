import type {DuckDBConnection} from "@duckdb/node-api";
import {filterCondition} from "../../pipelines/lib/filter-condition.ts";
import {siteNow} from "../site-now.ts";
import {readBySliceKey} from "../site-grid.ts";
import {sliceKey} from "../site-filters.ts";
import {withStageEntries} from "../../pipelines/lib/stage-entries.ts";
import {funnelBySlice, type FunnelSliceResults} from "../../pipelines/stage-conversion/funnel-by-slice.ts";
import type {SurvivalTime} from "../../pipelines/stage-conversion/kaplan-meier.ts";
import {
  cohortFunnel,
  kaplanMeierQuantiles,
  lostReasons,
  transitionMatrix,
  winRates,
  type LostReasonRow,
  type Move,
  type WinRateRow
} from "../../pipelines/stage-conversion.ts";
import {readStages, type ConfiguredStage} from "../../pipelines/stage-conversion/read-stages.ts";
import {readStageDurations, roundDays} from "../../pipelines/stage-conversion/time-in-stage.ts";
import {compactTable, type CompactTable} from "../compact-table.ts";
import {pageSlices, type PageSlices, type SliceContext} from "../page-slices.ts";
import {significant} from "../significant.ts";
import {Catalogue} from "./catalogue.ts";
import {funnelNowSlice, readAllStuck, type FunnelNowSlice, type StuckOpportunity} from "./funnel-now.ts";

/** Lost reasons shown by name, the most frequent overall; the others are counted together. */
export const LOST_REASONS = 12;

/**
 * The funnel page's numbers for one period and filter. The transitions and lost reasons are counts per
 * cell of the page-wide lists `transitions` and `lost_reasons` (0 where a cell did not occur).
 */
export interface FunnelSlice {
  /** opportunities created in the period */
  count_cohort: number;
  /** per step of `funnel_steps`: cohortFunnel */
  funnel: CompactTable<{count_reached: number; reached_rate: number | null; conversion_rate: number | null}>;
  /** count_transitions per cell of `transitions` */
  transitions: number[];
  win_rates: CompactTable<Omit<WinRateRow, "label" | "label_zh">>;
  /** per open stage: timeInStage, with the Kaplan–Meier first quartile */
  time_in_stage: CompactTable<TimeInStageQuartiles>;
  /** count_lost per cell of `lost_reasons` */
  lost_reasons: number[];
  missing: string[];
}

export interface TimeInStageQuartiles {
  count_entries: number;
  count_censored: number;
  p25_days: number | null;
  median_days: number | null;
  p75_days: number | null;
  p90_days: number | null;
}

export interface TransitionCell {
  from_stage: string | null;
  to_stage: string;
  move: Move;
  count_stages_skipped: number;
}

export interface LostReasonCell {
  lost_stage: string | null;
  lost_reason: string | null;
  /** the reasons beyond the LOST_REASONS most frequent, together */
  is_other_reason: boolean;
}

export interface FunnelData extends PageSlices<FunnelSlice> {
  /** per filter: what holds now, whatever the period */
  now: PageSlices<FunnelNowSlice>;
  /** the configured stage model in funnel order */
  stages: Pick<ConfiguredStage, "stage" | "kind" | "stage_order" | "probability">[];
  /** the cohort funnel's steps: the open stages, then the won stage(s) */
  funnel_steps: string[];
  transitions: TransitionCell[];
  lost_reasons: LostReasonCell[];
  /** per open stage, the p90 time in stage over all history: the line past which an opportunity is stuck */
  stuck_p90_days: (number | null)[];
  stuck_opportunities: StuckOpportunity[];
}

/**
 * The funnel page: per period and filter the cohort funnel, stage transitions, both win rates, time in
 * stage and lost reasons by stage; per filter the opportunities stuck now and the stage probabilities
 * learned over the last year (those the pipeline weights with). The period slices' figures come from one
 * grouped query each (funnelBySlice); `grouped` false computes them slice by slice.
 */
export async function funnelData(connection: DuckDBConnection, grouped = true): Promise<FunnelData> {
  const stages = await readStages(connection);
  const open = stages.filter((s) => s.kind === "open").map((s) => s.stage);
  const steps = stages.filter((s) => s.kind !== "lost").map((s) => s.stage);
  const transitions = new Catalogue((c: TransitionCell) => `${c.from_stage}>${c.to_stage}`);
  const bySlice = grouped
    ? await readBySliceKey(connection, (grid) => withStageEntries(connection, () => funnelBySlice(grid)))
    : new Map<string, FunnelSliceResults>();
  const computed = await pageSlices(connection, (ctx) =>
    periodSlice(ctx, {open, steps, transitions}, bySlice.get(sliceKey(ctx.sitePeriod.id, ctx.choice)))
  );

  const named = topReasons(
    Object.entries(computed.slices).flatMap(([key, slice]) => (key.endsWith("|all") ? slice.lost : []))
  );
  const reasons = new Catalogue((c: LostReasonCell) => `${c.lost_stage}>${c.lost_reason}>${c.is_other_reason}`);
  const lostCounts = new Map(
    Object.entries(computed.slices).map(([key, s]) => [key, cellCounts(s.lost, named, reasons)])
  );
  const slices: Record<string, FunnelSlice> = {};
  for (const [key, {lost: _lost, transitionCounts, ...slice}] of Object.entries(computed.slices)) {
    slices[key] = {
      ...slice,
      // a cell first seen in a later slice is 0 in the earlier ones
      transitions: transitions.counts(transitionCounts),
      lost_reasons: reasons.counts(lostCounts.get(key)!)
    };
  }

  const now = await siteNow(connection);
  const stuck = await readAllStuck(connection, now);
  const stuckRows = new Catalogue((c: StuckOpportunity) => c.opportunity_id);
  return {
    slices,
    now: await pageSlices(connection, (ctx) => funnelNowSlice(ctx, {open, stuck, stuckRows}), {byPeriod: false}),
    stages: stages.map(({stage, kind, stage_order, probability}) => ({stage, kind, stage_order, probability})),
    funnel_steps: steps,
    transitions: transitions.items,
    lost_reasons: reasons.items,
    stuck_p90_days: open.map((stage) => stuck.norms.get(stage) ?? null),
    stuck_opportunities: stuckRows.items
  };
}

type ComputedSlice = Omit<FunnelSlice, "transitions" | "lost_reasons"> & {
  transitionCounts: Map<number, number>;
  lost: LostReasonRow[];
};

async function periodSlice(
  ctx: SliceContext,
  {open, steps, transitions}: {open: string[]; steps: string[]; transitions: Catalogue<TransitionCell>},
  grouped?: FunnelSliceResults
): Promise<ComputedSlice> {
  const funnel = grouped?.cohort ?? (await cohortFunnel(ctx));
  const moves = grouped?.transitions ?? (await transitionMatrix(ctx));
  const rates = grouped?.winRates ?? (await winRates(ctx));
  const times = timeInStageQuartiles(grouped?.durations ?? (await sliceDurations(ctx)), open);
  const lost = grouped?.lost ?? (await lostReasons(ctx));
  const byStep = new Map(funnel.rows.map((r) => [r.stage, r]));
  return {
    count_cohort: funnel.rows[0]?.count_cohort ?? 0,
    funnel: compactTable(
      steps.map((step) => ({
        count_reached: byStep.get(step)?.count_reached ?? 0,
        reached_rate: significant(byStep.get(step)?.reached_rate ?? null),
        conversion_rate: significant(byStep.get(step)?.conversion_rate ?? null)
      }))
    ),
    transitionCounts: new Map(
      moves.rows.map((r) => [
        transitions.index({
          from_stage: r.from_stage,
          to_stage: r.to_stage,
          move: r.move,
          count_stages_skipped: r.count_stages_skipped
        }),
        r.count_transitions
      ])
    ),
    win_rates: compactTable(
      rates.rows.map((r) => ({
        basis: r.basis,
        count_opportunities: r.count_opportunities,
        count_won: r.count_won,
        count_lost: r.count_lost,
        count_open: r.count_open,
        win_rate: significant(r.win_rate),
        win_rate_low: significant(r.win_rate_low),
        win_rate_high: significant(r.win_rate_high)
      }))
    ),
    time_in_stage: compactTable(times),
    lost: lost.rows,
    missing: [...new Set([funnel, moves, lost].flatMap((r) => r.missing))].sort()
  };
}

/** The slice's stage spells: entered in the period, censored at now. */
function sliceDurations(ctx: SliceContext): Promise<Map<string, SurvivalTime[]>> {
  return readStageDurations(ctx.connection, {
    since: ctx.period.start,
    until: ctx.period.end,
    now: ctx.now,
    filter: filterCondition(ctx.filters, "f")
  });
}

/**
 * timeInStage's rows with the first quartile added: the same stage spells and the same Kaplan–Meier
 * estimate, the durations read once for the four quantiles.
 */
function timeInStageQuartiles(durations: Map<string, SurvivalTime[]>, open: string[]): TimeInStageQuartiles[] {
  return open.map((stage): TimeInStageQuartiles => {
    const times = durations.get(stage) ?? [];
    const [p25, median, p75, p90] = kaplanMeierQuantiles(times, [0.25, 0.5, 0.75, 0.9]).map(roundDays);
    return {
      count_entries: times.reduce((n, t) => n + t.events + t.censored, 0),
      count_censored: times.reduce((n, t) => n + t.censored, 0),
      p25_days: p25,
      median_days: median,
      p75_days: p75,
      p90_days: p90
    };
  });
}

/** The LOST_REASONS reasons most often given over every period, unfiltered. */
function topReasons(rows: LostReasonRow[]): Set<string> {
  const totals = new Map<string, number>();
  for (const r of rows)
    if (r.lost_reason !== null) totals.set(r.lost_reason, (totals.get(r.lost_reason) ?? 0) + r.count_lost);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return new Set(ranked.slice(0, LOST_REASONS).map(([reason]) => reason));
}

/** A slice's losses per cell (stage × reason, the reasons not named together per stage). */
function cellCounts(rows: LostReasonRow[], named: Set<string>, cells: Catalogue<LostReasonCell>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of rows) {
    const other = r.lost_reason !== null && !named.has(r.lost_reason);
    const i = cells.index({
      lost_stage: r.lost_stage,
      lost_reason: other ? null : r.lost_reason,
      is_other_reason: other
    });
    counts.set(i, (counts.get(i) ?? 0) + r.count_lost);
  }
  return counts;
}
