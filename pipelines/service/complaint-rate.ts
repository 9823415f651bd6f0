import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {serviceScope, type ServiceOptions} from "./service-scope.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";

export interface ComplaintRateRow {
  /** complaint tickets opened in the period (and by now) */
  n_complaints: number;
  /** distinct accounts that opened them */
  n_accounts_complaining: number;
  /** the day activity is measured at: the earlier of the period's end and now */
  active_at: string;
  /** accounts with a won deal in the 12 months before active_at, or an opportunity open at active_at */
  n_active_accounts: number;
  /** n_complaints / n_active_accounts × 100; null without active accounts */
  complaints_per_100_active: number | null;
}

/**
 * Complaint rate per 100 active customers: complaints opened in the period × 100 / active accounts,
 * where an account is active when, at active_at (the earlier of the period's end and now), it won a
 * deal in the trailing 12 months or has an opportunity open (created before active_at, not closed by
 * then). Every complaint in the period counts, whether or not its account is active. Why it matters:
 * the raw number of complaints grows with the customer base; per 100 active customers it can be
 * compared across periods and teams.
 *
 * Filters apply to the opportunities that make an account active and narrow complaints to accounts
 * with a matching opportunity. Input: tickets, opportunities. Output grain: one row. Missing
 * tickets → no rows, missing ["tickets"].
 *
 * @example
 * const {rows} = await complaintRate(ctx);
 * // [{n_complaints: 20, n_accounts_complaining: 19, active_at: "2026-11-20", n_active_accounts: 400, complaints_per_100_active: 5}]
 */
export async function complaintRate(
  ctx: PipelineContext,
  options: Partial<ServiceOptions> = {}
): Promise<PipelineResult<ComplaintRateRow>> {
  const missing = await missingTables(ctx.connection, ["tickets"]);
  if (missing.length) return {rows: [], missing};
  const scope = serviceScope(ctx.filters, options);
  const [counts] = await readRows<ComplaintCounts>(ctx.connection, complaintRateSql(scope), {
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    now: ctx.now,
    ...scope.filterParams,
    ...scope.complaintParams
  });
  return {rows: [complaintRateRow(counts)], missing: []};
}

export type ComplaintCounts = Omit<ComplaintRateRow, "complaints_per_100_active">;

/** Complaints per 100 active accounts of the counts. */
export function complaintRateRow(counts: ComplaintCounts): ComplaintRateRow {
  const rate = counts.n_active_accounts > 0 ? (counts.n_complaints * 100) / counts.n_active_accounts : null;
  return {...counts, complaints_per_100_active: rate};
}

/** The SQL of the counts: one row, or one per choice (a scope of EACH_CHOICE). */
export function complaintRateSql(scope: ReturnType<typeof serviceScope>): string {
  const {by} = scope;
  return `
WITH clock AS (
  SELECT least($period_end::TIMESTAMP, $now::TIMESTAMP) AS active_at
),
complaints AS (
  SELECT ${by}t.account_id
  FROM ${scope.tickets} t
  WHERE ${scope.isComplaint("t.category")}
    AND t.opened_at >= $period_start::TIMESTAMP AND t.opened_at < $period_end::TIMESTAMP
    AND t.opened_at <= $now::TIMESTAMP AND ${scope.accountCondition("t.account_id")}
),
active AS (
  SELECT DISTINCT ${scope.byChoice ? "m.choice_index, " : ""}f.account_id
  FROM ${OPPORTUNITY_SCOPE} f ${scope.byChoice ? "JOIN slice_members m ON m.opportunity_id = f.opportunity_id" : ""}, clock c
  WHERE ${scope.filter.sql} AND f.account_id IS NOT NULL AND (
    -- bought in the trailing 12 months
    (f.outcome = 'won' AND f.closed_at < c.active_at AND f.closed_at >= c.active_at - INTERVAL 12 MONTH)
    -- or in a sales conversation at that moment
    OR (f.created_at < c.active_at AND (f.outcome = 'open' OR f.closed_at >= c.active_at))
  )
),
final AS (${
    scope.byChoice
      ? `
  SELECT sc.choice_index, coalesce(cp.n_complaints, 0)::INTEGER AS n_complaints,
    coalesce(cp.n_accounts, 0)::INTEGER AS n_accounts_complaining, (SELECT active_at::DATE FROM clock) AS active_at,
    coalesce(ac.n_accounts, 0)::INTEGER AS n_active_accounts
  FROM slice_choices sc
  LEFT JOIN (SELECT choice_index, count(*) AS n_complaints, count(DISTINCT account_id) AS n_accounts
    FROM complaints GROUP BY choice_index) cp ON cp.choice_index = sc.choice_index
  LEFT JOIN (SELECT choice_index, count(*) AS n_accounts FROM active GROUP BY choice_index) ac
    ON ac.choice_index = sc.choice_index`
      : `
  SELECT
    (SELECT count(*) FROM complaints)::INTEGER AS n_complaints,
    (SELECT count(DISTINCT account_id) FROM complaints)::INTEGER AS n_accounts_complaining,
    (SELECT active_at::DATE FROM clock) AS active_at,
    (SELECT count(*) FROM active)::INTEGER AS n_active_accounts`
  }
)
SELECT * FROM final`;
}
