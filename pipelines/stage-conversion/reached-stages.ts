import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";

/**
 * SQL for the furthest stage each opportunity reached — grain: one row per opportunity of `opportunity_scope`
 * passing `filter`, with created_at, reached_order (the stage_order of the furthest open stage it entered by $now; a won
 * opportunity reached every open stage, and every opportunity at least the first) and is_won, is_lost.
 * A later stage implies the earlier ones: an opportunity that skipped intent still passed it.
 * Needs the stage_events view and the $now parameter; `where` narrows the opportunities (aliased f).
 */
export function reachedStagesSql(where: string): string {
  return `
    WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
    open_stages AS (
      SELECT min(stage_order) AS first_order, max(stage_order) AS last_order FROM stages WHERE kind = 'open'
    ),
    scoped AS (
      SELECT f.opportunity_id, f.outcome, f.created_at FROM opportunity_scope f WHERE ${where}
    ),
    furthest AS (
      SELECT e.opportunity_id, max(e.stage_order) AS max_open_order
      FROM stage_events e SEMI JOIN scoped s ON s.opportunity_id = e.opportunity_id
      -- an entry recorded after now has not happened yet as far as this report knows
      WHERE e.stage_kind = 'open' AND e.entered_at <= CAST($now AS TIMESTAMP)
      GROUP BY e.opportunity_id
    )
    SELECT s.opportunity_id,
      CASE WHEN s.outcome = 'won' THEN o.last_order
           ELSE greatest(coalesce(u.max_open_order, o.first_order), o.first_order) END AS reached_order,
      s.outcome = 'won' AS is_won,
      s.outcome = 'lost' AS is_lost,
      s.created_at
    FROM scoped s CROSS JOIN open_stages o LEFT JOIN furthest u ON u.opportunity_id = s.opportunity_id`;
}
