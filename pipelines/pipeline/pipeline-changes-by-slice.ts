import {readEachChoice, type SliceGrid, sliceGridSql, type SliceResults} from "../lib/slice-grid.ts";
import {
  ingestParams,
  pipelineChangesSql,
  readSnapshotIngests,
  waterfall,
  type ChangeSums,
  type PipelineChangeRow
} from "./pipeline-changes.ts";

/**
 * pipelineChanges between the two latest ingests of every slice of the grid, in one query per period grouped by
 * filter choice instead of one per slice: an opportunity's state at each ingest is read once, then its change
 * counted in every choice it passes. Results per period, then per choice, equal to the per-slice pipeline's.
 */
export async function pipelineChangesBySlice(grid: SliceGrid): Promise<SliceResults<PipelineChangeRow>> {
  const {connection} = grid;
  const ingests = await readSnapshotIngests(connection, grid.now);
  if (ingests.length < 2) {
    const missing = ["opportunity_snapshots: needs two ingests"];
    return grid.periods.map(() => grid.choices.map(() => ({rows: [], missing})));
  }
  const [from, to] = ingests.slice(-2);
  const slices = sliceGridSql(grid);
  const results: SliceResults<PipelineChangeRow> = [];
  for (const period of grid.periods) {
    const sums = await readEachChoice<ChangeSums>(grid, slices, pipelineChangesSql("true", true), {
      ...ingestParams(from, to),
      period_start: period.start,
      period_end: period.end
    });
    results.push(sums.map((changes) => ({rows: waterfall(changes, from, to), missing: []})));
  }
  return results;
}
