import type {DuckDBConnection, DuckDBValue} from "@duckdb/node-api";
import type {Filters} from "./context.ts";

/**
 * The view most pipelines start from — grain: one row per opportunity — with the owner's team and
 * region, the account's segment, the stage's kind and order, the furthest open stage it reached
 * (from stage_history and its current stage; won implies every open stage) and its activity counts.
 * Filters apply to its columns, so every pipeline filters the same way.
 */
export const OPPORTUNITY_FACTS = `
CREATE OR REPLACE TEMP VIEW opportunity_facts AS
WITH history AS (
  SELECT h.opportunity_id, max(s.stage_order) FILTER (WHERE s.kind = 'open') AS max_history_order
  FROM stage_history h JOIN stages s ON s.stage = h.stage
  GROUP BY h.opportunity_id
),
touches AS (
  SELECT opportunity_id, count(*)::INTEGER AS activity_count, min(occurred_at) AS first_touch_at, max(occurred_at) AS last_touch_at
  FROM activities WHERE opportunity_id IS NOT NULL
  GROUP BY opportunity_id
),
open_stages AS (
  SELECT max(stage_order) AS last_open_order FROM stages WHERE kind = 'open'
),
final AS (
  SELECT
    o.opportunity_id, o.account_id, o.lead_id, o.name, o.source, o.campaign, o.owner_rep_id, o.amount, o.currency,
    o.expected_margin, o.stage, o.probability, o.created_at, o.expected_close_at, o.closed_at, o.outcome,
    o.lost_reason, o.competitor, o.product,
    r.name AS rep_name, r.team, r.region,
    a.industry, a.size_band, a.employees, a.province, a.city, a.credit_rating,
    st.kind AS stage_kind, st.stage_order,
    CASE WHEN o.outcome = 'won' THEN (SELECT last_open_order FROM open_stages)
         ELSE greatest(CASE WHEN st.kind = 'open' THEN st.stage_order END, h.max_history_order, 1) END AS reached_order,
    coalesce(t.activity_count, 0) AS activity_count, t.first_touch_at, t.last_touch_at,
    CASE WHEN o.outcome IN ('won', 'lost') THEN date_diff('second', o.created_at, o.closed_at) / 86400.0 END AS cycle_days
  FROM opportunities o
  LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
  LEFT JOIN accounts a ON a.account_id = o.account_id
  LEFT JOIN stages st ON st.stage = o.stage
  LEFT JOIN history h ON h.opportunity_id = o.opportunity_id
  LEFT JOIN touches t ON t.opportunity_id = o.opportunity_id
)
SELECT * FROM final`;

export async function createOpportunityFacts(connection: DuckDBConnection): Promise<void> {
  await connection.run(OPPORTUNITY_FACTS);
}

/**
 * A SQL condition over opportunity_facts columns (prefixed by `alias`) for the filters, with its bound
 * parameters. Always returns a condition ("true" when no filter is set).
 */
export function filterCondition(
  filters: Filters = {},
  alias = "f"
): {sql: string; params: Record<string, DuckDBValue>} {
  const columns: Record<keyof Filters, string> = {
    team: "team",
    region: "region",
    channel: "source",
    rep: "owner_rep_id",
    product: "product"
  };
  const parts: string[] = [];
  const params: Record<string, DuckDBValue> = {};
  for (const [key, column] of Object.entries(columns) as [keyof Filters, string][]) {
    const value = filters[key];
    if (value === undefined) continue;
    parts.push(`${alias}.${column} = $filter_${key}`);
    params[`filter_${key}`] = value;
  }
  return {sql: parts.length ? parts.join(" AND ") : "true", params};
}
