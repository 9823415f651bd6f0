import type {DuckDBConnection} from "@duckdb/node-api";
import {latestExport} from "../../pipelines/lib/latest-export.ts";

/** The start of today (UTC): "now" for a warehouse without ingests. */
export function startOfToday(): string {
  return `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
}

/** "Now" for the site's periods: the latest export's time, or the start of today for an empty warehouse. */
export async function siteNow(connection: DuckDBConnection): Promise<string> {
  return (await latestExport(connection)) ?? startOfToday();
}
