import {leadConvertedSql} from "../lib/lead-converted.ts";
/** The lead fields a lead score reads, each a category (one-hot, rare values pooled). */
export const LEAD_FEATURES = ["source", "campaign", "rating", "owner_rep_id"] as const;

export type LeadFeature = (typeof LEAD_FEATURES)[number];

/** Days a lead has to convert: one older than this and not converted counts as not converted (default). */
export const DEFAULT_CONVERSION_WINDOW_DAYS = 90;

/**
 * SQL for the lead-scoring rows — grain: one row per lead captured by $now (or without a capture date):
 * - is_converted: 1 when converted by $now (leadConvertedSql, as channel quality counts it); 0 when not
 *   converted and either captured more than $window_days before $now or without a capture date (the
 *   export is then taken as history);
 *   null for an open lead — captured within the window and not converted yet, the leads that are scored;
 * - created_epoch: capture time in epoch seconds (orders the time-ordered split; null without a date);
 * - the LEAD_FEATURES as text. Nothing recorded at or after the conversion is read: not the status, the
 *   account (known once converted) or the conversion fields.
 */
export const LEAD_FEATURES_SQL = `
WITH converted AS (
  SELECT le.lead_id,
    ${leadConvertedSql("le")}
      -- a conversion recorded after now has not happened yet as of now
      AND coalesce(le.converted_at <= $now::TIMESTAMP, true) AS is_converted
  FROM leads le
),
final AS (
  SELECT le.lead_id,
    CASE WHEN c.is_converted THEN 1
         WHEN le.created_at IS NULL OR le.created_at + to_days($window_days) <= $now::TIMESTAMP THEN 0 END::DOUBLE
      AS is_converted,
    epoch(le.created_at)::DOUBLE AS created_epoch,
    le.created_at::VARCHAR AS created_at,
    le.source, le.campaign, le.rating, le.owner_rep_id
  FROM leads le JOIN converted c ON c.lead_id = le.lead_id
  -- captured by now
  WHERE le.created_at IS NULL OR le.created_at <= $now::TIMESTAMP
)
SELECT * FROM final ORDER BY created_epoch NULLS FIRST, lead_id`;
