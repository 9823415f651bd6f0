import type {PipelineContext, PipelineResult} from "./lib/context.ts";
import {byRank, type PerformanceMetrics} from "./rep-performance/performance-metrics.ts";
import {readPerformance} from "./rep-performance/read-performance.ts";

export {repPerformanceGlossary as glossary} from "./rep-performance/rep-performance-glossary.ts";
export {teamPerformance, type TeamPerformanceRow} from "./rep-performance/team-performance.ts";
export {repSegmentWinRates, type RepSegmentRow, type Segment} from "./rep-performance/rep-segment-win-rates.ts";
export type {PerformanceMetrics} from "./rep-performance/performance-metrics.ts";

/** One row per rep (rep_id null: opportunities without an owner). */
export interface RepPerformanceRow extends PerformanceMetrics {
  rep_id: string | null;
  rep_name: string | null;
  team: string | null;
  region: string | null;
}

/**
 * Rep performance, per rep over the period:
 *
 * - opportunities created in the period; deals won and lost with a close date in the period, the win
 *   rate won / (won + lost) with its 95 % Wilson interval, and the empirical-Bayes shrunk win rate
 *   (beta-binomial, prior fitted across the reps of the result by the method of moments) that orders
 *   the `rank` — so a rep with 2 of 2 does not top a rep with 80 of 120;
 * - won revenue Σ amount; quota attainment = won revenue / Σ quota of the period's months (a month cut
 *   by the period pro rata of its days; null without quotas, or under a channel or product filter, as
 *   quotas are not split by channel or product); average won deal; median sales cycle of the deals won
 *   (closed_at − created_at, days);
 * - activities per opportunity: all activities logged on the opportunities created in the period,
 *   divided by their number (null without an activities export);
 * - open-pipeline load: opportunities open now (at the export, `ctx.now`) and their amount, whatever
 *   the period.
 *
 * Why it matters: coaching and allocation follow who wins, how fast and with how much effort; the
 * interval says when a difference is noise, the shrunk rate keeps small samples from topping the list.
 *
 * Input: `opportunities`, `reps`, optional `activities` and `quotas`; filters narrow the opportunities
 * (team, region, channel, rep, product). Output grain: one row per rep with an opportunity created or
 * closed in the period, open now, or a quota in the period; sorted by rank. `missing` names the
 * optional tables that were empty (their columns are null).
 *
 * @example
 * const {rows} = await repPerformance({connection, period: {start: "2026-01-01", end: "2026-07-01"}, now});
 * // on the sample: [{rep_id: "R004", count_won: 23, count_lost: 15, win_rate: 0.605, win_rate_lower: 0.447,
 * //   shrunk_win_rate: 0.546, rank: 1, quota_attainment_rate: 1.43, activities_per_opportunity: 9.9, …}, …]
 */
export async function repPerformance(ctx: PipelineContext): Promise<PipelineResult<RepPerformanceRow>> {
  const {rows, missing} = await readPerformance<{
    rep_id: string | null;
    rep_name: string | null;
    team: string | null;
    region: string | null;
  }>(ctx, "rep");
  return {rows: byRank(rows, (row) => row.rep_id), missing};
}
