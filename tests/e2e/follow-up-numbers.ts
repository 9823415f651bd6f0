import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {readRows} from "../../warehouse/read-rows.ts";

/** An open opportunity's next follow-up as README's `followUp` section describes it, by SQL on the warehouse alone. */
export interface DueFollowUp {
  opportunity_id: string;
  /** the last day (UTC) the next step is on time */
  due_on: string;
  amount: number | null;
  /** the owner's team */
  team: string | null;
  status: "stale" | "overdue" | "today" | "week" | "later";
  /** why a stale one is: silent (first), or past its expected close */
  stale_reason: "silent" | "past_close" | null;
}

/** The follow-up plan's defaults (README): the e2e sites are built without a `followUp` setting. */
export const PLAN = {firstContactHours: 24, materialsMaxDays: 5, secondContactMaxDays: 10, overdueDays: 14};
export const STALE = {silentDays: 90, pastCloseDays: 60};

// steps as the plan names them: first contact (any touch but materials), then materials after it, then a
// contact after the materials; a step more than overdueDays late, or a finished plan, leaves a check-in
const SQL = `
WITH clock AS (
  SELECT $now::TIMESTAMP AS now_at, CAST($now::TIMESTAMP AS DATE) AS today
),
open_deals AS (
  -- open as exported, and created by now
  SELECT o.opportunity_id, o.created_at, o.expected_close_at, o.amount::DOUBLE AS amount, r.team
  FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id, clock WHERE o.outcome = 'open' AND o.created_at <= clock.now_at
),
touches AS (
  -- a touch logged after now has not happened yet
  SELECT a.opportunity_id, a.occurred_at, coalesce(a.type = 'material_sent', false) AS is_materials
  FROM activities a JOIN open_deals USING (opportunity_id), clock WHERE a.occurred_at <= clock.now_at
),
first_contacts AS (
  SELECT opportunity_id, min(occurred_at) AS first_contact_at FROM touches WHERE NOT is_materials GROUP BY ALL
),
materials AS (
  SELECT t.opportunity_id, min(t.occurred_at) AS materials_at
  FROM touches t JOIN first_contacts f USING (opportunity_id)
  WHERE t.is_materials AND t.occurred_at > f.first_contact_at GROUP BY ALL
),
second_contacts AS (
  SELECT t.opportunity_id, min(t.occurred_at) AS second_contact_at
  FROM touches t JOIN materials m USING (opportunity_id)
  WHERE NOT t.is_materials AND t.occurred_at > m.materials_at GROUP BY ALL
),
last_touches AS (
  SELECT opportunity_id, max(occurred_at) AS last_touch_at FROM touches GROUP BY ALL
),
steps AS (
  SELECT d.*, coalesce(l.last_touch_at, d.created_at) AS quiet_since,
    CASE WHEN f.first_contact_at IS NULL THEN d.created_at + to_hours($first_contact_hours::BIGINT)
         WHEN m.materials_at IS NULL THEN f.first_contact_at + to_days($materials_max_days::INTEGER)
         WHEN s.second_contact_at IS NULL THEN m.materials_at + to_days($second_contact_max_days::INTEGER)
    END AS step_due_at
  FROM open_deals d
  LEFT JOIN first_contacts f USING (opportunity_id)
  LEFT JOIN materials m USING (opportunity_id)
  LEFT JOIN second_contacts s USING (opportunity_id)
  LEFT JOIN last_touches l USING (opportunity_id)
),
dues AS (
  SELECT s.*, c.today,
    CASE WHEN s.step_due_at IS NOT NULL AND CAST(s.step_due_at AS DATE) >= c.today - $overdue_days::INTEGER
      THEN CAST(s.step_due_at AS DATE)
      ELSE CAST(s.quiet_since + to_days($overdue_days::INTEGER) AS DATE) END AS due_day,
    epoch(c.now_at) - epoch(s.quiet_since) >= $silent_days * 86400 AS is_silent,
    coalesce(date_diff('day', s.expected_close_at, c.today) >= $past_close_days, false) AS is_past_close
  FROM steps s, clock c
)
SELECT opportunity_id, strftime(due_day, '%Y-%m-%d') AS due_on, amount, team,
  CASE WHEN is_silent OR is_past_close THEN 'stale'
       WHEN due_day < today THEN 'overdue'
       WHEN due_day = today THEN 'today'
       WHEN due_day <= today + 6 THEN 'week'
       ELSE 'later' END AS status,
  CASE WHEN is_silent THEN 'silent' WHEN is_past_close THEN 'past_close' END AS stale_reason
FROM dues
ORDER BY due_day, amount DESC NULLS LAST, opportunity_id`;

/** Every open opportunity's next follow-up at `now`, by due day, then larger amount. */
export async function followUpNumbers(path: string, now: string): Promise<DueFollowUp[]> {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    return await readRows<DueFollowUp>(warehouse.connection, SQL, {
      now,
      first_contact_hours: PLAN.firstContactHours,
      materials_max_days: PLAN.materialsMaxDays,
      second_contact_max_days: PLAN.secondContactMaxDays,
      overdue_days: PLAN.overdueDays,
      silent_days: STALE.silentDays,
      past_close_days: STALE.pastCloseDays
    });
  } finally {
    warehouse.close();
  }
}
