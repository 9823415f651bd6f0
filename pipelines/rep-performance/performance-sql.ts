import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import {REPORTING_QUOTAS} from "../lib/reporting-amounts.ts";
/** Whom the rows are about: one rep, or one team. */
export type PerformanceLevel = "rep" | "team";

/**
 * The performance query — grain: one row per rep (or team) with an opportunity created or closed in
 * the period, an open opportunity now, or a quota in the period. Raw counts and sums only. Binds
 * $start, $end, $now, $quotas_apply and the filter parameters; `filter` is a condition over
 * `opportunity_rows` / `quota_rows` columns (alias `x`) from filterCondition.
 */
export function performanceSql(level: PerformanceLevel, filter: string): string {
  const key = level === "rep" ? "owner_rep_id" : "team";
  return `
WITH opportunity_rows AS (
  SELECT x.* FROM ${OPPORTUNITY_SCOPE} x
  WHERE ${filter}
),
created AS (
  SELECT opportunity_id, ${key} FROM opportunity_rows
  WHERE created_at >= $start::TIMESTAMP AND created_at < $end::TIMESTAMP
),
created_counts AS (
  SELECT ${key}, count(*) AS count_opportunities FROM created GROUP BY ALL
),
touches AS (
  -- every activity on the opportunities created in the period, whenever it happened
  SELECT c.${key}, count(*) AS count_activities
  FROM activities a JOIN created c ON c.opportunity_id = a.opportunity_id
  GROUP BY ALL
),
closed AS (
  -- win rate is a snapshot rate: deals won or lost in the period, by close date
  SELECT ${key},
    count(*) FILTER (WHERE outcome = 'won') AS count_won,
    count(*) FILTER (WHERE outcome = 'lost') AS count_lost,
    coalesce(sum(amount) FILTER (WHERE outcome = 'won'), 0) AS won_revenue,
    count(*) FILTER (WHERE outcome = 'won' AND amount IS NULL) AS count_won_without_amount,
    median(cycle_days) FILTER (WHERE outcome = 'won') AS median_cycle_days
  FROM opportunity_rows
  WHERE outcome IN ('won', 'lost') AND closed_at >= $start::TIMESTAMP AND closed_at < $end::TIMESTAMP
  GROUP BY ALL
),
open_now AS (
  -- the load a rep carries today: every opportunity still open at the export, whatever the period
  SELECT ${key}, count(*) AS count_open, coalesce(sum(amount), 0) AS open_amount
  FROM opportunity_rows
  WHERE outcome = 'open' AND created_at <= $now::TIMESTAMP
  GROUP BY ALL
),
quota_rows AS (
  -- quotas carry no channel or product: under those filters attainment is not computed ($quotas_apply);
  -- a month cut by the period counts with the share of its days inside the period
  SELECT x.* FROM (
    SELECT q.rep_id AS owner_rep_id, r.team, r.region, NULL::VARCHAR AS source, NULL::VARCHAR AS product,
      (q.quota * date_diff('day', greatest(q.month, $start::DATE), least(q.month_end, $end::DATE))
        / date_diff('day', q.month, q.month_end))::DECIMAL(18, 2) AS quota
    FROM (SELECT rep_id, quota, date_trunc('month', month)::DATE AS month,
            (date_trunc('month', month) + INTERVAL 1 MONTH)::DATE AS month_end FROM ${REPORTING_QUOTAS}) q
    LEFT JOIN reps r ON r.rep_id = q.rep_id
    WHERE $quotas_apply AND q.month < $end::DATE AND q.month_end > $start::DATE
  ) x
  WHERE ${filter}
),
quota_sums AS (
  SELECT ${key}, sum(quota) AS quota FROM quota_rows GROUP BY ALL
),
${performanceTotalsSql(level)}`;
}

/**
 * The end of a performance query: its parts (CTEs created_counts, touches, closed, open_now, quota_sums, each keyed by
 * owner_rep_id or team and by `by`, the grouping columns before the key) summed per row, with the rep's name, team and
 * region for level "rep".
 */
export function performanceTotalsSql(level: PerformanceLevel, by = ""): string {
  const key = level === "rep" ? "owner_rep_id" : "team";
  return `parts AS (
  SELECT * FROM created_counts
  UNION ALL BY NAME SELECT * FROM touches
  UNION ALL BY NAME SELECT * FROM closed
  UNION ALL BY NAME SELECT * FROM open_now
  UNION ALL BY NAME SELECT * FROM quota_sums
),
final AS (
  SELECT ${by}${key},
    coalesce(sum(count_opportunities), 0)::INTEGER AS count_opportunities,
    coalesce(sum(count_activities), 0)::INTEGER AS count_activities,
    coalesce(sum(count_won), 0)::INTEGER AS count_won,
    coalesce(sum(count_lost), 0)::INTEGER AS count_lost,
    coalesce(sum(won_revenue), 0) AS won_revenue,
    coalesce(sum(count_won_without_amount), 0)::INTEGER AS count_won_without_amount,
    max(median_cycle_days) AS median_cycle_days,
    coalesce(sum(count_open), 0)::INTEGER AS count_open,
    coalesce(sum(open_amount), 0) AS open_amount,
    sum(quota) AS quota
  FROM parts
  GROUP BY ALL
)
${
  level === "rep"
    ? `SELECT ${by.replace(/\w+/g, "f.$&")}f.owner_rep_id AS rep_id, r.name AS rep_name, r.team, r.region,
  f.* EXCLUDE (${by}owner_rep_id)
FROM final f LEFT JOIN reps r ON r.rep_id = f.owner_rep_id`
    : `SELECT * FROM final`
}`;
}
