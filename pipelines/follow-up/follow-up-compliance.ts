import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {followUpOptions, followUpParams, type FollowUpOptions} from "./follow-up-options.ts";
import {planStepsSql} from "./plan-steps-sql.ts";

export type StepStatus = "on_time" | "early" | "late" | "missing" | "pending";
export type PlanStatus = "compliant" | "not_compliant" | "pending";
export type PlanStep = "first_contact" | "materials" | "second_contact";

export interface FollowUpComplianceRow {
  opportunity_id: string;
  owner_rep_id: string | null;
  source: string | null;
  outcome: string | null;
  created_at: string;
  first_contact_at: string | null;
  /** hours from creation to the first contact */
  first_contact_hours: number | null;
  first_contact_status: StepStatus;
  materials_at: string | null;
  /** days from the first contact to the materials */
  materials_days: number | null;
  /** null when there was no first contact */
  materials_status: StepStatus | null;
  second_contact_at: string | null;
  /** days from the materials to the second contact */
  second_contact_days: number | null;
  /** null when no materials were sent */
  second_contact_status: StepStatus | null;
  /** true when all three steps were on time; null while the plan is still pending */
  is_compliant: boolean | null;
  plan_status: PlanStatus;
  /** the first step that was late, early or missing */
  failed_step: PlanStep | null;
}

/**
 * Follow-up plan compliance of each opportunity created in the period: when the first contact, the
 * materials and the second contact happened, whether each was on time, and which step broke the plan.
 *
 * The plan (docs/method.md §5): first contact (earliest activity that is not material_sent) within 24 h of
 * creation; materials (first material_sent after it) 3–5 days after the first contact; second contact
 * (next non-material activity) 7–10 days after the materials. Bounds are inclusive and configurable.
 * An open opportunity whose next step's window has not closed at `ctx.now` is `pending`, neither
 * compliant nor not. Why it matters: opportunities that follow the plan win more often, and the failed
 * step tells a manager what to coach.
 *
 * Input: opportunities (filters apply) and activities. Output grain: one row per opportunity
 * created in the period, ordered by creation. Missing activities → no rows, missing ["activities"].
 *
 * @example
 * const {rows} = await followUpCompliance(ctx, {firstContactHours: 48});
 * // [{opportunity_id: "O000001", first_contact_hours: 2.5, materials_days: 4.1, plan_status: "compliant", …}]
 */
export async function followUpCompliance(
  ctx: PipelineContext,
  options: Partial<FollowUpOptions> = {}
): Promise<PipelineResult<FollowUpComplianceRow>> {
  const resolved = followUpOptions(options);
  const missing = await missingTables(ctx.connection, ["activities"]);
  if (missing.length) return {rows: [], missing};
  const filter = filterCondition(ctx.filters);
  const sql = `${planStepsSql("created", filter.sql)},
final AS (
  SELECT opportunity_id, owner_rep_id, source, outcome, created_at,
    first_contact_at, round(first_contact_hours, 2) AS first_contact_hours, first_contact_status,
    materials_at, round(materials_days, 2) AS materials_days, materials_status,
    second_contact_at, round(second_contact_days, 2) AS second_contact_days, second_contact_status,
    CASE plan_status WHEN 'compliant' THEN true WHEN 'not_compliant' THEN false END AS is_compliant,
    plan_status, failed_step
  FROM plan
  ORDER BY created_at, opportunity_id
)
SELECT * FROM final`;
  const rows = await readRows<FollowUpComplianceRow>(ctx.connection, sql, {
    ...followUpParams(ctx, resolved),
    ...filter.params
  });
  return {rows, missing: []};
}
