import type {DuckDBConnection} from "@duckdb/node-api";
import {salesVelocityBySlice} from "../../pipelines/pipeline/sales-velocity-by-slice.ts";
import type {PageSlices} from "../page-slices.ts";
import {readBySliceKey} from "../site-grid.ts";
import {overviewNowSlices, type OverviewNowSlice} from "./overview-now.ts";
import {overviewPeriodSlices, type OverviewPeriodSlice} from "./overview-period.ts";
import {groupedOverviewQuality, overviewQuality} from "./overview-quality.ts";
import {readOverviewScope} from "./overview-scope.ts";

export type {OverviewKpis, OverviewPeriodSlice} from "./overview-period.ts";
export type {OverviewNowSlice} from "./overview-now.ts";

/** The overview's slices by period and filter, and under `now` its "as of now" slices by filter. */
export interface OverviewData extends PageSlices<OverviewPeriodSlice> {
  now: PageSlices<OverviewNowSlice>;
}

/**
 * The executive overview's data: per period × filter, won revenue, win rate, new leads and opportunities
 * against the previous period and the same period a year earlier, the channels whose quality dropped and the
 * reps below plan; per filter, what holds now — open and weighted pipeline (against a quarter and a year
 * ago), coverage and the combined forecast of the current quarter, monthly trends, stuck opportunities,
 * overdue follow-ups and complaints on accounts with open deals. Sales velocity comes from one query per period
 * for every filter (salesVelocityBySlice), channel quality from one query per period for every filter
 * (groupedOverviewQuality), and several "as of now" figures from one query for every filter (overviewNowSlices);
 * `grouped` false computes them slice by slice.
 */
export async function overviewData(connection: DuckDBConnection, grouped = true): Promise<OverviewData> {
  const scope = await readOverviewScope(connection);
  const quality = grouped ? await groupedOverviewQuality(connection) : overviewQuality();
  const velocities = grouped ? await readBySliceKey(connection, salesVelocityBySlice) : undefined;
  const periods = await overviewPeriodSlices(connection, scope, quality, velocities);
  return {...periods, now: await overviewNowSlices(connection, scope, quality, grouped)};
}
