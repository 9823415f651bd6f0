import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import type {RfmSegment} from "./account-rfm.ts";
import {wonAccountsSql} from "./won-accounts-sql.ts";

export interface RfmSegmentRow {
  rfm_segment: RfmSegment;
  n_accounts: number;
  /** n_accounts / all accounts that bought, 0–1 */
  account_rate: number;
  /** Σ monetary of the segment's accounts */
  won_amount: number;
  /** means over the segment's accounts */
  recency_days_mean: number;
  frequency_mean: number;
}

/**
 * The RFM segments of accountRfm counted: accounts, their share, their won revenue and their mean
 * recency and frequency. Why it matters: a page shows how the customer base splits (how many
 * champions, how many at risk) without shipping one row per account.
 *
 * Input: as accountRfm (won deals closed in the period and by now; filters apply). Output grain: one
 * row per RFM segment that occurs, largest won revenue first.
 *
 * @example
 * const {rows} = await rfmSegments(ctx);
 * // [{rfm_segment: "champions", n_accounts: 60, account_rate: 0.11, won_amount: 4.1e7, recency_days_mean: 80, frequency_mean: 2.4}, …]
 */
export async function rfmSegments(ctx: PipelineContext): Promise<PipelineResult<RfmSegmentRow>> {
  const filter = filterCondition(ctx.filters);
  const rows = await readRows<RfmSegmentRow>(ctx.connection, rfmSegmentsSql(filter.sql), {
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    now: ctx.now,
    ...filter.params
  });
  return {rows, missing: []};
}

/** The SQL of the rows (per choice, in order, with `byChoice`: see wonAccountsSql). */
export function rfmSegmentsSql(filterSql: string, byChoice = false): string {
  const by = byChoice ? "choice_index, " : "";
  return `${wonAccountsSql(filterSql, byChoice)},
final AS (
  SELECT ${by}rfm_segment, count(*)::INTEGER AS n_accounts,
    count(*) / sum(count(*)) OVER (${byChoice ? "PARTITION BY choice_index" : ""}) AS account_rate,
    sum(monetary)::DOUBLE AS won_amount,
    avg(recency_days) AS recency_days_mean,
    avg(frequency) AS frequency_mean
  FROM rfm
  GROUP BY ${by}rfm_segment
  ORDER BY ${by}won_amount DESC, rfm_segment
)
SELECT * FROM final`;
}
