/**
 * SQL: whether the lead `alias` has converted — it names its opportunity or conversion time, the CRM's flag
 * says so, or an opportunity names the lead. One definition for channel quality and lead scoring.
 */
export function leadConvertedSql(alias: string): string {
  return `(${alias}.converted_opportunity_id IS NOT NULL OR ${alias}.converted_at IS NOT NULL
      OR coalesce(${alias}.is_converted, false)
      OR ${alias}.lead_id IN (SELECT lead_id FROM opportunities WHERE lead_id IS NOT NULL))`;
}
