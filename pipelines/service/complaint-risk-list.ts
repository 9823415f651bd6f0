import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {serviceScope, type ServiceOptions} from "./service-scope.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";

export interface ComplaintRiskRow {
  account_id: string;
  /** the account's owner (accounts.owner_rep_id), who should call */
  owner_rep_id: string | null;
  /** complaints opened by now and not resolved at now */
  n_open_complaints: number;
  oldest_complaint_at: string;
  /** days the oldest open complaint has waited, at now */
  days_open: number;
  /** open opportunities of the account (filters apply) and their summed amount */
  n_open_opportunities: number;
  open_amount: number | null;
}

/**
 * The risk list: accounts with an unresolved complaint and an open opportunity at now — a deal in
 * play with an unhappy customer. Why it matters: fixing the complaint is the best sales move left;
 * the owner should hear about it before the negotiation does.
 *
 * A snapshot at now: the period is not used. Filters apply to the open opportunities. Input: tickets
 * (complaint categories, opened by now, resolved_at null or after now), opportunities (outcome
 * open), accounts (owner). Output grain: one row per account, largest open amount first. Missing
 * tickets → no rows, missing ["tickets"].
 *
 * @example
 * const {rows} = await complaintRiskList(ctx);
 * // [{account_id: "A00310", n_open_complaints: 1, days_open: 12.5, n_open_opportunities: 2, open_amount: 820000, …}]
 */
export async function complaintRiskList(
  ctx: PipelineContext,
  options: Partial<ServiceOptions> = {}
): Promise<PipelineResult<ComplaintRiskRow>> {
  const missing = await missingTables(ctx.connection, ["tickets"]);
  if (missing.length) return {rows: [], missing};
  const scope = serviceScope(ctx.filters, options);
  const rows = await readRows<ComplaintRiskRow>(ctx.connection, complaintRiskSql(scope), {
    now: ctx.now,
    ...scope.filterParams,
    ...scope.complaintParams
  });
  return {rows, missing: []};
}

/** The SQL of the rows, in order (per choice: a scope of EACH_CHOICE, the open deals counted per choice). */
export function complaintRiskSql(scope: ReturnType<typeof serviceScope>): string {
  const {by} = scope;
  return `
WITH open_complaints AS (
  SELECT t.account_id, count(*)::INTEGER AS n_open_complaints, min(t.opened_at) AS oldest_complaint_at
  FROM tickets t
  -- a complaint open at now: opened by then, not yet resolved
  WHERE ${scope.isComplaint("t.category")} AND t.account_id IS NOT NULL
    AND t.opened_at <= $now::TIMESTAMP AND (t.resolved_at IS NULL OR t.resolved_at > $now::TIMESTAMP)
  GROUP BY t.account_id
),
open_opportunities AS (
  SELECT ${scope.byChoice ? "m.choice_index, " : ""}f.account_id, count(*)::INTEGER AS n_open_opportunities,
    sum(f.amount)::DOUBLE AS open_amount
  FROM ${OPPORTUNITY_SCOPE} f ${scope.byChoice ? "JOIN slice_members m ON m.opportunity_id = f.opportunity_id" : ""}
  WHERE ${scope.filter.sql} AND f.outcome = 'open' AND f.created_at <= $now::TIMESTAMP
  GROUP BY ALL
),
final AS (
  SELECT ${scope.byChoice ? "o.choice_index, " : ""}c.account_id, a.owner_rep_id, c.n_open_complaints, c.oldest_complaint_at,
    round(date_diff('second', c.oldest_complaint_at, $now::TIMESTAMP) / 86400.0, 1) AS days_open,
    o.n_open_opportunities, o.open_amount
  FROM open_complaints c
  JOIN open_opportunities o ON o.account_id = c.account_id
  LEFT JOIN accounts a ON a.account_id = c.account_id
  ORDER BY ${by}o.open_amount DESC NULLS LAST, c.account_id
)
SELECT * FROM final`;
}
