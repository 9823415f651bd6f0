import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {wilsonInterval} from "../stats/wilson-interval.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {toDateEnd} from "../lib/to-date-end.ts";

/** A win rate on one basis — grain: one row per basis (snapshot, cohort). */
export interface WinRateRow {
  /** snapshot: opportunities closed in the period; cohort: opportunities created in the period */
  basis: "snapshot" | "cohort";
  label: string;
  label_zh: string;
  /** the denominator: closed in the period (snapshot) or created in the period (cohort) */
  count_opportunities: number;
  count_won: number;
  count_lost: number;
  /** cohort only: still open now (not won yet); 0 for the snapshot basis */
  count_open: number;
  /** count_won / count_opportunities, 0–1; null when there are none */
  win_rate: number | null;
  /** 95% Wilson score interval of win_rate */
  win_rate_low: number | null;
  win_rate_high: number | null;
}

/**
 * Snapshot win rate beside cohort win rate, labelled, because they answer different questions.
 *
 * - snapshot: won / (won + lost) among opportunities closed in the period — how the deals decided in the
 *   period went (the win rate of DESIGN.md, used by rankings);
 * - cohort: won / created among opportunities created in the period — what share of the period's new
 *   opportunities became revenue so far; the ones still open count as not won (yet), so a recent cohort's
 *   rate still rises.
 * Each comes with a 95% Wilson interval (stats/wilson-interval).
 *
 * Input: filtered opportunities with their current outcome and close date. Output grain: two rows.
 *
 * @example
 * const {rows} = await winRates({connection, period: {start: "2025-01-01", end: "2026-01-01"}, now});
 * // [{basis: "snapshot", win_rate: 0.41, …}, {basis: "cohort", win_rate: 0.38, count_open: 12, …}]
 */
export async function winRates(ctx: PipelineContext): Promise<PipelineResult<WinRateRow>> {
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const counts = await readRows<WinRateCounts>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     ${winRateCountsSql(
       `WHERE ${filter}`,
       (column) => `${column} >= CAST($period_start AS TIMESTAMP) AND ${column} < CAST($period_end AS TIMESTAMP)`
     )}`,
    {...params, period_start: ctx.period.start, period_end: ctx.period.end, to_date_end: toDateEnd(ctx.now)}
  );
  return {rows: winRateRows(counts), missing: []};
}

export interface WinRateCounts {
  basis: WinRateRow["basis"];
  won: number;
  lost: number;
  open: number;
}

/**
 * The query's CTEs from the scoped opportunities on (`scope`: joins and a filter on f), counted per basis,
 * each basis in the period `within` gives for a column; with `slices(column)` (joins on s giving
 * period_index and choice_index, the period on that column) counted per slice, empty slices left out.
 */
export function winRateCountsSql(
  scope: string,
  within: (column: string) => string,
  slices?: (column: string) => string
): string {
  const by = slices ? "period_index, choice_index, " : "";
  const group = slices ? "GROUP BY ALL" : "";
  return `scoped AS (
       SELECT f.opportunity_id, f.outcome, f.created_at, f.closed_at FROM opportunity_scope f ${scope}
     ),
     final AS (
       -- decided in the period: closed (won or lost) then, and by the end of now's day
       SELECT ${by}'snapshot' AS basis,
         count(*) FILTER (WHERE outcome = 'won')::INTEGER AS won,
         count(*) FILTER (WHERE outcome = 'lost')::INTEGER AS lost,
         0 AS open
       FROM scoped s ${slices?.("closed_at") ?? ""}
       WHERE outcome IN ('won', 'lost') AND ${within("closed_at")} AND closed_at < CAST($to_date_end AS TIMESTAMP)
       ${group}
       UNION ALL
       -- born in the period, whatever became of them by now
       SELECT ${by}'cohort',
         count(*) FILTER (WHERE outcome = 'won')::INTEGER,
         count(*) FILTER (WHERE outcome = 'lost')::INTEGER,
         count(*) FILTER (WHERE outcome = 'open')::INTEGER
       FROM scoped s ${slices?.("created_at") ?? ""}
       WHERE ${within("created_at")}
       ${group}
     )
     SELECT * FROM final`;
}

/** One slice's counts per basis (a basis without any counts none) as its two rows. */
export function winRateRows(counts: WinRateCounts[]): WinRateRow[] {
  return (["snapshot", "cohort"] as const).map((basis): WinRateRow => {
    const {won, lost, open} = counts.find((c) => c.basis === basis) ?? {won: 0, lost: 0, open: 0};
    const n = won + lost + open;
    const interval = wilsonInterval(won, n);
    return {
      basis,
      ...LABELS[basis],
      count_opportunities: n,
      count_won: won,
      count_lost: lost,
      count_open: open,
      win_rate: n ? won / n : null,
      win_rate_low: interval?.lower ?? null,
      win_rate_high: interval?.upper ?? null
    };
  });
}

const LABELS = {
  snapshot: {label: "Snapshot win rate: won / closed in period", label_zh: "当期赢单率：赢单数 / 当期结束商机数"},
  cohort: {label: "Cohort win rate: won / created in period", label_zh: "同期群赢单率：赢单数 / 当期新建商机数"}
};
