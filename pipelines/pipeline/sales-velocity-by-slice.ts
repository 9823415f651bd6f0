import {missingTables} from "../lib/missing-tables.ts";
import {readEachChoice, type SliceGrid, sliceGridSql, type SliceResults} from "../lib/slice-grid.ts";
import {ensureStageEntries} from "../lib/stage-entries.ts";
import {toDateEnd} from "../lib/to-date-end.ts";
import {
  salesVelocitySql,
  velocityAsOf,
  velocityRow,
  type SalesVelocityRow,
  type VelocitySums
} from "./sales-velocity.ts";

/**
 * salesVelocity of every slice of the grid, in one query per period grouped by filter choice instead of one per
 * slice: an opportunity's stage at the period's end is found once, then counted in every choice it passes.
 * Results per period, then per choice, equal to the per-slice pipeline's.
 */
export async function salesVelocityBySlice(grid: SliceGrid): Promise<SliceResults<SalesVelocityRow>> {
  const {connection} = grid;
  await ensureStageEntries(connection);
  const missing = await missingTables(connection, ["stage_history"]);
  const slices = sliceGridSql(grid);
  const results: SliceResults<SalesVelocityRow> = [];
  for (const period of grid.periods) {
    const sums = await readEachChoice<VelocitySums>(grid, slices, salesVelocitySql("true", true), {
      as_of: velocityAsOf(period, grid.now),
      period_start: period.start,
      period_end: period.end,
      to_date_end: toDateEnd(grid.now)
    });
    results.push(sums.map((rows) => ({rows: rows.map(velocityRow), missing})));
  }
  return results;
}
