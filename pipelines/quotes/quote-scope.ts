import type {DuckDBValue} from "@duckdb/node-api";
import {filterCondition} from "../lib/filter-condition.ts";
import {EACH_CHOICE, type ChoiceScope} from "../lib/slice-grid.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import {inReportingCurrencySql} from "../lib/reporting-amounts.ts";

/** Quote statuses as CRMs export them, compared case-insensitively; any other status is still pending. */
export const QUOTE_STATUSES = {
  accepted: ["accepted", "approved", "won", "signed", "已接受", "接受", "已确认", "已成交", "已签约"],
  rejected: ["rejected", "declined", "lost", "已拒绝", "拒绝", "未通过"],
  expired: ["expired", "已过期", "过期", "已失效", "失效"]
} as const;

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

/**
 * The CTE `quoted`: one row per quote of an opportunity in scope (the filters through the opportunity), amounts in
 * the reporting currency only — quotes are not converted, so one in another currency is left out rather than
 * added as it is — with `decision` accepted, rejected, expired or pending, and the opportunity's outcome,
 * close and amount. `final_quotes`: each opportunity's last quote (newest created_at). Scoped to EACH_CHOICE, a
 * quote is one row per choice its opportunity passes, with `choice_index`.
 */
export function quotedSql(scope: ChoiceScope): {sql: string; params: Record<string, DuckDBValue>} {
  const byChoice = scope === EACH_CHOICE;
  const filter = filterCondition(byChoice ? undefined : scope);
  const quotes = `
  SELECT q.quote_id, q.opportunity_id, q.amount::DOUBLE AS amount, q.discount, q.created_at,
    CASE WHEN lower(trim(q.status)) IN (${list(QUOTE_STATUSES.accepted)}) THEN 'accepted'
      WHEN lower(trim(q.status)) IN (${list(QUOTE_STATUSES.rejected)}) THEN 'rejected'
      WHEN lower(trim(q.status)) IN (${list(QUOTE_STATUSES.expired)}) THEN 'expired'
      ELSE 'pending' END AS decision,
    f.outcome, f.closed_at, f.amount::DOUBLE AS opportunity_amount
  FROM quotes q JOIN ${OPPORTUNITY_SCOPE} f ON f.opportunity_id = q.opportunity_id
  WHERE ${filter.sql} AND ${inReportingCurrencySql("q.currency")}
    -- a quote dated after the export is a typing error, not a quote yet
    AND (q.created_at IS NULL OR q.created_at <= $now::TIMESTAMP)`;
  const last =
    "QUALIFY row_number() OVER (PARTITION BY opportunity_id ORDER BY created_at DESC NULLS LAST, quote_id DESC) = 1";
  // an opportunity's last quote does not depend on the choice: found once, then repeated per choice
  const sql = byChoice
    ? `
quotes_once AS (${quotes}
),
quoted AS (
  SELECT m.choice_index, x.* FROM quotes_once x JOIN slice_members m ON m.opportunity_id = x.opportunity_id
),
final_quotes AS (
  SELECT m.choice_index, x.* FROM (SELECT * FROM quotes_once ${last}) x
  JOIN slice_members m ON m.opportunity_id = x.opportunity_id
)`
    : `
quoted AS (${quotes}
),
final_quotes AS (
  SELECT * FROM quoted
  ${last}
)`;
  return {sql, params: filter.params};
}

/** SQL: the opportunity closed in the period and by now (both bound as $period_start, $period_end, $now). */
export const CLOSED_IN_PERIOD = `outcome IN ('won', 'lost') AND closed_at >= $period_start::TIMESTAMP
  AND closed_at < $period_end::TIMESTAMP AND closed_at <= $now::TIMESTAMP`;
