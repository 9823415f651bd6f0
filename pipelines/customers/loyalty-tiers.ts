import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {byAccountChoiceSql} from "../lib/slice-grid.ts";
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
  const rows = await readRows<LoyaltyTierRow>(ctx.connection, loyaltyTiersSql(filter.sql), filter.params);
  return tierResult(rows);
}

/** The rows, or none and a missing `accounts.membership_tier` when the accounts carry neither tiers nor points. */
export function tierResult(rows: LoyaltyTierRow[]): PipelineResult<LoyaltyTierRow> {
  if (rows.length > 0 && rows.every((row) => row.membership_tier === null && row.n_with_points === 0)) {
    return {rows: [], missing: ["accounts.membership_tier"]};
  }
  return {rows, missing: []};
}

/**
 * The SQL of the rows, in order. With `byChoice`, for every filter choice of a grid at once after sliceGridSql's
 * CTEs (pass "true" as the filter), each row with its `choice_index`.
 */
export function loyaltyTiersSql(filterSql: string, byChoice = false): string {
  const scope =
    filterSql === "true"
      ? "true"
      : `a.account_id IN (SELECT f.account_id FROM ${OPPORTUNITY_SCOPE} f WHERE ${filterSql})`;
  const by = byChoice ? "choice_index, " : "";
  return `
WITH scoped AS (
  SELECT ${by}a.account_id, a.membership_tier, a.points
  FROM ${byChoice ? byAccountChoiceSql("accounts") : "accounts"} a
  WHERE ${scope}
),
final AS (
  SELECT ${by}membership_tier,
    count(*)::INTEGER AS n_accounts,
    count(*) / sum(count(*)) OVER (${byChoice ? "PARTITION BY choice_index" : ""}) AS account_rate,
    count(points)::INTEGER AS n_with_points,
    sum(points)::DOUBLE AS points_total,
    avg(points) AS points_mean,
    quantile_cont(points, 0.25) AS points_p25,
    quantile_cont(points, 0.5) AS points_median,
    quantile_cont(points, 0.75) AS points_p75,
    max(points)::DOUBLE AS points_max
  FROM scoped
  GROUP BY ${by}membership_tier
  ORDER BY ${by}points_mean DESC NULLS LAST, membership_tier NULLS LAST
)
SELECT * FROM final`;
}
