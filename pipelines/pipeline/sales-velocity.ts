import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {ensureStageEntries} from "../lib/stage-entries.ts";
import {openAsOfSql} from "./pipeline-as-of.ts";
import {round2} from "./weighted-pipeline.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {toDateEnd} from "../lib/to-date-end.ts";

/** Sales velocity over the period — grain: one row per currency. */
export interface SalesVelocityRow {
  /** when the open opportunities are counted: the period end, or now if that is earlier */
  as_of: string;
  currency: string | null;
  /** opportunities open at as_of */
  count_open: number;
  /** won and lost among the opportunities closed in the period (by the end of now's day) */
  count_won: number;
  count_lost: number;
  /** won / (won + lost), 0–1 */
  win_rate: number | null;
  /** mean amount of the deals won in the period */
  avg_won_amount: number | null;
  /** mean sales cycle (closed_at − created_at) of the deals won in the period, days */
  avg_cycle_days: number | null;
  /** count_open × avg_won_amount × win_rate / avg_cycle_days: revenue the pipeline yields per day */
  velocity_per_day: number | null;
}

/**
 * Sales velocity = open opportunities × average won deal × win rate / average sales cycle (days): the
 * revenue per day the current pipeline yields if deals keep converting as they did.
 *
 * Why: it folds the four levers a sales team has (more deals, bigger deals, better win rate, shorter
 * cycle) into one number, so the effect of each is comparable (+10 % win rate = +10 % velocity).
 *
 * Window: the win rate, the average won deal and the average cycle come from the opportunities closed in
 * the period (by the end of now's day); the open opportunities are counted at the period end (or now, if
 * the period has not ended) as pipelineAsOf reconstructs them. Input: filtered opportunities. Output grain:
 * one row per currency; velocity is null when nothing was won or lost in the period.
 *
 * @example
 * const {rows} = await salesVelocity({connection, period: {start: "2025-11-20", end: "2026-11-20"}, now});
 * // [{count_open: 130, avg_won_amount: 310_000, win_rate: 0.41, avg_cycle_days: 58, velocity_per_day: 284_000, …}]
 */
export async function salesVelocity(ctx: PipelineContext): Promise<PipelineResult<SalesVelocityRow>> {
  await ensureStageEntries(ctx.connection);
  const asOf = velocityAsOf(ctx.period, ctx.now);
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const sums = await readRows<VelocitySums>(ctx.connection, salesVelocitySql(filter), {
    ...params,
    as_of: asOf,
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    to_date_end: toDateEnd(ctx.now)
  });
  return {rows: sums.map(velocityRow), missing: await missingTables(ctx.connection, ["stage_history"])};
}

/** What salesVelocitySql sums per currency, before the rates. */
export type VelocitySums = Omit<SalesVelocityRow, "win_rate" | "velocity_per_day">;

/** The day the open opportunities are counted on: the period end, or now if that is earlier (bound as $as_of). */
export function velocityAsOf(period: {end: string}, now: string): string {
  return Date.parse(period.end) < Date.parse(now) ? period.end : now;
}

/**
 * The SQL of the sums per currency, in order. With `byChoice`, for every filter choice of a grid at once after
 * sliceGridSql's CTEs (pass "true" as the filter): the stage at as_of is found once per opportunity, then counted
 * per choice, each row with its `choice_index`.
 */
export function salesVelocitySql(filter: string, byChoice = false): string {
  const by = byChoice ? "choice_index, " : "";
  const members = (alias: string) =>
    byChoice ? `JOIN slice_members m ON m.opportunity_id = ${alias}.opportunity_id` : "";
  return `WITH open_then AS (${openAsOfSql(filter, {withAmounts: false})}),
     open_counts AS (
       SELECT ${byChoice ? "m.choice_index, " : ""}o.currency, count(*)::INTEGER AS count_open
       FROM open_then o ${members("o")} GROUP BY ALL
     ),
     closed AS (
       -- decided in the period, as far as we know by the end of now's day
       SELECT ${byChoice ? "m.choice_index, " : ""}f.currency,
         count(*) FILTER (WHERE f.outcome = 'won')::INTEGER AS count_won,
         count(*) FILTER (WHERE f.outcome = 'lost')::INTEGER AS count_lost,
         avg(f.amount) FILTER (WHERE f.outcome = 'won')::DOUBLE AS avg_won_amount,
         avg(f.cycle_days) FILTER (WHERE f.outcome = 'won') AS avg_cycle_days
       FROM (${OPPORTUNITY_SCOPE_SQL}) f ${members("f")}
       WHERE f.outcome IN ('won', 'lost') AND f.closed_at >= CAST($period_start AS TIMESTAMP)
         AND f.closed_at < CAST($period_end AS TIMESTAMP) AND f.closed_at < CAST($to_date_end AS TIMESTAMP) AND ${filter}
       GROUP BY ALL
     ),
     final AS (
       SELECT ${byChoice ? "coalesce(o.choice_index, c.choice_index) AS choice_index, " : ""}
         CAST($as_of AS TIMESTAMP) AS as_of, coalesce(o.currency, c.currency) AS currency,
         coalesce(o.count_open, 0) AS count_open, coalesce(c.count_won, 0) AS count_won,
         coalesce(c.count_lost, 0) AS count_lost, c.avg_won_amount, c.avg_cycle_days
       FROM open_counts o FULL JOIN closed c ON c.currency IS NOT DISTINCT FROM o.currency
         ${byChoice ? "AND c.choice_index = o.choice_index" : ""}
     )
     SELECT * FROM final ORDER BY ${by}currency NULLS LAST`;
}

/** The win rate and velocity of one currency's sums. */
export function velocityRow(row: VelocitySums): SalesVelocityRow {
  const decided = row.count_won + row.count_lost;
  const winRate = decided ? row.count_won / decided : null;
  const velocity =
    winRate !== null && row.avg_won_amount !== null && row.avg_cycle_days
      ? (row.count_open * row.avg_won_amount * winRate) / row.avg_cycle_days
      : null;
  return {
    ...row,
    avg_won_amount: row.avg_won_amount === null ? null : round2(row.avg_won_amount),
    avg_cycle_days: row.avg_cycle_days === null ? null : Math.round(row.avg_cycle_days * 100) / 100,
    win_rate: winRate,
    velocity_per_day: velocity === null ? null : round2(velocity)
  };
}
