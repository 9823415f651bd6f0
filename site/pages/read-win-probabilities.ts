import type {DuckDBConnection} from "@duckdb/node-api";
import {scoring} from "../../pipelines/scoring.ts";
import {historyUntil} from "./forecast-data.ts";
import {significant} from "../significant.ts";

/**
 * Every open opportunity's win probability at `now`, by id: the scores the priority list shows (scoring trained
 * on all closed opportunities up to now), so a deal reads the same chance wherever a page lists it.
 */
export async function readWinProbabilities(connection: DuckDBConnection, now: string): Promise<Map<string, number>> {
  const {scores} = await scoring({connection, now, period: historyUntil(now), filters: {}});
  return new Map(scores.rows.map((row) => [row.opportunity_id, significant(row.win_probability)]));
}
