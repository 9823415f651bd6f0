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
  const filter = filterCondition(ctx.filters, "x");
  const rows = await readRows<MonthlyWonRevenueRow>(
    ctx.connection,
    `
WITH won AS (
  SELECT x.* FROM (
    SELECT o.closed_at, o.amount, o.source, o.owner_rep_id, o.product, r.team, r.region
    FROM ${REPORTING_OPPORTUNITIES} o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
    WHERE o.outcome = 'won' AND o.closed_at >= $start::TIMESTAMP AND o.closed_at < $end::TIMESTAMP
  ) x
  WHERE ${filter.sql}
),
final AS (
  SELECT date_trunc('month', closed_at)::DATE AS month, count(*)::INTEGER AS count_won,
    coalesce(sum(amount), 0) AS won_revenue
  FROM won GROUP BY ALL
)
SELECT * FROM final ORDER BY month`,
    {...filter.params, start: ctx.period.start, end: ctx.period.end}
  );
  return {rows, missing: []};
}
