import type {DuckDBValue} from "@duckdb/node-api";
import type {Filters, PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {stageProbabilityOf} from "../stage-conversion/stage-probabilities.ts";
import {pipelineStageProbabilities, round2, type StageProbabilityOptions} from "./weighted-pipeline.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {toDateEnd} from "../lib/to-date-end.ts";
import {REPORTING_QUOTAS} from "../lib/reporting-amounts.ts";

/** Pipeline coverage of the period's remaining quota — grain: one row per currency. */
export interface PipelineCoverageRow {
  period_start: string;
  period_end: string;
  currency: string | null;
  /** open opportunities now whose expected close falls in the period */
  count_open_due: number;
  open_due_amount: number;
  /** the same weighted by the learned stage probabilities (weightedPipeline) */
  weighted_due_amount: number;
  /** won in the period so far (closed by the end of now's day, toDateEnd) */
  won_amount: number;
  /** Σ quota of the months starting in the period; null without quotas (or with a channel/product filter) */
  quota: number | null;
  /** quota − won_amount */
  remaining_quota: number | null;
  /** open_due_amount / remaining_quota; null without a remaining quota (none set, or already met) */
  coverage_ratio: number | null;
  weighted_coverage_ratio: number | null;
}

/**
 * Pipeline coverage: the open pipeline expected to close in the period divided by what is still to win in
 * it — remaining quota = quota of the period − revenue won in the period so far.
 *
 * Why: the classic health check of a sales period; a coverage of 3× means three of pipeline for every one
 * still to book, and below the team's win rate's inverse the quota is out of reach without new deals. The
 * weighted coverage divides the probability-weighted pipeline instead, so 1.0 means "on track".
 *
 * Quotas are per rep and month: the quota is the sum over the months whose first day is in the period, of
 * the reps the team/region/rep filters select; quotas have no channel or product, so with those filters
 * quota and coverage are null. Overdue opportunities whose expected close is before the period do not
 * count. Input: open opportunities now, won opportunities closed in the period, quotas. Output grain: one
 * row per currency (one row with zero pipeline when there is nothing at all).
 *
 * @example
 * const {rows} = await pipelineCoverage({connection, period: {start: "2026-10-01", end: "2027-01-01"}, now});
 * // [{currency: "CNY", open_due_amount: 21_000_000, quota: 25_000_000, won_amount: 14_000_000, coverage_ratio: 1.91, …}]
 */
export async function pipelineCoverage(
  ctx: PipelineContext,
  options: StageProbabilityOptions = {}
): Promise<PipelineResult<PipelineCoverageRow>> {
  const probability = stageProbabilityOf(
    options.learned ?? (await pipelineStageProbabilities(ctx.connection, ctx.now))
  );
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const period = {period_start: ctx.period.start, period_end: ctx.period.end};
  const opportunities = await readRows<{
    currency: string | null;
    stage: string;
    open_due: number;
    count: number;
    won: number;
  }>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     scoped AS (SELECT * FROM opportunity_scope f WHERE ${filter}),
     final AS (
       -- open now and expected to close in the period
       SELECT currency, stage, coalesce(sum(amount), 0)::DOUBLE AS open_due, count(*)::INTEGER AS count, 0::DOUBLE AS won
       FROM scoped WHERE outcome = 'open'
         AND expected_close_at >= CAST($period_start AS DATE) AND expected_close_at < CAST($period_end AS DATE)
       GROUP BY ALL
       UNION ALL
       -- won in the period so far: up to the end of now's day, as the site's periods count
       SELECT currency, stage, 0, 0, coalesce(sum(amount), 0)::DOUBLE
       FROM scoped WHERE outcome = 'won' AND closed_at >= CAST($period_start AS TIMESTAMP)
         AND closed_at < CAST($period_end AS TIMESTAMP) AND closed_at < CAST($to_date_end AS TIMESTAMP)
       GROUP BY ALL
     )
     SELECT * FROM final`,
    {...params, ...period, to_date_end: toDateEnd(ctx.now)}
  );
  const missing = await missingTables(ctx.connection, ["quotas"]);
  const quotas = missing.length ? [] : await readQuotas(ctx, ctx.filters ?? {});
  const currencies = [...new Set([...opportunities.map((o) => o.currency), ...(quotas ?? []).map((q) => q.currency)])];
  // one row per currency, in a stable order (no currency last); one row even with nothing at all
  currencies.sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  if (currencies.length === 0) currencies.push(null);
  const rows = currencies.map((currency): PipelineCoverageRow => {
    const mine = opportunities.filter((o) => o.currency === currency);
    const sum = (f: (o: (typeof mine)[number]) => number) => mine.reduce((total, o) => total + f(o), 0);
    const quotaRow = quotas?.find((q) => q.currency === currency);
    const quota = quotaRow?.quota ?? null;
    const open = round2(sum((o) => o.open_due));
    const weighted = round2(sum((o) => o.open_due * (probability(o.stage) ?? 0)));
    const won = round2(sum((o) => o.won));
    const remaining = quota === null ? null : round2(quota - won);
    const cover = (amount: number) => (remaining !== null && remaining > 0 ? amount / remaining : null);
    return {
      ...{period_start: ctx.period.start, period_end: ctx.period.end, currency},
      count_open_due: sum((o) => o.count),
      open_due_amount: open,
      weighted_due_amount: weighted,
      won_amount: won,
      quota,
      remaining_quota: remaining,
      coverage_ratio: cover(open),
      weighted_coverage_ratio: cover(weighted)
    };
  });
  return {rows, missing};
}

/** Σ quota per currency of the months starting in the period, for the reps the filters select; null when a filter cannot apply to quotas. */
async function readQuotas(ctx: PipelineContext, filters: Filters) {
  if (filters.channel !== undefined || filters.product !== undefined) return null;
  const conditions: string[] = [];
  const params: Record<string, DuckDBValue> = {period_start: ctx.period.start, period_end: ctx.period.end};
  for (const [key, column] of [
    ["team", "r.team"],
    ["region", "r.region"],
    ["rep", "q.rep_id"]
  ] as const) {
    if (filters[key] === undefined) continue;
    conditions.push(`${column} = $filter_${key}`);
    params[`filter_${key}`] = filters[key];
  }
  return readRows<{currency: string | null; quota: number}>(
    ctx.connection,
    `SELECT q.currency, sum(q.quota)::DOUBLE AS quota
     FROM ${REPORTING_QUOTAS} q LEFT JOIN reps r ON r.rep_id = q.rep_id
     -- a month belongs to the period when its first day does
     WHERE q.month >= CAST($period_start AS DATE) AND q.month < CAST($period_end AS DATE)
       AND ${conditions.length ? conditions.join(" AND ") : "true"}
     GROUP BY q.currency`,
    params
  );
}
