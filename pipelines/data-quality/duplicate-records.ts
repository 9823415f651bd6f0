import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";

export interface DuplicateRecordRow {
  /** duplicate_key: an id exported twice (quarantined by ingest); lead_phone, lead_email, lead_company: leads sharing one */
  check: "duplicate_key" | "lead_phone" | "lead_email" | "lead_company";
  table: string;
  /** values shared by more than one record */
  n_groups: number;
  /** records in those groups */
  n_records: number;
  /** n_records − n_groups: the records that would go if each group kept one */
  n_extra: number;
}

// normalised so that formatting does not hide a duplicate: digits of a phone (the regex only runs on
// phones that are not digits already), case of an e-mail, spaces in a company name
const LEAD_KEYS = `
  nullif(CASE WHEN regexp_full_match(phone, '[0-9]+') THEN phone ELSE regexp_replace(phone, '[^0-9]', '', 'g') END, '')
    AS lead_phone,
  nullif(lower(trim(email)), '') AS lead_email,
  nullif(lower(regexp_replace(company, '\\s', '', 'g')), '') AS lead_company`;

/**
 * Duplicates: ids exported twice (the second row was quarantined with rule duplicate_key), per table,
 * over every ingest; and, among the leads created in the period, leads that share a phone, an e-mail
 * or a company name with another lead of the period (normalised: phone digits only, e-mail trimmed and
 * lower-cased, company without spaces and lower-cased). Why it matters: duplicate leads inflate a
 * channel's lead count and deflate its conversion; a repeat contact from the same company may also be a
 * returning customer, so read lead_company as an upper bound. (channelQuality flags duplicates within a
 * time window per channel; this is the period's overall count.)
 *
 * Input: quarantine, leads. Filters are not used. Output grain: one row per check and table
 * (duplicate_key per table that had one; the three lead checks when leads are loaded). Missing leads →
 * the lead checks are left out, missing ["leads"].
 *
 * @example
 * const {rows} = await duplicateRecords(ctx);
 * // [{check: "duplicate_key", table: "opportunities", n_groups: 1, n_records: 2, n_extra: 1},
 * //  {check: "lead_phone", table: "leads", n_groups: 900, n_records: 3100, n_extra: 2200}, …]
 */
export async function duplicateRecords(ctx: PipelineContext): Promise<PipelineResult<DuplicateRecordRow>> {
  const keyRows = await readRows<DuplicateRecordRow>(
    ctx.connection,
    `
WITH duplicates AS (
  SELECT entity, value FROM quarantine WHERE rule = 'duplicate_key'
),
final AS (
  -- each quarantined row is an extra copy of a value that was loaded once
  SELECT 'duplicate_key' AS "check", entity AS "table", count(DISTINCT value)::INTEGER AS n_groups,
    (count(*) + count(DISTINCT value))::INTEGER AS n_records, count(*)::INTEGER AS n_extra
  FROM duplicates
  GROUP BY entity
  ORDER BY entity
)
SELECT * FROM final`
  );
  const missing = await missingTables(ctx.connection, ["leads"]);
  if (missing.length) return {rows: keyRows, missing};
  // one scan of the leads, three groupings
  const leadRows = await readRows<DuplicateRecordRow>(
    ctx.connection,
    `
WITH lead_keys AS (
  SELECT ${LEAD_KEYS}
  FROM leads
  -- the leads captured in the period (comparing all leads of a large CRM is the costliest check here)
  WHERE created_at >= $period_start::TIMESTAMP AND created_at < $period_end::TIMESTAMP
),
groups AS (
  SELECT CASE WHEN lead_phone IS NOT NULL THEN 'lead_phone' WHEN lead_email IS NOT NULL THEN 'lead_email'
      ELSE 'lead_company' END AS "check",
    count(*) AS n
  FROM lead_keys
  GROUP BY GROUPING SETS ((lead_phone), (lead_email), (lead_company))
  -- a value shared by several leads; NULL keys (nothing to compare) are not a group
  HAVING count(*) > 1 AND coalesce(lead_phone, lead_email, lead_company) IS NOT NULL
),
checks AS (
  SELECT * FROM (VALUES ('lead_phone', 1), ('lead_email', 2), ('lead_company', 3)) c("check", position)
),
final AS (
  SELECT c."check", 'leads' AS "table", count(g.n)::INTEGER AS n_groups, coalesce(sum(g.n), 0)::INTEGER AS n_records,
    coalesce(sum(g.n) - count(g.n), 0)::INTEGER AS n_extra
  FROM checks c LEFT JOIN groups g ON g."check" = c."check"
  GROUP BY c."check", c.position
  ORDER BY c.position
)
SELECT * FROM final`,
    {period_start: ctx.period.start, period_end: ctx.period.end}
  );
  return {rows: [...keyRows, ...leadRows], missing: []};
}
