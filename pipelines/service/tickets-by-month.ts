import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {serviceScope, type ServiceOptions} from "./service-scope.ts";

export interface TicketsByMonthRow {
  /** first day of the month the tickets were opened in */
  month: string;
  /** complaint, repair, inquiry … as exported (null when not exported) */
  category: string | null;
  is_complaint: boolean;
  n_tickets: number;
  /** of them, resolved by now */
  n_resolved: number;
  /** of them, still unresolved at now */
  n_open: number;
}

/**
 * Service tickets and complaints by category and month: tickets opened in the period (and by now),
 * how many have been resolved and how many are still open at now. A ticket is a complaint when its
 * category is one of `complaintCategories` (complaint, 投诉; case-insensitive). Why it matters: a
 * rising complaint line after a release or a price change is the first sign of churn (docs/method.md §6).
 *
 * Filters narrow to accounts with a matching opportunity. Input: tickets. Output grain: one row per
 * month and category, by month then category. Missing tickets → no rows, missing ["tickets"].
 *
 * @example
 * const {rows} = await ticketsByMonth(ctx);
 * // [{month: "2026-01-01", category: "complaint", is_complaint: true, n_tickets: 4, n_resolved: 4, n_open: 0}, …]
 */
export async function ticketsByMonth(
  ctx: PipelineContext,
  options: Partial<ServiceOptions> = {}
): Promise<PipelineResult<TicketsByMonthRow>> {
  const missing = await missingTables(ctx.connection, ["tickets"]);
  if (missing.length) return {rows: [], missing};
  const scope = serviceScope(ctx.filters, options);
  const rows = await readRows<TicketsByMonthRow>(ctx.connection, ticketsByMonthSql(scope), {
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    now: ctx.now,
    ...scope.filterParams,
    ...scope.complaintParams
  });
  return {rows, missing: []};
}

/** The SQL of the rows, in order (per choice: a scope of EACH_CHOICE). */
export function ticketsByMonthSql(scope: ReturnType<typeof serviceScope>): string {
  const {by} = scope;
  return `
WITH opened AS (
  SELECT ${by}t.category, date_trunc('month', t.opened_at)::DATE AS month,
    t.resolved_at IS NOT NULL AND t.resolved_at <= $now::TIMESTAMP AS is_resolved
  FROM ${scope.tickets} t
  -- opened in the period, and already at now
  WHERE t.opened_at >= $period_start::TIMESTAMP AND t.opened_at < $period_end::TIMESTAMP
    AND t.opened_at <= $now::TIMESTAMP AND ${scope.accountCondition("t.account_id")}
),
final AS (
  SELECT ${by}month, category, coalesce(${scope.isComplaint("category")}, false) AS is_complaint,
    count(*)::INTEGER AS n_tickets,
    count(*) FILTER (WHERE is_resolved)::INTEGER AS n_resolved,
    count(*) FILTER (WHERE NOT is_resolved)::INTEGER AS n_open
  FROM opened
  GROUP BY ${by}month, category
  ORDER BY ${by}month, category NULLS LAST
)
SELECT * FROM final`;
}
