import type {DuckDBValue} from "@duckdb/node-api";
import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {REPORTING_OPPORTUNITIES} from "../lib/reporting-amounts.ts";

/** One row per calendar month of the period with a won deal. */
export interface MonthlyWonRevenueRow {
  /** first day of the month (UTC) */
  month: string;
  count_won: number;
  won_revenue: number;
}

/**
 * Won revenue per calendar month: Σ amount of the opportunities won with a close date (UTC) in the
 * month, within the period and the filters. The month series the forecast and overview pages chart,
 * computed straight from `opportunities` so that it can check the other breakdowns.
 *
 * Input: `opportunities` (and `reps` for team and region filters). Output grain: one row per month of
 * the period with at least one won deal, in date order.
 *
 * @example
 * const {rows} = await monthlyWonRevenue({connection, period: {start: "2026-04-01", end: "2026-07-01"}, now});
 * // on the sample: [{month: "2026-04-01", count_won: 14, won_revenue: 3169000}, …]
 */
export async function monthlyWonRevenue(ctx: PipelineContext): Promise<PipelineResult<MonthlyWonRevenueRow>> {
  const {sql, params} = wonByMonth(ctx, []);
  const rows = await readRows<MonthlyWonRevenueRow>(ctx.connection, sql, params);
  return {rows, missing: []};
}

/** monthlyWonRevenue of each rep owning a won deal (the rep filter's rows, every rep in one query). */
export interface MonthlyWonRevenueByRepRow extends MonthlyWonRevenueRow {
  rep_id: string;
}

/**
 * monthlyWonRevenue with the filter `{rep: id}` for every rep at once: one row per rep and month with a
 * won deal, by rep then month. Deals without an owner are left out, as the rep filter leaves them out.
 */
export async function monthlyWonRevenueByRep(ctx: PipelineContext): Promise<PipelineResult<MonthlyWonRevenueByRepRow>> {
  const {sql, params} = wonByMonth(ctx, ["owner_rep_id AS rep_id"], "owner_rep_id IS NOT NULL");
  const rows = await readRows<MonthlyWonRevenueByRepRow>(ctx.connection, sql, params);
  return {rows, missing: []};
}

/** The won deals' months, by `keys` too, within the period and the filters (and `where`). */
function wonByMonth(
  ctx: PipelineContext,
  keys: string[],
  where = "true"
): {sql: string; params: Record<string, DuckDBValue>} {
  const filter = filterCondition(ctx.filters, "x");
  const sql = `
WITH won AS (
  SELECT x.* FROM (
    SELECT o.closed_at, o.amount, o.source, o.owner_rep_id, o.product, r.team, r.region
    FROM ${REPORTING_OPPORTUNITIES} o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
    WHERE o.outcome = 'won' AND o.closed_at >= $start::TIMESTAMP AND o.closed_at < $end::TIMESTAMP
  ) x
  WHERE ${filter.sql} AND ${where}
),
final AS (
  SELECT ${keys.map((key) => `${key}, `).join("")}date_trunc('month', closed_at)::DATE AS month,
    count(*)::INTEGER AS count_won, coalesce(sum(amount), 0) AS won_revenue
  FROM won GROUP BY ALL
)
SELECT * FROM final ORDER BY ALL`;
  return {sql, params: {...filter.params, start: ctx.period.start, end: ctx.period.end}};
}
