import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {duplicateMatchesSql} from "./duplicate-matches-sql.ts";

/** One row per lead of the period flagged as a duplicate. */
export interface DuplicateLeadRow {
  lead_id: string;
  created_at: string;
  source: string | null;
  campaign: string | null;
  owner_rep_id: string | null;
  /** the earlier lead it repeats (matched on phone first, then e-mail, then company) */
  duplicate_of_lead_id: string;
  matched_on: "phone" | "email" | "company";
  /** days between the earlier lead and this one */
  days_since_original: number;
}

export interface DuplicateLeadOptions {
  /** how many days after a lead a lead with the same phone, e-mail or company counts as its duplicate (default 90) */
  windowDays?: number;
  /** return at most this many rows, the earliest first (default: all); the flagging itself still covers every lead */
  limit?: number;
}

export const DEFAULT_DUPLICATE_WINDOW_DAYS = 90;

/**
 * Duplicate leads: a lead is a duplicate when an earlier lead (earlier `created_at`, ties broken by
 * `lead_id`) with the same phone, the same e-mail or the same normalised company name was created at
 * most `windowDays` days (default 90) before it. The first lead of a series is the original and is not
 * flagged; the earlier lead may belong to any channel and may predate the period.
 *
 * Why it matters: the same prospect captured twice — at a trade show and again from an ad — inflates
 * a channel's lead count and deflates its conversion rate, and two reps may chase one company. Flagged
 * leads are the list to merge in the CRM; `channelQuality` counts them per channel
 * (`count_duplicate_leads`).
 *
 * Input: `leads` (and `reps` for the team and region filters); leads created in the period that pass
 * the filters (channel = lead source, rep = lead owner, team/region = the owner's; leads carry no
 * product, so a product filter returns no rows). Output grain: one row per flagged lead, ordered by
 * creation time. Without a `leads` export: no rows, `missing: ["leads"]`.
 *
 * @example
 * const {rows} = await duplicateLeads(ctx); // on the sample
 * // [{lead_id: "L000014", duplicate_of_lead_id: "L000016", matched_on: "phone", days_since_original: 0.79, …}, …]
 */
export async function duplicateLeads(
  ctx: PipelineContext,
  options: DuplicateLeadOptions = {}
): Promise<PipelineResult<DuplicateLeadRow>> {
  const windowDays = checkWindowDays(options.windowDays ?? DEFAULT_DUPLICATE_WINDOW_DAYS);
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit >= 0))
    throw new RangeError(`duplicateLeads limit must be a whole number ≥ 0, got ${options.limit}`);
  const missing = await missingTables(ctx.connection, ["leads"]);
  if (missing.length > 0 || ctx.filters?.product !== undefined) return {rows: [], missing};
  // lead_rows has no product column: a product filter has returned above
  const filter = filterCondition(ctx.filters, "l");
  const sql = `
WITH ${duplicateMatchesSql({withIds: true})},
matches AS (
  -- one match per lead: phone before e-mail before company
  SELECT lead_id, arg_min(match_id, key_order) AS duplicate_of_lead_id, arg_min(matched_on, key_order) AS matched_on
  FROM duplicate_matches
  -- flagged leads are those of the period; earlier ones only serve as originals
  WHERE created_at >= $start::TIMESTAMP
  GROUP BY lead_id
),
lead_rows AS (
  SELECT le.lead_id, le.created_at, le.source, le.campaign, le.owner_rep_id, r.team, r.region
  FROM leads le LEFT JOIN reps r ON r.rep_id = le.owner_rep_id
),
final AS (
  SELECT l.lead_id, l.created_at, l.source, l.campaign, l.owner_rep_id, m.duplicate_of_lead_id, m.matched_on,
    date_diff('second', o.created_at, l.created_at) / 86400.0 AS days_since_original
  FROM matches m JOIN lead_rows l USING (lead_id) JOIN leads o ON o.lead_id = m.duplicate_of_lead_id
  WHERE ${filter.sql}
)
SELECT * FROM final ORDER BY created_at, lead_id LIMIT $limit`;
  const rows = await readRows<DuplicateLeadRow>(ctx.connection, sql, {
    ...filter.params,
    start: ctx.period.start,
    end: ctx.period.end,
    window_days: windowDays,
    // DuckDB reads LIMIT NULL as no limit
    limit: options.limit ?? null
  });
  return {rows, missing};
}

export function checkWindowDays(days: number): number {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`duplicate window must be a whole number of days ≥ 0, got ${days}`);
  return days;
}
