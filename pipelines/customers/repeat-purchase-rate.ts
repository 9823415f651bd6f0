import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {wilsonInterval} from "../stats/wilson-interval.ts";
import {wonAccountsSql} from "./won-accounts-sql.ts";

export interface RepeatPurchaseRateRow {
  /** accounts with at least one won deal closed in the period */
  n_accounts_won: number;
  /** of them, accounts with at least two */
  n_accounts_repeat: number;
  /** n_accounts_repeat / n_accounts_won with its 95% Wilson interval; null when nobody bought */
  repeat_purchase_rate: number | null;
  repeat_purchase_rate_lower: number | null;
  repeat_purchase_rate_upper: number | null;
}

/**
 * Repeat-purchase rate: accounts with ≥ 2 won deals / accounts with ≥ 1, counting won deals closed in
 * the period and by now (pass all history for the lifetime rate), with a 95% Wilson interval. Why it
 * matters: winning a customer back costs less than finding a new one; a falling rate is an early
 * warning that relationships (docs/method.md §6) are not kept.
 *
 * Input: opportunities (filters apply to the deals). Output grain: one row.
 *
 * @example
 * const {rows} = await repeatPurchaseRate(ctx);
 * // [{n_accounts_won: 420, n_accounts_repeat: 96, repeat_purchase_rate: 0.2286, …}]
 */
export async function repeatPurchaseRate(ctx: PipelineContext): Promise<PipelineResult<RepeatPurchaseRateRow>> {
  const filter = filterCondition(ctx.filters);
  const [counts] = await readRows<RepeatCounts>(ctx.connection, repeatCountsSql(filter.sql), {
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    now: ctx.now,
    ...filter.params
  });
  return {rows: [repeatPurchaseRow(counts)], missing: []};
}

export type RepeatCounts = {n_accounts_won: number; n_accounts_repeat: number};

/** The SQL of the counts: one row, or one per choice with `byChoice` (see wonAccountsSql). */
export function repeatCountsSql(filterSql: string, byChoice = false): string {
  return `${wonAccountsSql(filterSql, byChoice)},
final AS (
  SELECT ${byChoice ? "sc.choice_index, count(w.account_id)" : "count(*)"}::INTEGER AS n_accounts_won,
    count(*) FILTER (WHERE w.frequency >= 2)::INTEGER AS n_accounts_repeat
  FROM ${byChoice ? "slice_choices sc LEFT JOIN won_accounts w ON w.choice_index = sc.choice_index GROUP BY sc.choice_index" : "won_accounts w"}
)
SELECT * FROM final`;
}

/** The repeat-purchase rate of the counts, with its Wilson interval. */
export function repeatPurchaseRow(counts: RepeatCounts): RepeatPurchaseRateRow {
  const {n_accounts_won: n, n_accounts_repeat: k} = counts;
  const interval = wilsonInterval(k, n);
  return {
    ...counts,
    repeat_purchase_rate: n > 0 ? k / n : null,
    repeat_purchase_rate_lower: interval?.lower ?? null,
    repeat_purchase_rate_upper: interval?.upper ?? null
  };
}
