import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {serviceScope} from "./service-scope.ts";

export interface ResolutionTimeRow {
  category: string | null;
  /** tickets opened in the period */
  n_tickets: number;
  /** of them, resolved by now: the sample the times describe */
  n_resolved: number;
  /** not resolved by now (or resolved before opened): left out of the times, which read short while many are open */
  n_unresolved: number;
  /** hours from opened_at to resolved_at: median and 90th percentile (linear interpolation, R type 7) */
  resolution_hours_median: number | null;
  resolution_hours_p90: number | null;
  resolution_hours_mean: number | null;
}

/**
 * Resolution time per ticket category: hours from opening to resolution of the tickets opened in the
 * period and resolved by now — median, 90th percentile (DuckDB quantile_cont: R's default type 7) and
 * mean — beside how many are still unresolved (not counted, so the times understate while many are
 * open). Why it matters: the median says how fast service usually is, p90 how long the unlucky wait;
 * complaints left open long turn into lost customers.
 *
 * Filters narrow to accounts with a matching opportunity. Input: tickets. Output grain: one row per
 * category. Missing tickets → no rows, missing ["tickets"].
 *
 * @example
 * const {rows} = await resolutionTimes(ctx);
 * // [{category: "complaint", n_tickets: 77, n_resolved: 75, resolution_hours_median: 98.2, resolution_hours_p90: 240.5, …}]
 */
export async function resolutionTimes(ctx: PipelineContext): Promise<PipelineResult<ResolutionTimeRow>> {
  const missing = await missingTables(ctx.connection, ["tickets"]);
  if (missing.length) return {rows: [], missing};
  const scope = serviceScope(ctx.filters);
  const rows = await readRows<ResolutionTimeRow>(ctx.connection, resolutionTimesSql(scope), {
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    now: ctx.now,
    ...scope.filterParams
  });
  return {rows, missing: []};
}

/** The SQL of the rows, in order (per choice: a scope of EACH_CHOICE). */
export function resolutionTimesSql(scope: ReturnType<typeof serviceScope>): string {
  const {by} = scope;
  return `
WITH opened AS (
  SELECT ${by}t.category,
    -- resolved by now; a resolution before the opening is an export error and is not a time
    CASE WHEN t.resolved_at <= $now::TIMESTAMP AND t.resolved_at >= t.opened_at
         THEN date_diff('second', t.opened_at, t.resolved_at) / 3600.0 END AS resolution_hours
  FROM ${scope.tickets} t
  WHERE t.opened_at >= $period_start::TIMESTAMP AND t.opened_at < $period_end::TIMESTAMP
    AND t.opened_at <= $now::TIMESTAMP AND ${scope.accountCondition("t.account_id")}
),
final AS (
  SELECT ${by}category,
    count(*)::INTEGER AS n_tickets,
    count(resolution_hours)::INTEGER AS n_resolved,
    (count(*) - count(resolution_hours))::INTEGER AS n_unresolved,
    quantile_cont(resolution_hours, 0.5) AS resolution_hours_median,
    quantile_cont(resolution_hours, 0.9) AS resolution_hours_p90,
    avg(resolution_hours) AS resolution_hours_mean
  FROM opened
  GROUP BY ${by}category
  ORDER BY ${by}category NULLS LAST
)
SELECT * FROM final`;
}
