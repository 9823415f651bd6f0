import type {ChannelQualityOptions, ChannelQualityRow} from "../channel-quality.ts";
import type {Filters} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {EACH_CHOICE, readEachChoice, type SliceGrid, sliceGridSql, type SliceResults} from "../lib/slice-grid.ts";
import {channelQualitySql} from "./channel-quality-sql.ts";
import {hasDuplicateLeadFlags} from "./duplicate-lead-flags.ts";
import {DEFAULT_DUPLICATE_WINDOW_DAYS} from "./duplicate-leads.ts";
import {shapeRow, sliceFigures, type RawRow} from "./shape-row.ts";

export interface ChannelQualityBySliceOptions
  extends Omit<ChannelQualityOptions, "duplicateWindowDays" | "duplicates"> {
  /** count duplicate leads (default true), or only under the choices it is true of */
  duplicates?: boolean | ((filters: Filters) => boolean);
}

/**
 * channelQuality of every slice of the grid, in one query per period grouped by filter choice instead of one per
 * slice: the leads and deals are read once, each counted in every choice it passes. Duplicate leads use the
 * default window. Results per period, then per choice, equal to the per-slice pipeline's.
 */
export async function channelQualityBySlice(
  grid: SliceGrid,
  options: ChannelQualityBySliceOptions = {}
): Promise<SliceResults<ChannelQualityRow>> {
  const {interval = "month", level = "source", duplicates = true} = options;
  const {connection} = grid;
  const missing = await missingTables(connection, ["leads", "marketing_spend"]);
  const figures = grid.choices.map((filters) =>
    sliceFigures(filters, missing, level, typeof duplicates === "function" ? duplicates(filters) : duplicates)
  );
  const leadsApply = figures.some((f) => f.leadsApply);
  const flagged = await hasDuplicateLeadFlags(connection);
  const sql = `SELECT *, coalesce(source IN (SELECT channel FROM marketing_spend), false) AS has_spend
    FROM (${channelQualitySql(interval, level, "true", {flagged, scope: EACH_CHOICE})})`;
  const slices = sliceGridSql(grid);
  const results: SliceResults<ChannelQualityRow> = [];
  for (const period of grid.periods) {
    const raw = await readEachChoice<RawRow>(grid, slices, sql, {
      start: period.start,
      end: period.end,
      ...(flagged ? {} : {window_days: DEFAULT_DUPLICATE_WINDOW_DAYS}),
      leads_apply: leadsApply,
      duplicates_apply: figures.some((f) => f.leadsApply && f.duplicates),
      spend_applies: figures.some((f) => f.spendApplies),
      channel: null
    });
    results.push(
      raw.map((rows, c) => ({rows: rows.map((row) => shapeRow(row, interval, period, figures[c])), missing}))
    );
  }
  return results;
}
