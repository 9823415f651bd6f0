import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {empiricalBayes} from "../stats/empirical-bayes.ts";
import {wilsonInterval} from "../stats/wilson-interval.ts";

/** The account attributes a rep's win rate can be split by: industry, size band, province. */
export type Segment = "industry" | "size_band" | "province";

const SEGMENTS: readonly Segment[] = ["industry", "size_band", "province"];

/** One row per rep × segment × segment value with a closed deal in the period. */
export interface RepSegmentRow {
  rep_id: string | null;
  rep_name: string | null;
  team: string | null;
  segment: Segment;
  /** the account's industry, size band or province (null: unknown account or attribute) */
  segment_value: string | null;
  /** the industry is one of the rep's listed specialties (industry rows only; null for other segments) */
  is_specialty: boolean | null;
  count_closed: number;
  count_won: number;
  count_lost: number;
  win_rate: number;
  win_rate_lower: number;
  win_rate_upper: number;
  /** empirical-Bayes shrunk rate, prior fitted across all rep × value cells of the segment */
  shrunk_win_rate: number;
  /** the rep's win rate over all segments, for comparison */
  rep_win_rate: number;
}

interface RawCell {
  rep_id: string | null;
  rep_name: string | null;
  team: string | null;
  segment: Segment;
  segment_value: string | null;
  is_specialty: boolean | null;
  count_won: number;
  count_lost: number;
  rep_won: number;
  rep_closed: number;
}

/**
 * Win rate by segment per rep — where each rep is strong. For every rep and every value of a segment
 * (the account's industry, size band, province) among the deals closed in the period: won, lost, the
 * win rate won / (won + lost) with its 95 % Wilson interval, and an empirical-Bayes shrunk rate
 * (beta-binomial, prior fitted by the method of moments across all rep × value cells of that segment)
 * that can be compared across cells of very different sizes. Industry rows say whether the industry is
 * one of the rep's listed specialties (`reps.specialties`, `;`-separated).
 *
 * Why it matters: allocation matches opportunities to the reps who win that kind of customer. A cell
 * whose shrunk rate stands well above the rep's overall rate is a specialty worth routing deals to.
 *
 * Input: `opportunities`, `accounts`, `reps`; filters narrow the opportunities. Output grain: one row
 * per rep × segment × value with at least one deal closed in the period, ordered by rep, segment and
 * value. Without an `accounts` export: no rows and `missing: ["accounts"]`.
 *
 * @example
 * const ctx = {connection, period: {start: "2026-01-01", end: "2026-07-01"}, now};
 * const {rows} = await repSegmentWinRates(ctx, {segments: ["industry"]});
 * // on the sample: [… {rep_id: "R001", segment: "industry", segment_value: "制造业", is_specialty: true,
 * //   count_closed: 21, win_rate: 0.381, win_rate_lower: 0.208, shrunk_win_rate: 0.383, rep_win_rate: 0.358}, …]
 */
export async function repSegmentWinRates(
  ctx: PipelineContext,
  {segments = [...SEGMENTS]}: {segments?: Segment[]} = {}
): Promise<PipelineResult<RepSegmentRow>> {
  for (const segment of segments)
    if (!SEGMENTS.includes(segment)) throw new RangeError(`unknown segment ${JSON.stringify(segment)}`);
  const missing = await missingTables(ctx.connection, ["accounts", "reps"]);
  if (missing.includes("accounts") || segments.length === 0) return {rows: [], missing};
  const filter = filterCondition(ctx.filters, "x");
  const cells = segments.map(
    (segment) => `
  SELECT owner_rep_id, '${segment}' AS segment, ${segment} AS segment_value,
    ${segment === "industry" ? "coalesce(list_contains(regexp_split_to_array(specialties, '\\s*;\\s*'), industry), false)" : "NULL::BOOLEAN"} AS is_specialty,
    count(*) FILTER (WHERE outcome = 'won') AS count_won,
    count(*) FILTER (WHERE outcome = 'lost') AS count_lost
  FROM closed GROUP BY ALL`
  );
  const sql = `
WITH closed AS (
  -- deals won or lost in the period, with the account's segment and the owner's specialties
  SELECT x.* FROM (
    SELECT o.owner_rep_id, r.team, r.region, o.source, o.product, o.outcome, r.specialties,
      a.industry, a.size_band, a.province
    FROM opportunities o
    LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
    LEFT JOIN accounts a ON a.account_id = o.account_id
    WHERE o.outcome IN ('won', 'lost') AND o.closed_at >= $start::TIMESTAMP AND o.closed_at < $end::TIMESTAMP
  ) x
  WHERE ${filter.sql}
),
rep_totals AS (
  SELECT owner_rep_id, count(*) FILTER (WHERE outcome = 'won') AS rep_won, count(*) AS rep_closed
  FROM closed GROUP BY ALL
),
cells AS (${cells.join("\n  UNION ALL")}
),
final AS (
  SELECT c.owner_rep_id AS rep_id, r.name AS rep_name, r.team, c.segment, c.segment_value, c.is_specialty,
    c.count_won::INTEGER AS count_won, c.count_lost::INTEGER AS count_lost,
    t.rep_won::INTEGER AS rep_won, t.rep_closed::INTEGER AS rep_closed
  FROM cells c
  JOIN rep_totals t ON t.owner_rep_id IS NOT DISTINCT FROM c.owner_rep_id
  LEFT JOIN reps r ON r.rep_id = c.owner_rep_id
)
SELECT * FROM final`;
  const raw = await readRows<RawCell>(ctx.connection, sql, {
    ...filter.params,
    start: ctx.period.start,
    end: ctx.period.end
  });
  raw.sort(
    (a, b) =>
      compareNullsLast(a.rep_id, b.rep_id) ||
      segments.indexOf(a.segment) - segments.indexOf(b.segment) ||
      compareNullsLast(a.segment_value, b.segment_value)
  );
  const shrunk = new Map<RawCell, number | null>();
  for (const segment of segments) {
    const group = raw.filter((row) => row.segment === segment);
    const fit = empiricalBayes(
      group.map((row) => ({successes: row.count_won, trials: row.count_won + row.count_lost}))
    );
    group.forEach((row, i) => shrunk.set(row, fit.shrunk[i]));
  }
  const rows = raw.map((row): RepSegmentRow => {
    const closed = row.count_won + row.count_lost;
    const interval = wilsonInterval(row.count_won, closed)!;
    return {
      rep_id: row.rep_id,
      rep_name: row.rep_name,
      team: row.team,
      segment: row.segment,
      segment_value: row.segment_value,
      is_specialty: missing.includes("reps") ? null : row.is_specialty,
      count_closed: closed,
      count_won: row.count_won,
      count_lost: row.count_lost,
      win_rate: row.count_won / closed,
      win_rate_lower: interval.lower,
      win_rate_upper: interval.upper,
      shrunk_win_rate: shrunk.get(row)!,
      rep_win_rate: row.rep_won / row.rep_closed
    };
  });
  return {rows, missing};
}

function compareNullsLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
