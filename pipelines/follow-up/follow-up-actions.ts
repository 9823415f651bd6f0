import type {DuckDBValue} from "@duckdb/node-api";
import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import {sliceGridSql, type SliceGrid} from "../lib/slice-grid.ts";
import {followUpOptions, type FollowUpOptions} from "./follow-up-options.ts";
import type {OverdueFollowUpRow} from "./overdue-follow-ups.ts";

/** The plan's step an opportunity waits for; check_in once the plan is done or abandoned. */
export type NextStep = "first_contact" | "materials" | "second_contact" | "check_in";
/** stale: a record to clean up; otherwise when the next step falls due, against today (the as-of day). */
export type DueStatus = "stale" | "overdue" | "today" | "week" | "later";

/** An open opportunity (the columns overdueFollowUps gives) with its next follow-up step. */
export interface FollowUpActionRow extends OverdueFollowUpRow {
  /** whole days from the expected close to today; null without one or before it */
  days_past_close: number | null;
  next_step: NextStep;
  /** the last day (UTC) the next step is on time */
  due_on: string;
  due_status: DueStatus;
  /** why a stale opportunity is stale: silent, past_close (silent wins when both); null otherwise */
  stale_reason: "silent" | "past_close" | null;
}

/**
 * What each open opportunity needs next, and by when (docs/method.md §5). The next step is the first step of
 * the follow-up plan not yet taken, due at the end of its window: first contact `firstContactHours` after
 * creation, materials `materialsMaxDays` after the first contact, second contact `secondContactMaxDays` after
 * the materials. Once the plan is done, or a step is more than `overdueDays` past its due day (the plan was
 * abandoned), the next step is a check-in `overdueDays` after the last touch.
 *
 * An opportunity silent for `staleSilentDays` or more, or `stalePastCloseDays` or more past its expected close,
 * is stale: a record to close or re-date on the data-quality page, not a task for today. The others are
 * overdue (due before today), due today, due this week (within the six days after today) or later. Why it
 * matters: a to-do list led by deals nobody has touched in years is a list nobody acts on.
 *
 * A snapshot at now: the period is not used; filters apply. Output grain: one row per open opportunity
 * created by now, by due day, then larger amount. Missing activities → no rows, missing ["activities"].
 *
 * @example
 * const {rows} = await followUpActions(ctx);
 * // [{opportunity_id: "O001203", next_step: "materials", due_on: "2026-11-19", due_status: "overdue", …}, …]
 */
export async function followUpActions(
  ctx: PipelineContext,
  options: Partial<FollowUpOptions> = {}
): Promise<PipelineResult<FollowUpActionRow>> {
  const missing = await missingTables(ctx.connection, ["activities"]);
  if (missing.length) return {rows: [], missing};
  const filter = filterCondition(ctx.filters);
  const rows = await readRows<FollowUpActionRow>(
    ctx.connection,
    FOLLOW_UP_ACTIONS_SQL(filter.sql),
    actionParams(ctx.now, options, filter.params)
  );
  return {rows, missing: []};
}

/**
 * followUpActions of every choice of the grid in one query (its periods are not used): an opportunity's next
 * step does not depend on the filter, only whether it is listed. Results per choice, equal to followUpActions'.
 */
export async function followUpActionsByChoice(
  grid: SliceGrid,
  options: Partial<FollowUpOptions> = {}
): Promise<PipelineResult<FollowUpActionRow>[]> {
  const missing = await missingTables(grid.connection, ["activities"]);
  if (missing.length) return grid.choices.map(() => ({rows: [], missing}));
  const slices = sliceGridSql(grid);
  const rows = await readRows<FollowUpActionRow & {choice_index: number}>(
    grid.connection,
    `WITH ${slices.sql},
     actions AS (${FOLLOW_UP_ACTIONS_SQL("true")})
     SELECT m.choice_index, a.* FROM actions a JOIN slice_members m ON m.opportunity_id = a.opportunity_id
     ORDER BY m.choice_index, ${ACTIONS_ORDER}`,
    actionParams(grid.now, options, slices.params)
  );
  const byChoice = grid.choices.map((): PipelineResult<FollowUpActionRow> => ({rows: [], missing: []}));
  for (const {choice_index, ...row} of rows) byChoice[choice_index].rows.push(row);
  return byChoice;
}

function actionParams(now: string, options: Partial<FollowUpOptions>, params: Record<string, DuckDBValue>) {
  const plan = followUpOptions(options);
  return {
    now,
    first_contact_hours: plan.firstContactHours,
    materials_max_days: plan.materialsMaxDays,
    second_contact_max_days: plan.secondContactMaxDays,
    overdue_days: plan.overdueDays,
    stale_silent_days: plan.staleSilentDays,
    stale_past_close_days: plan.stalePastCloseDays,
    ...params
  };
}

/** By due day, then larger amount; the id makes the order total. */
const ACTIONS_ORDER = "due_on, amount DESC NULLS LAST, opportunity_id";

const FOLLOW_UP_ACTIONS_SQL = (filterSql: string) => `
WITH open_opportunities AS (
  SELECT f.opportunity_id, f.account_id, f.owner_rep_id, f.rep_name, f.team, f.source, f.stage, f.amount,
    f.currency, f.created_at, f.expected_close_at
  FROM ${OPPORTUNITY_SCOPE} f
  -- still open as exported, and already created at now
  WHERE ${filterSql} AND f.outcome = 'open' AND f.created_at <= $now::TIMESTAMP
),
touch_lists AS (
  SELECT a.opportunity_id, max(a.occurred_at) AS last_touch_at,
    list(a.occurred_at) FILTER (WHERE a.type IS DISTINCT FROM 'material_sent') AS contacts,
    list(a.occurred_at) FILTER (WHERE a.type = 'material_sent') AS materials
  FROM activities a
  -- a touch logged after now has not happened yet at now
  WHERE a.opportunity_id IN (SELECT opportunity_id FROM open_opportunities) AND a.occurred_at <= $now::TIMESTAMP
  GROUP BY a.opportunity_id
),
steps AS (
  SELECT opportunity_id, last_touch_at, contacts, first_contact_at,
    -- materials count only once a contact has been made (as the plan's compliance reads them)
    list_min(list_filter(materials, t -> t > first_contact_at)) AS materials_at
  FROM (SELECT *, list_min(contacts) AS first_contact_at FROM touch_lists)
),
plan_due AS (
  SELECT o.*, s.last_touch_at,
    CASE WHEN s.first_contact_at IS NULL THEN 'first_contact'
         WHEN s.materials_at IS NULL THEN 'materials'
         WHEN list_min(list_filter(s.contacts, t -> t > s.materials_at)) IS NULL THEN 'second_contact' END AS plan_step,
    CASE WHEN s.first_contact_at IS NULL THEN o.created_at + to_hours($first_contact_hours::BIGINT)
         WHEN s.materials_at IS NULL THEN s.first_contact_at + to_days($materials_max_days::INTEGER)
         ELSE s.materials_at + to_days($second_contact_max_days::INTEGER) END AS plan_due_at,
    coalesce(s.last_touch_at, o.created_at) + to_days($overdue_days::INTEGER) AS check_in_at,
    date_diff('second', coalesce(s.last_touch_at, o.created_at), $now::TIMESTAMP) / 86400.0 AS silence_days,
    CAST($now::TIMESTAMP AS DATE) AS today
  FROM open_opportunities o LEFT JOIN steps s ON s.opportunity_id = o.opportunity_id
),
next_steps AS (
  SELECT *,
    -- a step left undone for more than overdue_days past its due day: the plan was abandoned, keep in touch
    plan_step IS NOT NULL AND CAST(plan_due_at AS DATE) >= today - $overdue_days::INTEGER AS on_plan,
    CASE WHEN expected_close_at IS NOT NULL AND CAST(expected_close_at AS DATE) < today
      THEN date_diff('day', CAST(expected_close_at AS DATE), today) END AS days_past_close
  FROM plan_due
),
dues AS (
  SELECT *,
    CASE WHEN on_plan THEN plan_step ELSE 'check_in' END AS next_step,
    CAST(CASE WHEN on_plan THEN plan_due_at ELSE check_in_at END AS DATE) AS due_day,
    CASE WHEN silence_days >= $stale_silent_days THEN 'silent'
         WHEN days_past_close >= $stale_past_close_days THEN 'past_close' END AS stale_reason
  FROM next_steps
),
final AS (
  SELECT opportunity_id, account_id, owner_rep_id, rep_name, team, source, stage, amount, currency, created_at,
    expected_close_at, last_touch_at, round(silence_days, 1) AS days_since_touch, days_past_close, next_step,
    strftime(due_day, '%Y-%m-%d') AS due_on,
    CASE WHEN stale_reason IS NOT NULL THEN 'stale'
         WHEN due_day < today THEN 'overdue'
         WHEN due_day = today THEN 'today'
         WHEN due_day <= today + 6 THEN 'week'
         ELSE 'later' END AS due_status,
    stale_reason
  FROM dues
)
SELECT * FROM final ORDER BY ${ACTIONS_ORDER}`;
