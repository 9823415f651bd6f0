import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {ensureStageEntries} from "../lib/stage-entries.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {inReportingCurrencySql} from "../lib/reporting-amounts.ts";

/**
 * SQL for the opportunities open at the instant $as_of (TIMESTAMP) — grain: one row per opportunity
 * (opportunity_scope aliased f, narrowed by `where`) with the stage it was in then, its currency, and
 * unless `withAmounts` is false its amount then and whether only today's amount was known
 * (amount_is_current). Stage: the last stage event before $as_of (stage_events), so an opportunity lost
 * after $as_of, or reopened since, counts as it was. Amount: the latest of the stage_history amounts and
 * snapshot amounts recorded at or before $as_of, else today's.
 *
 * @example
 * await readRows(connection, `WITH open_then AS (${openAsOfSql("true")}) SELECT stage, count(*) FROM open_then GROUP BY stage`, {as_of: "2026-07-01"});
 */
export function openAsOfSql(where: string, {withAmounts = true} = {}): string {
  const amounts = `
    amounts AS (
      SELECT h.opportunity_id, h.entered_at AS at, h.amount FROM stage_history h
      -- an amount then in another currency has no rate of its day: the current (converted) amount stands for it
      WHERE h.amount IS NOT NULL AND h.entered_at < CAST($as_of AS TIMESTAMP) AND ${inReportingCurrencySql("h.currency")}
      UNION ALL
      -- an export taken at the date shows the state at the date
      SELECT s.opportunity_id, s.exported_at, s.amount FROM opportunity_snapshots s
      WHERE s.amount IS NOT NULL AND s.exported_at <= CAST($as_of AS TIMESTAMP) AND ${inReportingCurrencySql("s.currency")}
    ),
    amount_then AS (
      SELECT a.opportunity_id, arg_max(a.amount, a.at) AS amount
      FROM amounts a SEMI JOIN scoped s ON s.opportunity_id = a.opportunity_id
      GROUP BY a.opportunity_id
    ),`;
  return `
    WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
    scoped AS (
      -- not created yet at the date: not in the pipeline
      SELECT f.opportunity_id, f.amount, f.currency FROM opportunity_scope f
      WHERE f.created_at < CAST($as_of AS TIMESTAMP) AND ${where}
    ),
    state AS (
      -- the stage at the date: the last event before it (a first event dated a little after creation counts from creation)
      SELECT e.opportunity_id,
        coalesce(arg_max(e.stage, (e.entered_at, e.tie)) FILTER (WHERE e.entered_at < CAST($as_of AS TIMESTAMP)),
                 arg_min(e.stage, (e.entered_at, e.tie))) AS stage
      FROM stage_events e SEMI JOIN scoped s ON s.opportunity_id = e.opportunity_id
      GROUP BY e.opportunity_id
    ),${withAmounts ? amounts : ""}
    final AS (
      SELECT s.opportunity_id, st.stage, s.currency${
        withAmounts
          ? `, coalesce(t.amount, s.amount) AS amount, t.amount IS NULL AND s.amount IS NOT NULL AS amount_is_current`
          : ""
      }
      FROM scoped s
      JOIN state st ON st.opportunity_id = s.opportunity_id
      JOIN stages k ON k.stage = st.stage
      ${withAmounts ? "LEFT JOIN amount_then t ON t.opportunity_id = s.opportunity_id" : ""}
      WHERE k.kind = 'open'
    )
    SELECT * FROM final`;
}

/** The open pipeline at a past date — grain: one row per open stage × currency. */
export interface PipelineAsOfRow {
  /** the instant reconstructed: the start (00:00 UTC) of the date asked for, or now if that is later */
  as_of: string;
  stage: string;
  stage_order: number;
  currency: string | null;
  count_opportunities: number;
  /** Σ amount as it was at the date where known, else today's */
  amount: number;
  /** opportunities whose amount at the date is unknown (no snapshot or history amount by then): today's is used */
  count_amount_current: number;
}

/**
 * Pipeline as of a past date: the open pipeline by stage as it stood at the start of day `date` (UTC),
 * reconstructed from stage entries (stage_history or ingest snapshots), creation and close dates, with
 * amounts from the snapshots or stage history recorded by then.
 *
 * Why: "what did the pipeline look like at the start of the quarter?" — to compare with today, to measure
 * how much of it converted, or to backtest a forecast — without having kept a copy of the CRM then. An
 * opportunity closed or moved since counts in the stage it was in at the date.
 *
 * Input: filtered opportunities created before the date, their stage entries, amounts of history and
 * snapshots. `date` defaults to the period start. Output grain: one row per (open stage, currency).
 *
 * @example
 * const {rows} = await pipelineAsOf(ctx, {date: "2026-07-01"});
 * // [{as_of: "2026-07-01T00:00:00Z", stage: "potential", count_opportunities: 41, amount: 11_870_000, …}, …]
 */
export async function pipelineAsOf(
  ctx: PipelineContext,
  options: {date?: string} = {}
): Promise<PipelineResult<PipelineAsOfRow>> {
  await ensureStageEntries(ctx.connection);
  const date = options.date ?? ctx.period.start;
  const asOf = Date.parse(date) < Date.parse(ctx.now) ? date : ctx.now;
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const rows = await readRows<PipelineAsOfRow>(
    ctx.connection,
    `WITH open_then AS (${openAsOfSql(filter)}),
     final AS (
       SELECT CAST($as_of AS TIMESTAMP) AS as_of, o.stage, st.stage_order, o.currency,
         count(*)::INTEGER AS count_opportunities,
         coalesce(sum(o.amount), 0)::DOUBLE AS amount,
         count(*) FILTER (WHERE o.amount_is_current)::INTEGER AS count_amount_current
       FROM open_then o JOIN stages st ON st.stage = o.stage
       GROUP BY ALL
     )
     SELECT * FROM final ORDER BY stage_order, stage, currency NULLS LAST`,
    {...params, as_of: asOf}
  );
  return {rows, missing: await missingTables(ctx.connection, ["stage_history"])};
}
