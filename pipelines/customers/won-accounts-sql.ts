import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";

/**
 * SQL for the accounts that bought in the period — grain: one row per account with a won opportunity
 * closed in the period (and by now) — as CTEs ending in `won_accounts`, with RFM scores in `rfm`.
 * Parameters: period_start, period_end, now and the filter's.
 *
 * Scores are quintiles that keep ties together: score = min(5, 1 + ⌊5 · percent_rank⌋), ranking
 * recency from the oldest purchase (score 1) to the latest (5), frequency and monetary from the least
 * (1) to the most (5). percent_rank = (rank − 1) / (n − 1), so accounts with the same value share the
 * lower score, and a lone account scores 1.
 *
 * `byChoice`: for every filter choice of a grid at once, after sliceGridSql's CTEs (pass "true" as the filter);
 * every CTE then carries `choice_index`, and an account is scored among the accounts of its choice.
 */
export function wonAccountsSql(filterSql: string, byChoice = false): string {
  const by = byChoice ? "choice_index, " : "";
  const within = byChoice ? "PARTITION BY choice_index " : "";
  return `
WITH won AS (
  SELECT ${byChoice ? "m.choice_index, " : ""}f.account_id, f.amount, f.closed_at
  FROM ${OPPORTUNITY_SCOPE} f
  ${byChoice ? "JOIN slice_members m ON m.opportunity_id = f.opportunity_id" : ""}
  -- purchases: won deals closed in the period that have happened at now, of a known account
  WHERE ${filterSql} AND f.outcome = 'won' AND f.account_id IS NOT NULL
    AND f.closed_at >= $period_start::TIMESTAMP AND f.closed_at < $period_end::TIMESTAMP
    AND f.closed_at <= $now::TIMESTAMP
),
won_accounts AS (
  SELECT ${by}account_id,
    count(*)::INTEGER AS frequency,
    coalesce(sum(amount), 0)::DOUBLE AS monetary,
    min(closed_at) AS first_won_at,
    max(closed_at) AS last_won_at,
    date_diff('day', max(closed_at)::DATE, $now::TIMESTAMP::DATE)::INTEGER AS recency_days
  FROM won
  GROUP BY ${by}account_id
),
ranked AS (
  SELECT *,
    least(5, 1 + floor(5 * percent_rank() OVER (${within}ORDER BY recency_days DESC)))::INTEGER AS r_score,
    least(5, 1 + floor(5 * percent_rank() OVER (${within}ORDER BY frequency)))::INTEGER AS f_score,
    least(5, 1 + floor(5 * percent_rank() OVER (${within}ORDER BY monetary)))::INTEGER AS m_score
  FROM won_accounts
),
rfm AS (
  SELECT *,
    r_score::VARCHAR || f_score::VARCHAR || m_score::VARCHAR AS rfm_score,
    CASE WHEN r_score >= 4 AND f_score >= 4 THEN 'champions'
         WHEN r_score >= 3 AND f_score >= 3 THEN 'loyal'
         WHEN r_score >= 4 AND frequency = 1 THEN 'new'
         WHEN r_score >= 3 THEN 'promising'
         WHEN f_score >= 3 THEN 'at_risk'
         WHEN r_score = 2 THEN 'hibernating'
         ELSE 'lost' END AS rfm_segment
  FROM ranked
)`;
}
