import type {PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {readRows} from "../lib/read-rows.ts";
import {gridSpan, sliceGridSql, splitBySlice, type SliceGrid} from "../lib/slice-grid.ts";
import {ensureStageEntries} from "../lib/stage-entries.ts";
import {toDateEnd} from "../lib/to-date-end.ts";
import type {SurvivalTime} from "./kaplan-meier.ts";
import {lostReasonsSql, type LostReasonRow} from "./lost-reasons.ts";
import {stageHoursSql, survivalTimes, type StageHours} from "./time-in-stage.ts";

/** lostReasons and readStageDurations (entered in the period, filtered) of one slice. */
export interface FunnelSliceResults {
  lost: PipelineResult<LostReasonRow>;
  durations: Map<string, SurvivalTime[]>;
}

type Indexed = {period_index: number; choice_index: number};

/**
 * The lost reasons and time-in-stage spells of every slice of the grid, each in one query grouped by period
 * and choice instead of one query per slice: the stage an opportunity was lost in and the length of a spell
 * do not depend on the slice. Results per period, then per choice, equal to the per-slice pipelines'.
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
       `JOIN slice_periods sp ON l.closed_at >= sp.start_at AND l.closed_at < sp.end_at
       JOIN slice_members m ON m.opportunity_id = l.opportunity_id`
     )}`,
    {...slices.params, span_start: span.start, span_end: span.end, to_date_end: to}
  );
  const hourRows = await readRows<StageHours & Indexed>(
    connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     ${slices.sql},
     ${stageHoursSql(
       "true",
       `JOIN slice_periods sp ON e.entered_at >= sp.start_at AND e.entered_at < sp.end_at
       JOIN slice_members m ON m.opportunity_id = e.opportunity_id`
     )}`,
    {...slices.params, since: span.start, until: span.end, now: grid.now}
  );
  const lost = splitBySlice(grid, lostRows, await missingTables(connection, ["stage_history"]));
  const hours = splitBySlice(grid, hourRows);
  return lost.map((row, p) => row.map((result, c) => ({lost: result, durations: survivalTimes(hours[p][c].rows)})));
}
