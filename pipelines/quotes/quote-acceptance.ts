import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {choiceColumn, EACH_CHOICE, type ChoiceScope} from "../lib/slice-grid.ts";
import {wilsonInterval} from "../stats/wilson-interval.ts";
import {quotedSql} from "./quote-scope.ts";

export interface QuoteAcceptanceRow {
  /** quotes issued in the period and by now */
  n_quotes: number;
  n_accepted: number;
  n_rejected: number;
  n_expired: number;
  /** draft, sent or any other status: not decided yet */
  n_pending: number;
  /** n_accepted / (n_accepted + n_rejected + n_expired); null when none is decided */
  acceptance_rate: number | null;
  /** 95% Wilson interval of the rate */
  acceptance_rate_lower: number | null;
  acceptance_rate_upper: number | null;
}

/**
 * Quote acceptance rate (报价接受率): of the quotes issued in the period that the customer decided on, the share
 * accepted; an expired quote counts as declined. Why it matters: a falling rate says pricing or the offer is off
 * before the win rate shows it (docs/method.md §3). Statuses are read in English and Chinese (QUOTE_STATUSES).
 *
 * Input: quotes, opportunities (filters). Output grain: one row. Missing quotes → no rows, missing ["quotes"].
 *
 * @example
 * const {rows: [quotes]} = await quoteAcceptance(ctx);
 * // {n_quotes: 9, n_accepted: 3, n_rejected: 4, n_expired: 1, n_pending: 1, acceptance_rate: 0.375, …}
 */
export async function quoteAcceptance(ctx: PipelineContext): Promise<PipelineResult<QuoteAcceptanceRow>> {
  const missing = await missingTables(ctx.connection, ["quotes"]);
  if (missing.length) return {rows: [], missing};
  const quoted = quotedSql(ctx.filters);
  const [counts] = await readRows<QuoteCounts>(ctx.connection, quoteAcceptanceSql(ctx.filters), {
    ...quoted.params,
    now: ctx.now,
    period_start: ctx.period.start,
    period_end: ctx.period.end
  });
  return {rows: [acceptanceRow(counts)], missing: []};
}

/** The quotes issued in the period by decision: what acceptanceRow rates. */
export type QuoteCounts = Omit<QuoteAcceptanceRow, `acceptance_rate${string}`>;

/** The SQL of QuoteCounts: one row, or one per choice with a quote (EACH_CHOICE). Binds quotedSql's parameters. */
export function quoteAcceptanceSql(scope: ChoiceScope): string {
  return `
WITH ${quotedSql(scope).sql},
final AS (
  SELECT ${choiceColumn(scope)}count(*)::INTEGER AS n_quotes,
    count(*) FILTER (WHERE decision = 'accepted')::INTEGER AS n_accepted,
    count(*) FILTER (WHERE decision = 'rejected')::INTEGER AS n_rejected,
    count(*) FILTER (WHERE decision = 'expired')::INTEGER AS n_expired,
    count(*) FILTER (WHERE decision = 'pending')::INTEGER AS n_pending
  FROM quoted
  WHERE created_at >= $period_start::TIMESTAMP AND created_at < $period_end::TIMESTAMP
  ${scope === EACH_CHOICE ? "GROUP BY choice_index" : ""}
)
SELECT * FROM final`;
}

/** The acceptance rate of the counts, with its Wilson interval. */
export function acceptanceRow(counts: QuoteCounts): QuoteAcceptanceRow {
  const decided = counts.n_accepted + counts.n_rejected + counts.n_expired;
  const interval = wilsonInterval(counts.n_accepted, decided);
  return {
    ...counts,
    acceptance_rate: decided ? counts.n_accepted / decided : null,
    acceptance_rate_lower: interval?.lower ?? null,
    acceptance_rate_upper: interval?.upper ?? null
  };
}
