import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {toDateEnd} from "../lib/to-date-end.ts";

/** The sales cycle of the deals won in the period — grain: one row. */
export interface SalesCycleRow {
  /** won opportunities closed in the period */
  count_won: number;
  mean_days: number | null;
  /** quantiles of closed_at − created_at in days (linear interpolation, R's type 7); null with no won deal */
  median_days: number | null;
  p75_days: number | null;
  p90_days: number | null;
}

/**
 * Sales cycle: days from creation to close (closed_at − created_at) of the opportunities won in the period,
 * as mean, median, p75 and p90.
 *
 * Why: the cycle sets how far ahead the pipeline must be built and feeds sales velocity; the median and
 * upper quantiles say more than the mean, which a few year-long deals pull up. Every won deal has finished
 * its cycle, so nothing is censored here; quantiles interpolate linearly between order statistics
 * (DuckDB quantile_cont = R quantile(type = 7)).
 *
 * Input: filtered won opportunities closed in the period (by the end of now's day). Output grain: one row.
 *
 * @example
 * const {rows} = await salesCycle({connection, period: {start: "2025-01-01", end: "2026-01-01"}, now});
 * // [{count_won: 203, mean_days: 52.3, median_days: 44.1, p75_days: 66.0, p90_days: 98.5}]
 */
export async function salesCycle(ctx: PipelineContext): Promise<PipelineResult<SalesCycleRow>> {
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const rows = await readRows<SalesCycleRow>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     won AS (
       SELECT f.cycle_days FROM opportunity_scope f
       -- won in the period, as far as we know by the end of now's day
       WHERE f.outcome = 'won' AND f.closed_at >= CAST($period_start AS TIMESTAMP)
         AND f.closed_at < CAST($period_end AS TIMESTAMP) AND f.closed_at < CAST($to_date_end AS TIMESTAMP) AND ${filter}
     ),
     final AS (
       SELECT count(*)::INTEGER AS count_won,
         round(avg(cycle_days), 2) AS mean_days,
         round(quantile_cont(cycle_days, 0.5), 2) AS median_days,
         round(quantile_cont(cycle_days, 0.75), 2) AS p75_days,
         round(quantile_cont(cycle_days, 0.9), 2) AS p90_days
       FROM won
     )
     SELECT * FROM final`,
    {...params, period_start: ctx.period.start, period_end: ctx.period.end, to_date_end: toDateEnd(ctx.now)}
  );
  return {rows, missing: []};
}
