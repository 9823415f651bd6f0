import type {DuckDBValue} from "@duckdb/node-api";
import type {PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {EACH_CHOICE, readEachChoice, type SliceGrid, sliceGridSql} from "../lib/slice-grid.ts";
import {complaintRiskSql, type ComplaintRiskRow} from "./complaint-risk-list.ts";
import {complaintRateRow, complaintRateSql, type ComplaintCounts, type ComplaintRateRow} from "./complaint-rate.ts";
import {resolutionTimesSql, type ResolutionTimeRow} from "./resolution-times.ts";
import {satisfactionSql, type SatisfactionScoreRow} from "./satisfaction-scores.ts";
import {serviceScope} from "./service-scope.ts";
import {ticketsByMonthSql, type TicketsByMonthRow} from "./tickets-by-month.ts";

/** ticketsByMonth, complaintRate, resolutionTimes and satisfactionScores of one slice. */
export interface ServiceSliceResults {
  tickets: PipelineResult<TicketsByMonthRow>;
  rate: PipelineResult<ComplaintRateRow>;
  times: PipelineResult<ResolutionTimeRow>;
  satisfaction: PipelineResult<SatisfactionScoreRow>;
}

/**
 * The tickets by month, complaint rate, resolution times and satisfaction of every slice of the grid (default
 * complaint categories), each read in one query per period grouped by filter choice instead of one query per
 * slice: a ticket counts in a choice through its account. Results per period, then per choice, equal to the
 * per-slice pipelines'.
 */
export async function serviceBySlice(grid: SliceGrid): Promise<ServiceSliceResults[][]> {
  const {connection} = grid;
  const missing = await missingTables(connection, ["tickets"]);
  const slices = sliceGridSql(grid);
  const scope = serviceScope(EACH_CHOICE);
  const results: ServiceSliceResults[][] = [];
  for (const period of grid.periods) {
    const inPeriod = {period_start: period.start, period_end: period.end};
    const read = async <Row>(sql: string, params: Record<string, DuckDBValue>) =>
      missing.length
        ? grid.choices.map((): Row[] => [])
        : await readEachChoice<Row>(grid, slices, sql, {...inPeriod, ...params});
    const complaints = {now: grid.now, ...scope.complaintParams};
    const tickets = await read<TicketsByMonthRow>(ticketsByMonthSql(scope), complaints);
    const rates = await read<ComplaintCounts>(complaintRateSql(scope), complaints);
    const times = await read<ResolutionTimeRow>(resolutionTimesSql(scope), {now: grid.now});
    const satisfaction = await read<SatisfactionScoreRow>(satisfactionSql(scope), {});
    results.push(
      grid.choices.map((_, c) => ({
        tickets: {rows: tickets[c], missing},
        rate: {rows: rates[c].map(complaintRateRow), missing},
        times: {rows: times[c], missing},
        satisfaction: {rows: satisfaction[c], missing}
      }))
    );
  }
  return results;
}

/** complaintRiskList (default complaint categories) of every filter choice of the grid, in one query. Per choice. */
export async function complaintRiskByChoice(grid: SliceGrid): Promise<PipelineResult<ComplaintRiskRow>[]> {
  const missing = await missingTables(grid.connection, ["tickets"]);
  if (missing.length) return grid.choices.map(() => ({rows: [], missing}));
  const slices = sliceGridSql(grid);
  const scope = serviceScope(EACH_CHOICE);
  const rows = await readEachChoice<ComplaintRiskRow>(grid, slices, complaintRiskSql(scope), {
    now: grid.now,
    ...scope.complaintParams
  });
  return rows.map((listed) => ({rows: listed, missing}));
}
