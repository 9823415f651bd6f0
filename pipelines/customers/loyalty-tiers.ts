import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";

export interface LoyaltyTierRow {
  /** the tier as exported (普通, 银卡, 金卡 …); null for accounts without one */
  membership_tier: string | null;
  n_accounts: number;
  /** n_accounts / accounts in scope, 0–1 */
  account_rate: number;
  /** accounts of the tier with points exported */
  n_with_points: number;
  points_total: number | null;
  points_mean: number | null;
  /** quartiles and maximum of the points (linear interpolation, R's type 7) */
  points_p25: number | null;
  points_median: number | null;
  points_p75: number | null;
  points_max: number | null;
}

/**
 * Loyalty (docs/method.md §6: membership, points) where the CRM exports it: accounts per membership tier and
 * the distribution of their points (total, mean, quartiles, maximum). Why it matters: a programme whose
 * points pile up in the top tier, or whose tiers are all but empty, is not changing behaviour.
 *
 * The state as exported: the period is not used; filters narrow to accounts with a matching
 * opportunity. Input: accounts (membership_tier, points). Output grain: one row per tier, highest mean
 * points first. Missing accounts → no rows, missing ["accounts"]; accounts exported without any tier
 * or points → no rows, missing ["accounts.membership_tier"] (the export lacks the columns).
 *
 * @example
 * const {rows} = await loyaltyTiers(ctx);
 * // [{membership_tier: "钻石", n_accounts: 1, points_mean: 47830, …}, {membership_tier: "金卡", n_accounts: 39, …}, …]
 */
export async function loyaltyTiers(ctx: PipelineContext): Promise<PipelineResult<LoyaltyTierRow>> {
  const missing = await missingTables(ctx.connection, ["accounts"]);
  if (missing.length) return {rows: [], missing};
  const filter = filterCondition(ctx.filters);
  const scope =
    filter.sql === "true"
      ? "true"
      : `a.account_id IN (SELECT f.account_id FROM ${OPPORTUNITY_SCOPE} f WHERE ${filter.sql})`;
  const sql = `
WITH scoped AS (
  SELECT a.account_id, a.membership_tier, a.points
  FROM accounts a
  WHERE ${scope}
),
final AS (
  SELECT membership_tier,
    count(*)::INTEGER AS n_accounts,
    count(*) / sum(count(*)) OVER () AS account_rate,
    count(points)::INTEGER AS n_with_points,
    sum(points)::DOUBLE AS points_total,
    avg(points) AS points_mean,
    quantile_cont(points, 0.25) AS points_p25,
    quantile_cont(points, 0.5) AS points_median,
    quantile_cont(points, 0.75) AS points_p75,
    max(points)::DOUBLE AS points_max
  FROM scoped
  GROUP BY membership_tier
  ORDER BY points_mean DESC NULLS LAST, membership_tier NULLS LAST
)
SELECT * FROM final`;
  const rows = await readRows<LoyaltyTierRow>(ctx.connection, sql, filter.params);
  if (rows.length > 0 && rows.every((row) => row.membership_tier === null && row.n_with_points === 0)) {
    return {rows: [], missing: ["accounts.membership_tier"]};
  }
  return {rows, missing: []};
}
