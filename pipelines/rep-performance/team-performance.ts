import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {byRank, type PerformanceMetrics} from "./performance-metrics.ts";
import {readPerformance} from "./read-performance.ts";

/** One row per team (null: opportunities whose owner has no team or is unknown). */
export interface TeamPerformanceRow extends PerformanceMetrics {
  team: string | null;
}

/**
 * Team performance: `repPerformance`'s metrics summed over each team's reps (the team of an
 * opportunity is its owner's team in `reps`): opportunities created, deals won and lost with the
 * win rate, its Wilson interval and the empirical-Bayes shrunk rate that ranks the teams (prior fitted
 * across the teams), won revenue, quota attainment against the sum of the team's quotas, average won
 * deal, median cycle, activities per opportunity and the open pipeline today.
 *
 * Why it matters: managers compare teams before they compare people, and a team total must equal the
 * sum of its reps (the reconciliation test checks it).
 *
 * Input: `opportunities`, `reps`, optional `activities` and `quotas`. Output grain: one row per team,
 * sorted by rank. `missing` names the optional tables that were empty.
 *
 * @example
 * const {rows} = await teamPerformance({connection, period: {start: "2026-01-01", end: "2026-07-01"}, now});
 * // on the sample: [{team: "华南", count_won: 38, win_rate: 0.535, shrunk_win_rate: 0.509, rank: 1,
 * //   quota_attainment_rate: 1.27, …}, …]
 */
export async function teamPerformance(ctx: PipelineContext): Promise<PipelineResult<TeamPerformanceRow>> {
  const {rows, missing} = await readPerformance<{team: string | null}>(ctx, "team");
  return {rows: byRank(rows, (row) => row.team), missing};
}
