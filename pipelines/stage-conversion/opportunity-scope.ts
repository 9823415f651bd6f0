/**
 * The opportunities with the columns the stage and pipeline metrics read and the filters apply to —
 * grain: one row per opportunity. Same names and values as opportunity_facts (so filterCondition applies
 * alike) without its account and activity joins, which cost about a second per query on a million
 * opportunities. Use as `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}) … FROM opportunity_scope f`.
 */
export const OPPORTUNITY_SCOPE_SQL = `
  SELECT o.opportunity_id, o.account_id, o.owner_rep_id, r.name AS rep_name, r.team, r.region, o.source, o.campaign,
    o.product, o.stage, st.kind AS stage_kind, st.stage_order, o.outcome, o.amount, o.currency, o.probability,
    o.created_at, o.closed_at, o.expected_close_at, o.lost_reason,
    CASE WHEN o.outcome IN ('won', 'lost') THEN date_diff('second', o.created_at, o.closed_at) / 86400.0 END AS cycle_days
  FROM opportunities o
  LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
  LEFT JOIN stages st ON st.stage = o.stage`;
