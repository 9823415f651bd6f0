import type {DuckDBValue} from "@duckdb/node-api";
import {filterCondition} from "../lib/filter-condition.ts";
import {byOpportunityChoiceSql, EACH_CHOICE, type ChoiceScope} from "../lib/slice-grid.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import {inReportingCurrencySql} from "../lib/reporting-amounts.ts";

/** Contract statuses that mean the contract will not be paid, compared case-insensitively. */
export const CANCELLED_STATUSES: readonly string[] = [
  "cancelled",
  "canceled",
  "terminated",
  "void",
  "已取消",
  "取消",
  "作废",
  "已作废",
  "终止",
  "已终止"
];

/**
 * The CTEs every collections metric starts from, as of the day `$as_of` (a DATE parameter):
 *
 * - `contract_scope` — one row per contract signed by `$as_of` that is not cancelled, matches the filters (through
 *   its opportunity; every contract when no filter is set) and is in the reporting currency — amounts are not
 *   converted, so a contract in another currency is left out rather than added as it is. Its owner is the
 *   opportunity's owner, else the account's.
 * - `instalments` — one row per instalment of the payment plan, `outstanding_amount` what is still unpaid at `$as_of`.
 *   A contract without a payment plan is one instalment: its amount, due at `due_at`, paid by `paid_amount` (which has
 *   no date, so it counts as received whatever the day). Receipts are applied to a contract's earliest instalments
 *   first, so a payment before its due date, or a receipt with no plan line, pays the next instalment due.
 *
 * Scoped to EACH_CHOICE, `contract_scope` holds a contract once per choice it counts in, with `choice_index` (under
 * "all" every contract, under a filter those whose opportunity passes it); `instalments`, which do not depend on
 * the choice, hold each contract once.
 */
export function receivablesSql(scope: ChoiceScope): {sql: string; params: Record<string, DuckDBValue>} {
  const byChoice = scope === EACH_CHOICE;
  const filter = filterCondition(byChoice ? undefined : scope);
  const cancelled = CANCELLED_STATUSES.map((s) => `'${s}'`).join(", ");
  const base = byChoice ? "contracts_once" : "contract_scope";
  const sql = `
${base} AS (
  SELECT c.contract_id, c.opportunity_id, c.account_id, c.amount, c.signed_at, c.paid_amount, c.due_at,
    coalesce(f.owner_rep_id, a.owner_rep_id) AS owner_rep_id,
    EXISTS (SELECT 1 FROM payments p WHERE p.contract_id = c.contract_id) AS has_plan
  FROM contracts c
  LEFT JOIN ${OPPORTUNITY_SCOPE} f ON f.opportunity_id = c.opportunity_id
  LEFT JOIN accounts a ON a.account_id = c.account_id
  -- a cancelled contract is neither business signed nor money owed
  WHERE NOT coalesce(lower(trim(c.status)) IN (${cancelled}), false)
    AND (c.signed_at IS NULL OR c.signed_at <= $as_of::DATE)
    AND ${inReportingCurrencySql("c.currency")}
    AND ${filter.sql === "true" ? "true" : `f.opportunity_id IS NOT NULL AND ${filter.sql}`}
),
${
  byChoice
    ? `contract_scope AS (
  SELECT * FROM ${byOpportunityChoiceSql("contracts_once")}
),`
    : ""
}
plan_lines AS (
  SELECT p.contract_id, p.payment_id, p.planned_at, p.planned_amount
  FROM payments p JOIN ${base} c ON c.contract_id = p.contract_id
  WHERE p.planned_amount IS NOT NULL
  UNION ALL
  SELECT contract_id, NULL, due_at, amount FROM ${base} WHERE NOT has_plan AND amount IS NOT NULL
),
received_total AS (
  SELECT c.contract_id,
    CASE WHEN c.has_plan
      THEN (SELECT coalesce(sum(p.received_amount), 0) FROM payments p
            WHERE p.contract_id = c.contract_id AND p.received_at <= $as_of::DATE)
      ELSE coalesce(c.paid_amount, 0) END AS received_amount
  FROM ${base} c
),
cumulative AS (
  SELECT l.*, coalesce(r.received_amount, 0) AS received_total,
    sum(l.planned_amount) OVER (PARTITION BY l.contract_id ORDER BY l.planned_at NULLS LAST, l.payment_id
      ROWS UNBOUNDED PRECEDING) AS planned_through
  FROM plan_lines l LEFT JOIN received_total r ON r.contract_id = l.contract_id
),
instalments AS (
  SELECT contract_id, payment_id, planned_at, planned_amount::DOUBLE AS planned_amount,
    (planned_amount - least(planned_amount, greatest(received_total - (planned_through - planned_amount), 0)))::DOUBLE
      AS outstanding_amount
  FROM cumulative
)`;
  return {sql, params: filter.params};
}
