import type {DuckDBConnection} from "@duckdb/node-api";
import {latestExport} from "../pipelines/lib/latest-export.ts";
import {sitePeriods, type SitePeriod} from "./site-periods.ts";

/** The start of today (UTC): "now" for a warehouse without ingests. */
export function startOfToday(): string {
  return `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
}

/** "Now" for the site's periods: the latest export's time, or the start of today for an empty warehouse. */
export async function siteNow(connection: DuckDBConnection): Promise<string> {
  return (await latestExport(connection)) ?? startOfToday();
}

/**
 * The first day of the month of the warehouse's earliest record (an opportunity or lead created or an
 * opportunity closed): where "all time" starts. The start of now's year for an empty warehouse.
 */
export async function siteFirstDay(connection: DuckDBConnection, now: string): Promise<string> {
  const reader = await connection.runAndReadAll(
    `SELECT strftime(date_trunc('month', least(
       (SELECT min(created_at) FROM opportunities), (SELECT min(closed_at) FROM opportunities),
       (SELECT min(created_at) FROM leads))), '%Y-%m-%d')`
  );
  const day = reader.getRowsJS()[0][0];
  return typeof day === "string" ? day : `${now.slice(0, 4)}-01-01`;
}

/** The filter bar's periods for the warehouse: relative to its latest export, all time from its first record. */
export async function readSitePeriods(connection: DuckDBConnection): Promise<SitePeriod[]> {
  const now = await siteNow(connection);
  return sitePeriods(now, await siteFirstDay(connection, now));
}
