/**
 * Opportunities with their owner's name, team and region — the columns filterCondition reads, named
 * as in opportunity_facts — as a subquery to alias `f`. The follow-up, customer and service pipelines
 * read it instead of opportunity_facts: the view also aggregates all of stage_history and activities,
 * which DuckDB computes on every reference even when no column of them is used (≈ 0.5 s a query on a
 * million opportunities). Filters mean the same on both.
 */
export const OPPORTUNITY_SCOPE = `(
  SELECT o.*, r.name AS rep_name, r.team, r.region
  FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
)`;
