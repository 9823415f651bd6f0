import type {DuckDBConnection} from "@duckdb/node-api";
import {readRows} from "../warehouse/read-rows.ts";

/** One row per creation month (UTC) per outcome; months without opportunities are absent. */
export interface OpportunitiesByMonth {
  /** first day of the month, YYYY-MM-DD */
  month: string;
  /** open, won, lost, or unknown when the export gave no outcome */
  outcome: string;
  count_opportunities: number;
}

/** Counts opportunities by the month they were created in and their current outcome. */
export function readOpportunitiesByMonth(connection: DuckDBConnection): Promise<OpportunitiesByMonth[]> {
  return readRows<OpportunitiesByMonth>(
    connection,
    `WITH opportunities AS (
       SELECT date_trunc('month', created_at)::DATE AS month, coalesce(outcome, 'unknown') AS outcome FROM opportunities
     ),
     final AS (
       SELECT strftime(month, '%Y-%m-%d') AS month, outcome, count(*)::INTEGER AS count_opportunities
       FROM opportunities GROUP BY ALL
     )
     SELECT * FROM final ORDER BY month, outcome`
  );
}
