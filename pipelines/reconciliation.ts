import {channelQuality} from "./channel-quality.ts";
import type {PipelineContext, PipelineResult} from "./lib/context.ts";
import type {GlossaryEntry} from "./lib/glossary-entry.ts";
import {monthlyWonRevenue} from "./reconciliation/monthly-won-revenue.ts";
import {repPerformance, teamPerformance} from "./rep-performance.ts";

export {
  monthlyWonRevenue,
  monthlyWonRevenueByRep,
  type MonthlyWonRevenueByRepRow,
  type MonthlyWonRevenueRow
} from "./reconciliation/monthly-won-revenue.ts";

/** One row per breakdown of the period's won revenue. */
export interface ReconciliationRow {
  breakdown: "channel" | "rep" | "team" | "month";
  /** the pipeline whose rows were summed */
  pipeline: string;
  /** rows summed (channels, reps, teams, months) */
  count_groups: number;
  /** Σ won_revenue over those rows, rounded to cents */
  won_revenue: number;
  /** won_revenue minus the by-month total, in cents precision; 0 when the breakdown reconciles */
  difference: number;
}

const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * Reconciliation of won revenue: the period's won revenue summed four ways — by channel
 * (`channelQuality`, one bucket for the period), by rep (`repPerformance`), by team (`teamPerformance`)
 * and by month (`monthlyWonRevenue`) — with each total's difference from the month series. Every
 * breakdown keeps its "unknown" group (no source, no owner, no team), so all four must agree to the
 * cent.
 *
 * Why it matters: an executive who adds up the channel page and the rep page must get the same number;
 * a difference means a pipeline drops or double-counts deals (a join fanning out, a filter on a
 * nullable column, a close date read in another time zone).
 *
 * Input: the warehouse, period and filters of the context. Output grain: one row per breakdown.
 *
 * @example
 * const {rows} = await reconcileWonRevenue({connection, period: {start: "2026-04-01", end: "2026-07-01"}, now});
 * // on the sample: [{breakdown: "channel", pipeline: "channelQuality", count_groups: 8, won_revenue: 15323000,
 * //   difference: 0}, {breakdown: "rep", …, won_revenue: 15323000, difference: 0}, …]
 */
export async function reconcileWonRevenue(ctx: PipelineContext): Promise<PipelineResult<ReconciliationRow>> {
  // one after the other: the pipelines share one connection
  const channels = await channelQuality(ctx, {interval: "period", duplicates: false});
  const reps = await repPerformance(ctx);
  const teams = await teamPerformance(ctx);
  const months = await monthlyWonRevenue(ctx);
  const sum = (rows: {won_revenue: number}[]) => cents(rows.reduce((total, row) => total + row.won_revenue, 0));
  const reference = sum(months.rows);
  const row = (breakdown: ReconciliationRow["breakdown"], pipeline: string, rows: {won_revenue: number}[]) => ({
    breakdown,
    pipeline,
    count_groups: rows.length,
    won_revenue: sum(rows),
    difference: cents(sum(rows) - reference)
  });
  return {
    rows: [
      row("channel", "channelQuality", channels.rows),
      row("rep", "repPerformance", reps.rows),
      row("team", "teamPerformance", teams.rows),
      row("month", "monthlyWonRevenue", months.rows)
    ],
    missing: []
  };
}

/** The figures of this module, for the glossary page. */
export const glossary: GlossaryEntry[] = [
  {
    metric: "won_revenue (by month)",
    title: "Won revenue by month",
    title_zh: "月度赢单金额",
    definition: "Σ amount of the opportunities won with a close date (UTC) in the calendar month.",
    grain: "one row per month",
    pipeline: "monthlyWonRevenue"
  },
  {
    metric: "difference",
    title: "Reconciliation difference",
    title_zh: "对账差异",
    definition:
      "The period's won revenue summed by channel, rep, team or month, minus the by-month total; 0 when the " +
      "breakdowns agree to the cent.",
    grain: "one row per breakdown (channel, rep, team, month)",
    pipeline: "reconcileWonRevenue"
  }
];
