import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {ensureStageEntries} from "../lib/stage-entries.ts";
import {reachedStagesSql} from "./reached-stages.ts";

/** One step of the cohort funnel — grain: one row per open stage, then one per won stage. */
export interface CohortFunnelRow {
  stage: string;
  stage_kind: "open" | "won";
  stage_order: number;
  /** opportunities created in the period (the cohort) */
  count_cohort: number;
  /** of them, how many reached this stage (or a later one) */
  count_reached: number;
  /** count_reached / count_cohort, 0–1; null for an empty cohort */
  reached_rate: number | null;
  /** stage-to-stage conversion: reached(this) / reached(previous step), 0–1; null for the first step */
  conversion_rate: number | null;
}

/**
 * Cohort funnel: of the opportunities created in the period, the share that reached each open stage and
 * the share won, with the stage-to-stage conversion reached(k+1) / reached(k).
 *
 * Why: it shows where a cohort of opportunities drops out, and, unlike counting what sits in each stage
 * today, it does not mix opportunities of different ages. A later stage implies the earlier ones (an
 * opportunity that jumped from potential to negotiation passed intent); every opportunity starts in the
 * funnel, so the first step is the whole cohort; a won opportunity reached every open stage. Stages count
 * as reached up to now, so a recent cohort still has open opportunities that may go further.
 *
 * Input: opportunities created in the period (filtered) and their stage entries. Output grain: one row per
 * open stage in funnel order, then the won stage(s).
 *
 * @example
 * const {rows} = await cohortFunnel({connection, period: {start: "2025-01-01", end: "2026-01-01"}, now});
 * // potential 1.00 → intent 0.71 (conversion 0.71) → negotiation 0.48 (0.68) → won 0.36 (0.75)
 */
export async function cohortFunnel(ctx: PipelineContext): Promise<PipelineResult<CohortFunnelRow>> {
  await ensureStageEntries(ctx.connection);
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const counts = await readRows<CohortFunnelCounts>(
    ctx.connection,
    cohortCountsSql(
      // the cohort: opportunities created in the period
      `f.created_at >= CAST($period_start AS TIMESTAMP) AND f.created_at < CAST($period_end AS TIMESTAMP) AND ${filter}`
    ),
    {...params, period_start: ctx.period.start, period_end: ctx.period.end, now: ctx.now}
  );
  return {rows: cohortFunnelRows(counts), missing: await missingTables(ctx.connection, ["stage_history"])};
}

export type CohortFunnelCounts = Omit<CohortFunnelRow, "reached_rate" | "conversion_rate">;

/**
 * The cohort funnel's counts per step, over the opportunities passing `where` (aliased f). With `slices`
 * (joins on r, an opportunity reached, giving its period_index and choice_index; the grid's CTEs before
 * this query) the counts of every slice of the grid, each slice's steps together and in funnel order.
 */
export function cohortCountsSql(where: string, slices?: {sql: string; joins: string}): string {
  const reached = `reached AS (${reachedStagesSql(where)}),
    steps AS (
      SELECT stage, kind, stage_order FROM stages WHERE kind IN ('open', 'won')
    )`;
  if (!slices)
    return `WITH ${reached},
    final AS (
      SELECT st.stage, st.kind AS stage_kind, st.stage_order,
        (SELECT count(*) FROM reached)::INTEGER AS count_cohort,
        count(r.opportunity_id)::INTEGER AS count_reached
      FROM steps st
      LEFT JOIN reached r ON CASE WHEN st.kind = 'won' THEN r.is_won ELSE r.reached_order >= st.stage_order END
      GROUP BY ALL
    )
    SELECT * FROM final ORDER BY stage_order, stage_kind = 'won', stage`;
  return `WITH ${slices.sql}, ${reached},
    tallies AS (
      -- a slice's cohort by how far it went: a few rows per slice, crossed with the steps below
      SELECT period_index, choice_index, r.reached_order, r.is_won, count(*) AS n
      FROM reached r ${slices.joins}
      GROUP BY ALL
    ),
    final AS (
      SELECT p.period_index, c.choice_index, st.stage, st.kind AS stage_kind, st.stage_order,
        coalesce(sum(t.n), 0)::INTEGER AS count_cohort,
        coalesce(sum(t.n) FILTER (WHERE CASE WHEN st.kind = 'won' THEN t.is_won ELSE t.reached_order >= st.stage_order END), 0)::INTEGER AS count_reached
      FROM slice_periods p CROSS JOIN slice_choices c CROSS JOIN steps st
      LEFT JOIN tallies t ON t.period_index = p.period_index AND t.choice_index = c.choice_index
      GROUP BY ALL
    )
    SELECT * FROM final ORDER BY period_index, choice_index, stage_order, stage_kind = 'won', stage`;
}

/** One slice's counts, in funnel order, with the rates. */
export function cohortFunnelRows(counts: CohortFunnelCounts[]): CohortFunnelRow[] {
  return counts.map((row, i): CohortFunnelRow => {
    const previous = row.stage_kind === "won" ? lastOpen(counts) : counts[i - 1];
    return {
      ...row,
      reached_rate: row.count_cohort ? row.count_reached / row.count_cohort : null,
      conversion_rate: previous && previous.count_reached ? row.count_reached / previous.count_reached : null
    };
  });
}

function lastOpen<Row extends {stage_kind: string}>(rows: Row[]): Row | undefined {
  return rows.filter((row) => row.stage_kind === "open").at(-1);
}
