import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {pipelineStageProbabilities, round2} from "../pipeline/weighted-pipeline.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {toDateEnd} from "../lib/to-date-end.ts";
import {stageProbabilityOf} from "../stage-conversion/stage-probabilities.ts";
import {addMonths, monthsBetween} from "./add-months.ts";

/** What the pipeline forecast said at an ingest against what happened — grain: one row per ingest × month × currency. */
export interface ForecastAccuracyRow {
  ingest_id: number;
  exported_at: string;
  /** the month forecast (complete by now) */
  target_month: string;
  /** months from the export's month to the target month: 0 = forecast within the month */
  lead_months: number;
  currency: string | null;
  /** won in the target month up to the end of the export's day (only for the export's own month) */
  closed_to_date: number;
  /** Σ amount × stage probability of the deals open in the export and expected in the month (overdue: the export's month) */
  pipeline_expected: number;
  /** closed_to_date + pipeline_expected: the forecast made then */
  forecast_amount: number;
  /** won in the month, as known now */
  actual_amount: number;
  /** forecast_amount − actual_amount */
  error_amount: number;
  /** max(0, 1 − |actual − forecast| / actual), 0–1; null when nothing was won (actual = 0) */
  accuracy_rate: number | null;
}

/**
 * Forecast accuracy over time: for each ingest whose export month is complete by now, what the pipeline
 * forecast said then for that month and the months after — the revenue already won that month by the end of
 * the export's day (toDateEnd, as pipelineForecast counts it) plus Σ amount × stage probability over the
 * deals open in the export (each opportunity's latest snapshot up to the ingest), placed by expected close
 * month as pipelineForecast places them, with the probabilities learned from what had closed by then
 * (pipelineStageProbabilities at the export) — against the revenue actually won in the month. accuracy = max(0, 1 − |actual − forecast| / actual).
 *
 * Why: a forecast method earns trust by its record. A pipeline forecast that says 90 % accurate a month out
 * but 40 % three months out tells the reader how far ahead to lean on it.
 *
 * Ingests: the first of each month by default (the call made at the start of the month), every one with
 * `everyIngest` — each costs a stage-probability fit, so nightly ingests over years add up.
 *
 * Input: opportunity_snapshots and ingests; won opportunities (filtered by their current attributes). Target
 * months: those starting in the period and complete by now. Output grain: one row per ingest × target month ×
 * currency, oldest first. `missing` names opportunity_snapshots when there are none, or when no ingest is old
 * enough to have a complete month to check ("opportunity_snapshots: needs an ingest before the month holding now").
 *
 * @example
 * const {rows} = await forecastAccuracy({...ctx, period: {start: "2026-01-01", end: "2026-11-01"}});
 * // [{ingest_id: 3, exported_at: "2026-07-01T00:00:00Z", target_month: "2026-08-01", lead_months: 1, accuracy_rate: 0.82, …}, …]
 */
export async function forecastAccuracy(
  ctx: PipelineContext,
  options: {everyIngest?: boolean} = {}
): Promise<PipelineResult<ForecastAccuracyRow>> {
  const missing: string[] = [];
  const currentMonth = addMonths(ctx.now, 0);
  const snapshots = await readRows<{ingest_id: number; exported_at: string}>(
    ctx.connection,
    `SELECT ingest_id, max(exported_at) AS exported_at FROM opportunity_snapshots
       WHERE exported_at <= CAST($now AS TIMESTAMP) GROUP BY ingest_id ORDER BY exported_at, ingest_id`,
    {now: ctx.now}
  );
  const ingests = snapshots
    .filter((ingest) => addMonths(ingest.exported_at, 0) < currentMonth)
    // by default the month's first export: the forecast made at the start of the month
    .filter(
      (ingest, i, all) =>
        options.everyIngest || i === 0 || addMonths(all[i - 1].exported_at, 0) !== addMonths(ingest.exported_at, 0)
    );
  const rows: ForecastAccuracyRow[] = [];
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  for (const ingest of ingests) {
    const exportMonth = addMonths(ingest.exported_at, 0);
    const targets = Array.from({length: monthsBetween(exportMonth, currentMonth)}, (_, i) =>
      addMonths(exportMonth, i)
    ).filter((month) => month >= ctx.period.start.slice(0, 10) && month < ctx.period.end);
    if (targets.length === 0) continue;
    const probability = stageProbabilityOf(await pipelineStageProbabilities(ctx.connection, ingest.exported_at));
    const open = await readRows<{month: string; currency: string | null; stage: string; amount: number}>(
      ctx.connection,
      `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
       states AS (
         -- an opportunity's state at an ingest is its latest snapshot up to it: an export that left it out changed nothing
         SELECT s.opportunity_id, s.stage, s.amount, s.currency, s.expected_close_at, coalesce(s.outcome, st.kind) AS outcome
         FROM opportunity_snapshots s LEFT JOIN stages st ON st.stage = s.stage
         WHERE s.exported_at < CAST($at AS TIMESTAMP) OR (s.exported_at = CAST($at AS TIMESTAMP) AND s.ingest_id <= $ingest_id)
         QUALIFY row_number() OVER (PARTITION BY s.opportunity_id ORDER BY s.exported_at DESC, s.ingest_id DESC) = 1
       ),
       final AS (
         -- overdue deals are expected in the export's month, as pipelineForecast places them
         SELECT greatest(date_trunc('month', s.expected_close_at), CAST($export_month AS DATE))::DATE AS month,
           s.currency, s.stage, coalesce(sum(s.amount), 0)::DOUBLE AS amount
         FROM states s LEFT JOIN opportunity_scope f ON f.opportunity_id = s.opportunity_id
         WHERE s.outcome = 'open' AND s.expected_close_at IS NOT NULL AND ${filter}
         GROUP BY ALL
       )
       SELECT * FROM final WHERE month >= CAST($first AS DATE) AND month < CAST($current AS DATE)`,
      {
        ...params,
        at: ingest.exported_at,
        ingest_id: ingest.ingest_id,
        export_month: exportMonth,
        first: targets[0],
        current: currentMonth
      }
    );
    const won = await readRows<{month: string; currency: string | null; actual: number; before_export: number}>(
      ctx.connection,
      `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
       final AS (
         SELECT date_trunc('month', f.closed_at)::DATE AS month, f.currency,
           coalesce(sum(f.amount), 0)::DOUBLE AS actual,
           coalesce(sum(f.amount) FILTER (WHERE f.closed_at < CAST($export_day_end AS TIMESTAMP)), 0)::DOUBLE AS before_export
         FROM opportunity_scope f
         WHERE f.outcome = 'won' AND f.closed_at >= CAST($first AS TIMESTAMP) AND f.closed_at < CAST($current AS TIMESTAMP) AND ${filter}
         GROUP BY ALL
       )
       SELECT * FROM final`,
      {...params, export_day_end: toDateEnd(ingest.exported_at), first: targets[0], current: currentMonth}
    );
    const currencies = [...new Set([...open, ...won].map((row) => row.currency))].sort((a, b) =>
      a === null ? 1 : b === null ? -1 : a.localeCompare(b)
    );
    for (const month of targets)
      for (const currency of currencies) {
        const expected = open
          .filter((o) => o.month === month && o.currency === currency)
          .reduce((sum, o) => sum + o.amount * (probability(o.stage) ?? 0), 0);
        const actualRow = won.find((w) => w.month === month && w.currency === currency);
        const actual = actualRow?.actual ?? 0;
        const closed = month === exportMonth ? (actualRow?.before_export ?? 0) : 0;
        const forecast = round2(closed + expected);
        rows.push({
          ingest_id: ingest.ingest_id,
          exported_at: ingest.exported_at,
          target_month: month,
          lead_months: monthsBetween(exportMonth, month),
          currency,
          closed_to_date: closed,
          pipeline_expected: round2(expected),
          forecast_amount: forecast,
          actual_amount: actual,
          error_amount: round2(forecast - actual),
          accuracy_rate: actual > 0 ? Math.max(0, 1 - Math.abs(actual - forecast) / actual) : null
        });
      }
  }
  if (ingests.length === 0)
    missing.push(
      snapshots.length ? "opportunity_snapshots: needs an ingest before the month holding now" : "opportunity_snapshots"
    );
  return {rows, missing};
}
