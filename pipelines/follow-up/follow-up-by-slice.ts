import type {PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {gridSpan, sliceGridSql, splitBySlice, type SliceGrid, type SliceResults} from "../lib/slice-grid.ts";
import {
  complianceRow,
  groupingSelects,
  type ComplianceCounts,
  type ComplianceGrouping,
  type CountsRow
} from "./compliance-counts.ts";
import type {FollowUpChannelMixRow} from "./follow-up-channel-mix.ts";
import {followUpOptions, followUpParams, type FollowUpOptions} from "./follow-up-options.ts";
import {planStepsSql, type PlanScope} from "./plan-steps-sql.ts";
import {planWinsSql, type WinRateByComplianceRow} from "./win-rate-by-compliance.ts";
import {labelledSql, mixCountsSql, withWinRate, type WinRateByFollowUpMixRow} from "./win-rate-by-follow-up-mix.ts";

/** complianceCounts, winRateByCompliance, followUpChannelMix and winRateByFollowUpMix of one slice. */
export interface FollowUpSliceResults<Row extends ComplianceCounts> {
  compliance: PipelineResult<Row>[];
  winRate: PipelineResult<WinRateByComplianceRow>;
  mix: PipelineResult<FollowUpChannelMixRow>;
  byMix: PipelineResult<WinRateByFollowUpMixRow>;
}

const BY = ["period_index", "choice_index"];

type Indexed = {period_index: number; choice_index: number};
/** A win-rate row as counted, before withWinRate. */
type Counted<Row> = Omit<Row, "win_rate" | "win_rate_lower" | "win_rate_upper">;

/**
 * The follow-up pipelines of every slice of the grid, each in one query grouped by period and choice
 * instead of one query per slice: an opportunity's plan and follow-up mix do not depend on the slice,
 * only whether it counts in it does. Results per period, then per choice, equal to the per-slice pipelines'.
 */
export async function followUpBySlice<Row extends ComplianceCounts>(
  grid: SliceGrid,
  groupings: ComplianceGrouping[],
  options: Partial<FollowUpOptions>
): Promise<FollowUpSliceResults<Row>[][]> {
  const missing = await missingTables(grid.connection, ["activities"]);
  const none = () => splitBySlice(grid, [], missing);
  const compliance: SliceResults<CountsRow> = missing.length
    ? none()
    : await complianceBySlice(grid, groupings, options);
  const winRate: SliceResults<Counted<WinRateByComplianceRow>> = missing.length
    ? none()
    : await planBySlice(grid, "closed", "closed_at", planWinsSql("sliced", BY), options);
  const mix: SliceResults<FollowUpChannelMixRow> = missing.length ? none() : await mixBySlice(grid);
  const byMix: SliceResults<Counted<WinRateByFollowUpMixRow>> = missing.length ? none() : await mixWinsBySlice(grid);
  return grid.periods.map((_, p) =>
    grid.choices.map((_, c) => ({
      compliance: groupings.map((_, g) => ({
        rows: compliance[p][c].rows
          .filter((row) => Number(row.g) === g)
          .map((row) => complianceRow<Row>(groupings, row)),
        missing: compliance[p][c].missing
      })),
      winRate: {rows: winRate[p][c].rows.map(withWinRate), missing: winRate[p][c].missing},
      mix: mix[p][c],
      byMix: {rows: byMix[p][c].rows.map(withWinRate), missing: byMix[p][c].missing}
    }))
  );
}

function complianceBySlice(
  grid: SliceGrid,
  groupings: ComplianceGrouping[],
  options: Partial<FollowUpOptions>
): Promise<SliceResults<CountsRow>> {
  const final = `final AS (
  ${groupingSelects(groupings, "sliced", BY)}
  ORDER BY period_index, choice_index, g, k1, k2, k3
)
SELECT * FROM final`;
  return planBySlice(grid, "created", "created_at", final, options);
}

/** The plan of every opportunity in the grid's span, evaluated once, joined to its slices as `sliced`. */
async function planBySlice<Row>(
  grid: SliceGrid,
  scope: PlanScope,
  time: string,
  final: string,
  options: Partial<FollowUpOptions>
): Promise<SliceResults<Row>> {
  const slices = sliceGridSql(grid);
  const sql = `${planStepsSql(scope, "true")},
${slices.sql},
sliced AS (
  SELECT p.*, sp.period_index, m.choice_index
  FROM plan p
  JOIN slice_periods sp ON p.${time} >= sp.start_at AND p.${time} < sp.end_at
  JOIN slice_members m ON m.opportunity_id = p.opportunity_id
),
${final}`;
  const params = {...followUpParams({...grid, period: gridSpan(grid)}, followUpOptions(options)), ...slices.params};
  return splitBySlice(grid, await readRows<Row & Indexed>(grid.connection, sql, params));
}

async function mixBySlice(grid: SliceGrid): Promise<SliceResults<FollowUpChannelMixRow>> {
  const slices = sliceGridSql(grid);
  const sql = `
WITH ${slices.sql},
touches AS (
  -- counted per opportunity first: its count is the same in every choice it belongs to
  SELECT a.opportunity_id, a.type, sp.period_index, count(*) AS n
  FROM activities a
  JOIN slice_periods sp ON a.occurred_at >= sp.start_at AND a.occurred_at < sp.end_at
  GROUP BY ALL
),
final AS (
  SELECT t.period_index, m.choice_index, t.type, sum(t.n)::INTEGER AS n_activities,
    sum(t.n) / sum(sum(t.n)) OVER (PARTITION BY t.period_index, m.choice_index) AS activity_rate,
    count(*)::INTEGER AS n_opportunities
  FROM touches t JOIN slice_members m ON m.opportunity_id = t.opportunity_id
  GROUP BY t.period_index, m.choice_index, t.type
  ORDER BY t.period_index, m.choice_index, n_activities DESC, t.type
)
SELECT * FROM final`;
  return splitBySlice(grid, await readRows<FollowUpChannelMixRow & Indexed>(grid.connection, sql, slices.params));
}

async function mixWinsBySlice(grid: SliceGrid): Promise<SliceResults<Counted<WinRateByFollowUpMixRow>>> {
  const slices = sliceGridSql(grid);
  const span = gridSpan(grid);
  const sql = `
WITH ${slices.sql},
${labelledSql("f.closed_at >= $span_start::TIMESTAMP AND f.closed_at < $span_end::TIMESTAMP", "c.opportunity_id, c.closed_at, ")},
sliced AS (
  SELECT l.*, sp.period_index, m.choice_index
  FROM labelled l
  JOIN slice_periods sp ON l.closed_at >= sp.start_at AND l.closed_at < sp.end_at
  JOIN slice_members m ON m.opportunity_id = l.opportunity_id
),
${mixCountsSql("sliced", BY)}`;
  const params = {...slices.params, span_start: span.start, span_end: span.end};
  return splitBySlice(grid, await readRows(grid.connection, sql, params));
}
