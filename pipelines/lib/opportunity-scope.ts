import {REPORTING_OPPORTUNITIES} from "./reporting-amounts.ts";

/**
 * The opportunities, amounts in the reporting currency (REPORTING_OPPORTUNITIES), with their owner's name, team and region and their stage's kind and order — the
 * columns filterCondition reads — grain: one row per opportunity. Pipelines join activities or stage
 * history themselves where they need them: a view aggregating them for every opportunity cost about a
 * second per query on a million opportunities, even when no column of it was used.
 *
 * Use `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}) … FROM opportunity_scope f`, or
 * `FROM ${OPPORTUNITY_SCOPE} f` as a subquery.
 */
export const OPPORTUNITY_SCOPE_SQL = `
  SELECT o.*, r.name AS rep_name, r.team, r.region, st.kind AS stage_kind, st.stage_order,
    -- a close exported before the creation is no cycle (ingest flags it): every cycle metric leaves it out
    CASE WHEN o.outcome IN ('won', 'lost') AND o.closed_at >= o.created_at
      THEN date_diff('second', o.created_at, o.closed_at) / 86400.0 END AS cycle_days
  FROM ${REPORTING_OPPORTUNITIES} o
  LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
  LEFT JOIN stages st ON st.stage = o.stage`;

export const OPPORTUNITY_SCOPE = `(${OPPORTUNITY_SCOPE_SQL}\n)`;
