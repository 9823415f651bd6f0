import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";

export type PlanScope = "created" | "closed";

const SCOPES: Record<PlanScope, string> = {
  // whether the plan was followed is a question about the opportunities created in the period
  created: "f.created_at >= $period_start::TIMESTAMP AND f.created_at < $period_end::TIMESTAMP",
  // win rates are about the opportunities won or lost in the period (the metric contract's win rate)
  closed: `f.outcome IN ('won', 'lost') AND f.closed_at >= $period_start::TIMESTAMP
    AND f.closed_at < $period_end::TIMESTAMP`
};

/**
 * SQL for the follow-up plan's three steps — grain: one row per opportunity in scope — as CTEs ending
 * in `plan`; callers append their own `final`. Parameters: those of followUpParams plus the filter's.
 *
 * - first contact: the earliest activity that is not material_sent;
 * - materials: the first material_sent after the first contact;
 * - second contact: the next activity that is not material_sent after the materials.
 *
 * Each step is on_time, early (materials or second contact before the window opens), late, missing
 * (never happened although its window has closed, or the opportunity closed without it), or pending
 * (an open opportunity whose window is still open at now). A step is not evaluated (NULL) when the
 * step before it never happened. plan_status: compliant (all three on time), not_compliant (a step is
 * early, late or missing; failed_step names the first such step) or pending.
 */

export function planStepsSql(scope: PlanScope, filterSql: string): string {
  return `
WITH scoped AS (
  SELECT f.opportunity_id, f.account_id, f.owner_rep_id, f.rep_name, f.team, f.source, f.stage, f.outcome,
    f.amount, f.currency, f.created_at, f.closed_at
  FROM ${OPPORTUNITY_SCOPE} f
  WHERE ${filterSql} AND ${SCOPES[scope]}
),
touch_lists AS (
  -- one pass over the activities of the opportunities in scope: contact and materials times as lists
  SELECT a.opportunity_id,
    list(a.occurred_at) FILTER (WHERE a.type IS DISTINCT FROM 'material_sent') AS contacts,
    list(a.occurred_at) FILTER (WHERE a.type = 'material_sent') AS materials
  FROM activities a
  WHERE a.opportunity_id IN (SELECT opportunity_id FROM scoped)
  GROUP BY a.opportunity_id
),
first_contacts AS (
  SELECT *, list_min(contacts) AS first_contact_at FROM touch_lists
),
with_materials AS (
  -- materials count only once a contact has been made
  SELECT *, list_min(list_filter(materials, t -> t > first_contact_at)) AS materials_at FROM first_contacts
),
with_second AS (
  SELECT opportunity_id, first_contact_at, materials_at,
    list_min(list_filter(contacts, t -> t > materials_at)) AS second_contact_at
  FROM with_materials
),
steps AS (
  SELECT s.*, w.first_contact_at, w.materials_at, w.second_contact_at,
    date_diff('second', s.created_at, w.first_contact_at) / 3600.0 AS first_contact_hours,
    date_diff('second', w.first_contact_at, w.materials_at) / 86400.0 AS materials_days,
    date_diff('second', w.materials_at, w.second_contact_at) / 86400.0 AS second_contact_days,
    -- how long each pending window has been open at now, to tell "pending" from "missing"
    date_diff('second', s.created_at, $now::TIMESTAMP) / 3600.0 AS hours_since_created,
    date_diff('second', w.first_contact_at, $now::TIMESTAMP) / 86400.0 AS days_since_first_contact,
    date_diff('second', w.materials_at, $now::TIMESTAMP) / 86400.0 AS days_since_materials,
    s.outcome = 'open' AS is_open
  FROM scoped s
  LEFT JOIN with_second w ON w.opportunity_id = s.opportunity_id
),
statuses AS (
  SELECT *,
    CASE WHEN first_contact_at IS NULL THEN
           CASE WHEN is_open AND hours_since_created <= $first_contact_hours THEN 'pending' ELSE 'missing' END
         WHEN first_contact_hours <= $first_contact_hours THEN 'on_time'
         ELSE 'late' END AS first_contact_status,
    CASE WHEN first_contact_at IS NULL THEN NULL
         WHEN materials_at IS NULL THEN
           CASE WHEN is_open AND days_since_first_contact <= $materials_max_days THEN 'pending' ELSE 'missing' END
         WHEN materials_days < $materials_min_days THEN 'early'
         WHEN materials_days > $materials_max_days THEN 'late'
         ELSE 'on_time' END AS materials_status,
    CASE WHEN materials_at IS NULL THEN NULL
         WHEN second_contact_at IS NULL THEN
           CASE WHEN is_open AND days_since_materials <= $second_contact_max_days THEN 'pending' ELSE 'missing' END
         WHEN second_contact_days < $second_contact_min_days THEN 'early'
         WHEN second_contact_days > $second_contact_max_days THEN 'late'
         ELSE 'on_time' END AS second_contact_status
  FROM steps
),
-- read by several groupings: evaluated once
plan AS MATERIALIZED (
  SELECT *,
    CASE WHEN first_contact_status IN ('missing', 'late') THEN 'first_contact'
         WHEN materials_status IN ('missing', 'early', 'late') THEN 'materials'
         WHEN second_contact_status IN ('missing', 'early', 'late') THEN 'second_contact' END AS failed_step,
    CASE WHEN first_contact_status IN ('missing', 'late')
           OR materials_status IN ('missing', 'early', 'late')
           OR second_contact_status IN ('missing', 'early', 'late') THEN 'not_compliant'
         WHEN second_contact_status = 'on_time' THEN 'compliant'
         ELSE 'pending' END AS plan_status
  FROM statuses
)`;
}
