import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {wonAccountsSql} from "./won-accounts-sql.ts";

export type RfmSegment = "champions" | "loyal" | "new" | "promising" | "at_risk" | "hibernating" | "lost";

export interface AccountRfmRow {
  account_id: string;
  /** calendar days from the latest won deal's close to now */
  recency_days: number;
  /** won deals closed in the period */
  frequency: number;
  /** Σ amount of those deals */
  monetary: number;
  first_won_at: string;
  last_won_at: string;
  /** quintile scores 1–5, 5 best (most recent, most frequent, most valuable) */
  r_score: number;
  f_score: number;
  m_score: number;
  /** the three scores as one code, e.g. "545" */
  rfm_score: string;
  rfm_segment: RfmSegment;
}

/**
 * RFM per account on its won deals: recency (days since the latest won deal, at now), frequency (won
 * deals) and monetary (their amount), each scored 1–5 by quintile among the accounts that bought
 * (ties share a score: min(5, 1 + ⌊5 · percent_rank⌋)), and a segment from the R and F scores, first
 * rule that matches: champions (R ≥ 4, F ≥ 4), loyal (R ≥ 3, F ≥ 3), new (R ≥ 4, one deal), promising
 * (R ≥ 3), at_risk (R ≤ 2, F ≥ 3), hibernating (R = 2), lost (R = 1). Why it matters: it separates the
 * customers to keep warm from those drifting away, on behaviour rather than opinion.
 *
 * Deals count when won and closed in the period and by now: pass a long period (all history) for a
 * lifetime view. Filters apply to the deals. Input: opportunities. Output grain: one row per
 * account with at least one such deal, highest monetary first.
 *
 * @example
 * const {rows} = await accountRfm({...ctx, period: {start: "2000-01-01", end: "2100-01-01"}});
 * // [{account_id: "A00042", recency_days: 35, frequency: 4, monetary: 2310000, rfm_score: "555", rfm_segment: "champions", …}]
 */
export async function accountRfm(ctx: PipelineContext): Promise<PipelineResult<AccountRfmRow>> {
  const filter = filterCondition(ctx.filters);
  const sql = `${wonAccountsSql(filter.sql)},
final AS (
  SELECT account_id, recency_days, frequency, monetary, first_won_at, last_won_at, r_score, f_score, m_score,
    rfm_score, rfm_segment
  FROM rfm
  ORDER BY monetary DESC, account_id
)
SELECT * FROM final`;
  const rows = await readRows<AccountRfmRow>(ctx.connection, sql, {
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    now: ctx.now,
    ...filter.params
  });
  return {rows, missing: []};
}
