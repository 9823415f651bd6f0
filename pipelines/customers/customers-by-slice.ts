import type {PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readEachChoice, type SliceGrid, sliceGridSql} from "../lib/slice-grid.ts";
import {
  computedDimensions,
  segmentResults,
  segmentsSql,
  type CustomerSegmentRow,
  type SegmentCounts,
  type SegmentDimension
} from "./customer-segments.ts";
import {
  repeatCountsSql,
  repeatPurchaseRow,
  type RepeatCounts,
  type RepeatPurchaseRateRow
} from "./repeat-purchase-rate.ts";
import {loyaltyTiersSql, tierResult, type LoyaltyTierRow} from "./loyalty-tiers.ts";
import {rfmSegmentsSql, type RfmSegmentRow} from "./rfm-segments.ts";

/** customerSegmentsByDimension, rfmSegments and repeatPurchaseRate of one slice. */
export interface CustomerSliceResults {
  segments: Record<SegmentDimension, PipelineResult<CustomerSegmentRow>>;
  rfm: PipelineResult<RfmSegmentRow>;
  repeat: PipelineResult<RepeatPurchaseRateRow>;
}

/**
 * The customer segments (of `dimensions`), RFM segments and repeat-purchase rate of every slice of the grid, each
 * read in one query per period grouped by filter choice instead of one query per slice; RFM scores rank an account
 * among the accounts of its own choice, as the per-slice pipeline does. Results per period, then per choice, equal
 * to the per-slice pipelines'.
 */
export async function customersBySlice(
  grid: SliceGrid,
  dimensions: readonly SegmentDimension[]
): Promise<CustomerSliceResults[][]> {
  const {connection} = grid;
  const missing = await missingTables(connection, ["accounts"]);
  const computed = computedDimensions(dimensions, missing);
  const slices = sliceGridSql(grid);
  const results: CustomerSliceResults[][] = [];
  for (const period of grid.periods) {
    const inPeriod = {period_start: period.start, period_end: period.end};
    const read = <Row>(sql: string, params: Record<string, string> = {now: grid.now}) =>
      readEachChoice<Row>(grid, slices, sql, {...inPeriod, ...params});
    const counts = computed.length
      ? await read<SegmentCounts>(segmentsSql(computed, "true", true), {})
      : grid.choices.map((): SegmentCounts[] => []);
    const rfm = await read<RfmSegmentRow>(rfmSegmentsSql("true", true));
    const repeat = await read<RepeatCounts>(repeatCountsSql("true", true));
    results.push(
      grid.choices.map((_, c) => ({
        segments: segmentResults(dimensions, missing, counts[c]),
        rfm: {rows: rfm[c], missing: []},
        repeat: {rows: [repeatPurchaseRow(repeat[c][0])], missing: []}
      }))
    );
  }
  return results;
}

/** loyaltyTiers of every filter choice of the grid, in one query grouped by choice. Results per choice. */
export async function loyaltyTiersByChoice(grid: SliceGrid): Promise<PipelineResult<LoyaltyTierRow>[]> {
  const missing = await missingTables(grid.connection, ["accounts"]);
  if (missing.length) return grid.choices.map(() => ({rows: [], missing}));
  const slices = sliceGridSql(grid);
  return (await readEachChoice<LoyaltyTierRow>(grid, slices, loyaltyTiersSql("true", true))).map(tierResult);
}
