import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {wilsonInterval} from "../stats/wilson-interval.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";

export interface WinRateByFollowUpMixRow {
  /** dominant_channel: the contact type used most before the close; visit: whether a visit happened */
  dimension: "dominant_channel" | "visit";
  /** a type (call, visit …, or none) for dominant_channel; with_visit / without_visit for visit */
  value: string;
  n_closed: number;
  n_won: number;
  /** n_won / n_closed with its 95% Wilson interval */
  win_rate: number;
  win_rate_lower: number;
  win_rate_upper: number;
}

/**
 * Win rate by how an opportunity was followed up, among the opportunities closed in the period: by its
 * dominant channel (the contact type — material_sent excluded — with the most activities up to the
 * close; ties go to the alphabetically first type; none when there was no contact) and by whether a
 * visit happened before the close. Each rate is won / (won + lost) with a 95% Wilson interval.
 *
 * Why it matters: it shows whether visits and meetings pay for their cost. Read it with care: longer
 * deals collect more activities of every kind, so the presence of a visit partly reflects time spent.
 *
 * Input: opportunities closed in the period (filters apply) and their activities at or before the
 * close. Output grain: one row per dimension and value. Missing activities → no rows.
 *
 * @example
 * const {rows} = await winRateByFollowUpMix(ctx);
 * // [{dimension: "dominant_channel", value: "call", n_closed: 410, n_won: 150, win_rate: 0.366, …},
 * //  {dimension: "visit", value: "with_visit", n_closed: 380, n_won: 190, win_rate: 0.5, …}]
 */
export async function winRateByFollowUpMix(ctx: PipelineContext): Promise<PipelineResult<WinRateByFollowUpMixRow>> {
  const missing = await missingTables(ctx.connection, ["activities"]);
  if (missing.length) return {rows: [], missing};
  const filter = filterCondition(ctx.filters);
  const sql = `
WITH ${labelledSql(`${filter.sql} AND f.closed_at >= $period_start::TIMESTAMP AND f.closed_at < $period_end::TIMESTAMP`)},
${mixCountsSql("labelled", [])}`;
  const counts = await readRows<Pick<WinRateByFollowUpMixRow, "dimension" | "value" | "n_closed" | "n_won">>(
    ctx.connection,
    sql,
    {period_start: ctx.period.start, period_end: ctx.period.end, ...filter.params}
  );
  return {rows: counts.map(withWinRate), missing: []};
}

/** The win counts by dominant channel and by visit of `from` (labelled's columns), within each group of the columns `by`. */
export function mixCountsSql(from: string, by: string[]): string {
  const lead = by.map((column) => `${column}, `).join("");
  return `final AS (
  SELECT ${lead}'dominant_channel' AS dimension, dominant_channel AS value, count(*)::INTEGER AS n_closed,
    count(*) FILTER (WHERE outcome = 'won')::INTEGER AS n_won
  FROM ${from} GROUP BY ${lead}dominant_channel
  UNION ALL
  SELECT ${lead}'visit', visit, count(*)::INTEGER, count(*) FILTER (WHERE outcome = 'won')::INTEGER
  FROM ${from} GROUP BY ${lead}visit
  ORDER BY ${lead}dimension, n_closed DESC, value
)
SELECT * FROM final`;
}

/** A count of closed and won with its win rate and 95% Wilson interval. */
export function withWinRate<Row extends {n_closed: number; n_won: number}>(row: Row) {
  // a group holds at least one closed opportunity, so the interval exists
  const {lower, upper} = wilsonInterval(row.n_won, row.n_closed)!;
  return {...row, win_rate: row.n_won / row.n_closed, win_rate_lower: lower, win_rate_upper: upper};
}

/**
 * CTEs ending in labelled: per opportunity closed (won or lost) that passes `where` (over
 * OPPORTUNITY_SCOPE f), its outcome, dominant channel and visit, with `columns` of closed (c) before them.
 */
export function labelledSql(where: string, columns = ""): string {
  return `closed AS (
  SELECT f.opportunity_id, f.outcome, f.closed_at
  FROM ${OPPORTUNITY_SCOPE} f
  -- the contract's win rate: opportunities won or lost in the period
  WHERE ${where} AND f.outcome IN ('won', 'lost')
),
type_counts AS (
  SELECT a.opportunity_id, a.type, count(*) AS n
  FROM activities a JOIN closed c ON c.opportunity_id = a.opportunity_id
  -- what was done before the outcome was known; after-sale contacts would flatter won deals
  WHERE a.occurred_at <= c.closed_at
  GROUP BY a.opportunity_id, a.type
),
mixes AS (
  SELECT opportunity_id,
    first(type ORDER BY n DESC, type) FILTER (WHERE type IS NOT NULL AND type <> 'material_sent') AS dominant_channel,
    bool_or(type = 'visit') AS has_visit
  FROM type_counts
  GROUP BY opportunity_id
),
labelled AS (
  SELECT ${columns}c.outcome, coalesce(m.dominant_channel, 'none') AS dominant_channel,
    CASE WHEN coalesce(m.has_visit, false) THEN 'with_visit' ELSE 'without_visit' END AS visit
  FROM closed c LEFT JOIN mixes m ON m.opportunity_id = c.opportunity_id
)`;
}
