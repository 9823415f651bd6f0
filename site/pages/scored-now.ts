import type {DuckDBConnection} from "@duckdb/node-api";
import {scoring, type ScoringResults} from "../../pipelines/scoring.ts";
import {historyUntil} from "./forecast-data.ts";
import {siteNow} from "../site-now.ts";
import {significant} from "../significant.ts";

/**
 * Every open opportunity scored as of the site's now: scoring trained on all closed opportunities up to now.
 * The opportunities and follow-up pages both read it; a build computes it once for both (PageDataEntry).
 */
export async function scoredNow(connection: DuckDBConnection): Promise<ScoringResults> {
  const now = await siteNow(connection);
  return scoring({connection, now, period: historyUntil(now), filters: {}});
}

/**
 * Every open opportunity's win probability by id, as the priority list shows it, so a deal reads the same
 * chance wherever a page lists it.
 */
export function winProbabilities({scores}: ScoringResults): Map<string, number> {
  return new Map(scores.rows.map((row) => [row.opportunity_id, significant(row.win_probability)]));
}
