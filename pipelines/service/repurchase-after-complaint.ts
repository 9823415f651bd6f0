import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {wilsonInterval} from "../stats/wilson-interval.ts";
import {serviceScope, type ServiceOptions} from "./service-scope.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";

export interface RepurchaseAfterComplaintOptions extends ServiceOptions {
  /** how long after the reference date a new won deal counts as a repeat purchase (12 months) */
  windowMonths: number;
  /** lag from the first won deal to the reference date of customers who never complained; by default
   * the median lag from first won deal to first complaint among those who did */
  referenceLagDays?: number;
}

export interface RepurchaseAfterComplaintRow {
  /** complained: customers with a complaint; no_complaint: customers who never complained */
  group: "complained" | "no_complaint";
  /** customers whose whole window lies before now */
  n_accounts: number;
  /** of them, accounts that won another deal within the window after their reference date */
  n_repurchased: number;
  /** n_repurchased / n_accounts with its 95% Wilson interval; null when no account qualifies */
  repurchase_rate: number | null;
  repurchase_rate_lower: number | null;
  repurchase_rate_upper: number | null;
  /** the lag used for the no_complaint group's reference date, in days (the same in both rows) */
  reference_lag_days: number;
  window_months: number;
}

/**
 * Repeat purchase after a complaint vs without. Customers are accounts with a won deal by now (filters
 * apply to the deals). A customer who complained is followed from its first complaint after its first
 * won deal (reference date); one who never complained from a comparable date: its first won deal's close plus the median
 * lag, among complainers, from their first won deal to their first complaint (or `referenceLagDays`).
 * The rate is the share that won another deal closed within `windowMonths` (12) after the reference
 * date; only customers whose window has ended by now count, so recent ones do not read as lost. Why it
 * matters: it prices a complaint — how much less likely a customer is to buy again — and so how much
 * good complaint handling is worth. It compares groups, it does not prove cause.
 *
 * The period is not used: the comparison needs complete windows, so every customer whose window ended
 * by now is in it. Input: tickets, opportunities. Output grain: two rows, complained then
 * no_complaint. Missing tickets → no rows, missing ["tickets"].
 *
 * @example
 * const {rows} = await repurchaseAfterComplaint(ctx);
 * // [{group: "complained", n_accounts: 40, n_repurchased: 8, repurchase_rate: 0.2, reference_lag_days: 150, …},
 * //  {group: "no_complaint", n_accounts: 250, n_repurchased: 70, repurchase_rate: 0.28, …}]
 */
export async function repurchaseAfterComplaint(
  ctx: PipelineContext,
  options: Partial<RepurchaseAfterComplaintOptions> = {}
): Promise<PipelineResult<RepurchaseAfterComplaintRow>> {
  const windowMonths = options.windowMonths ?? 12;
  if (!Number.isInteger(windowMonths) || windowMonths < 1) throw new Error("windowMonths must be a whole number ≥ 1");
  const lag = options.referenceLagDays;
  if (lag !== undefined && !(lag >= 0)) throw new Error("referenceLagDays must be a number ≥ 0");
  const missing = await missingTables(ctx.connection, ["tickets"]);
  if (missing.length) return {rows: [], missing};
  const scope = serviceScope(ctx.filters, options);
  const sql = `
WITH wins AS (
  SELECT f.account_id, f.closed_at
  FROM ${OPPORTUNITY_SCOPE} f
  WHERE ${scope.filter.sql} AND f.outcome = 'won' AND f.account_id IS NOT NULL AND f.closed_at <= $now::TIMESTAMP
),
customers AS (
  SELECT account_id, min(closed_at) AS first_won_at FROM wins GROUP BY account_id
),
first_complaints AS (
  -- a customer's first complaint once it had bought; an account that only complained before buying is
  -- in neither group
  SELECT c.account_id, min(t.opened_at) FILTER (WHERE t.opened_at >= c.first_won_at) AS first_complaint_at
  FROM customers c JOIN tickets t ON t.account_id = c.account_id
  WHERE ${scope.isComplaint("t.category")} AND t.opened_at <= $now::TIMESTAMP
  GROUP BY c.account_id
),
lag AS (
  -- the typical time from becoming a customer to a first complaint
  SELECT coalesce(CAST($reference_lag_days AS DOUBLE),
      quantile_cont(date_diff('second', c.first_won_at, k.first_complaint_at) / 86400.0, 0.5), 0) AS lag_days
  FROM first_complaints k JOIN customers c ON c.account_id = k.account_id
),
referenced AS (
  SELECT c.account_id,
    CASE WHEN k.account_id IS NULL THEN 'no_complaint' WHEN k.first_complaint_at IS NOT NULL THEN 'complained' END
      AS "group",
    coalesce(k.first_complaint_at,
      c.first_won_at + to_microseconds(CAST(l.lag_days * 86400000000 AS BIGINT))) AS reference_at
  FROM customers c CROSS JOIN lag l LEFT JOIN first_complaints k ON k.account_id = c.account_id
),
observed AS (
  SELECT r.account_id, r."group",
    coalesce(bool_or(w.closed_at > r.reference_at
      AND w.closed_at <= r.reference_at + to_months(CAST($window_months AS INTEGER))), false) AS has_repurchased
  FROM referenced r LEFT JOIN wins w ON w.account_id = r.account_id
  -- only customers whose whole window has passed
  WHERE r."group" IS NOT NULL AND r.reference_at + to_months(CAST($window_months AS INTEGER)) <= $now::TIMESTAMP
  GROUP BY r.account_id, r."group"
),
groups AS (
  SELECT * FROM (VALUES ('complained', 1), ('no_complaint', 2)) g("group", position)
),
final AS (
  SELECT g."group", count(o.account_id)::INTEGER AS n_accounts,
    count(o.account_id) FILTER (WHERE o.has_repurchased)::INTEGER AS n_repurchased,
    (SELECT lag_days FROM lag) AS reference_lag_days
  FROM groups g LEFT JOIN observed o ON o."group" = g."group"
  GROUP BY g."group", g.position
  ORDER BY g.position
)
SELECT * FROM final`;
  const counts = await readRows<
    Pick<RepurchaseAfterComplaintRow, "group" | "n_accounts" | "n_repurchased" | "reference_lag_days">
  >(ctx.connection, sql, {
    now: ctx.now,
    window_months: windowMonths,
    reference_lag_days: lag ?? null,
    ...scope.filterParams,
    ...scope.complaintParams
  });
  const rows = counts.map((row) => {
    const interval = wilsonInterval(row.n_repurchased, row.n_accounts);
    return {
      group: row.group,
      n_accounts: row.n_accounts,
      n_repurchased: row.n_repurchased,
      repurchase_rate: row.n_accounts > 0 ? row.n_repurchased / row.n_accounts : null,
      repurchase_rate_lower: interval?.lower ?? null,
      repurchase_rate_upper: interval?.upper ?? null,
      reference_lag_days: Math.round(row.reference_lag_days * 10) / 10,
      window_months: windowMonths
    };
  });
  return {rows, missing: []};
}
