import type {PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {readRows} from "../lib/read-rows.ts";
import {gridSpan, sliceGridSql, splitBySlice, type SliceGrid} from "../lib/slice-grid.ts";
import {ensureStageEntries} from "../lib/stage-entries.ts";
import {toDateEnd} from "../lib/to-date-end.ts";
import type {SurvivalTime} from "./kaplan-meier.ts";
import {cohortCountsSql, cohortFunnelRows, type CohortFunnelCounts, type CohortFunnelRow} from "./cohort-funnel.ts";
import {lostReasonsSql, type LostReasonRow} from "./lost-reasons.ts";
import {readStages} from "./read-stages.ts";
import {stageHoursSql, survivalTimes, type StageHours} from "./time-in-stage.ts";
import {transitionCountsSql, transitionRows, type TransitionCounts, type TransitionRow} from "./transition-matrix.ts";
import {winRateCountsSql, winRateRows, type WinRateCounts, type WinRateRow} from "./win-rates.ts";

/** cohortFunnel, transitionMatrix, winRates, lostReasons and readStageDurations (entered in the period, filtered) of one slice. */
export interface FunnelSliceResults {
  cohort: PipelineResult<CohortFunnelRow>;
  transitions: PipelineResult<TransitionRow>;
  winRates: PipelineResult<WinRateRow>;
  lost: PipelineResult<LostReasonRow>;
  durations: Map<string, SurvivalTime[]>;
}

type Indexed = {period_index: number; choice_index: number};

/**
 * The cohort funnel, transitions, win rates, lost reasons and time-in-stage spells of every slice of the grid,
 * each in one query grouped by period and choice instead of one query per slice: how far an opportunity went,
 * its moves, outcome, the stage it was lost in and the length of a spell do not depend on the slice, only
 * whether it counts in it. Results per period, then per choice, equal to the per-slice pipelines'.
 */
export async function funnelBySlice(grid: SliceGrid): Promise<FunnelSliceResults[][]> {
  const {connection} = grid;
  await ensureStageEntries(connection);
  const slices = sliceGridSql(grid);
  const span = gridSpan(grid);
  const to = toDateEnd(grid.now);
  const lostRows = await readRows<LostReasonRow & Indexed>(
    connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     ${slices.sql},
     ${lostReasonsSql(
       `f.closed_at >= CAST($span_start AS TIMESTAMP) AND f.closed_at < CAST($span_end AS TIMESTAMP)
         AND f.closed_at < CAST($to_date_end AS TIMESTAMP)`,
       joinSlices("l.closed_at", "l")
     )}`,
    {...slices.params, span_start: span.start, span_end: span.end, to_date_end: to}
  );
  const hourRows = await readRows<StageHours & Indexed>(
    connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     ${slices.sql},
     ${stageHoursSql("true", joinSlices("e.entered_at", "e"))}`,
    {...slices.params, since: span.start, until: span.end, now: grid.now}
  );
  const cohortRows = await readRows<CohortFunnelCounts & Indexed>(
    connection,
    cohortCountsSql(`f.created_at >= CAST($span_start AS TIMESTAMP) AND f.created_at < CAST($span_end AS TIMESTAMP)`, {
      sql: slices.sql,
      joins: joinSlices("r.created_at", "r")
    }),
    {...slices.params, span_start: span.start, span_end: span.end, now: grid.now}
  );
  const moveRows = await readRows<TransitionCounts & Indexed>(
    connection,
    `WITH ${slices.sql},
     ${transitionCountsSql(
       "",
       `moved_at >= CAST($span_start AS TIMESTAMP) AND moved_at < CAST($span_end AS TIMESTAMP)`,
       joinSlices("v.moved_at", "v")
     )}`,
    {...slices.params, span_start: span.start, span_end: span.end, now: grid.now}
  );
  const rateRows = await readRows<WinRateCounts & Indexed>(
    connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     ${slices.sql},
     ${winRateCountsSql(
       "",
       (column) => `${column} >= CAST($span_start AS TIMESTAMP) AND ${column} < CAST($span_end AS TIMESTAMP)`,
       (column) => joinSlices(`s.${column}`, "s")
     )}`,
    {...slices.params, span_start: span.start, span_end: span.end, to_date_end: to}
  );
  const missing = await missingTables(connection, ["stage_history"]);
  const stages = await readStages(connection);
  const cohort = splitBySlice(grid, cohortRows, missing);
  const moves = splitBySlice(grid, moveRows, missing);
  const rates = splitBySlice(grid, rateRows);
  const lost = splitBySlice(grid, lostRows, missing);
  const hours = splitBySlice(grid, hourRows);
  return lost.map((row, p) =>
    row.map((result, c) => ({
      cohort: {rows: cohortFunnelRows(cohort[p][c].rows), missing},
      transitions: {rows: transitionRows(moves[p][c].rows, stages), missing},
      winRates: {rows: winRateRows(rates[p][c].rows), missing: []},
      lost: result,
      durations: survivalTimes(hours[p][c].rows)
    }))
  );
}

/** Joins a row (alias `row`) to the slices whose period holds `time` and whose choice its opportunity passes. */
function joinSlices(time: string, row: string): string {
  return `JOIN slice_periods sp ON ${time} >= sp.start_at AND ${time} < sp.end_at
       JOIN slice_members m ON m.opportunity_id = ${row}.opportunity_id`;
}
