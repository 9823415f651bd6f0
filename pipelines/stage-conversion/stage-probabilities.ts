import type {DuckDBConnection} from "@duckdb/node-api";
import type {Filters, PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {ensureStageEntries} from "../lib/stage-entries.ts";
import {reachedStagesSql} from "./reached-stages.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";

/** The learned probability of one open stage — grain: one row per open stage. */
export interface LearnedStageProbability {
  stage: string;
  stage_order: number;
  /** closed opportunities (won or lost in the window) that reached the stage */
  count_closed_reached: number;
  count_won: number;
  /** count_won / count_closed_reached, 0–1; null when none reached it */
  learned_probability: number | null;
  /** the probability the stage model (stages table) configures, 0–1 */
  configured_probability: number | null;
  /** the one to use: learned, or configured when nothing was learned */
  probability: number | null;
  probability_source: "learned" | "configured" | null;
}

/** Which closed opportunities to learn from: closed in [since, until) (since omitted: all before until). */
export interface LearningWindow {
  since?: string;
  until: string;
  filters?: Filters;
}

/**
 * Learns the win probability of each open stage from history: of the opportunities closed in the window
 * that reached the stage (a later stage implies the earlier ones), the share won.
 *
 * Why: CRMs ship fixed stage probabilities (10/30/60 %) that rarely match how a team really converts; the
 * learned ones weight the pipeline (weightedPipeline) and the pipeline forecast. Only closed opportunities
 * count, so open ones do not pull the rate down; where no closed opportunity reached a stage the configured
 * probability stands in (probability_source says which).
 *
 * Input: closed opportunities in the window (filtered when `filters` is given) and their stage entries.
 * Output grain: one row per open stage in funnel order. `stageProbabilityOf(rows)` makes a lookup of it.
 *
 * @example
 * const learned = await learnStageProbabilities(connection, {since: "2025-11-20", until: "2026-11-20"});
 * const probability = stageProbabilityOf(learned);
 * probability("negotiation") // 0.71
 */
export async function learnStageProbabilities(
  connection: DuckDBConnection,
  window: LearningWindow
): Promise<LearnedStageProbability[]> {
  await ensureStageEntries(connection);
  const {sql: filter, params} = filterCondition(window.filters, "f");
  const rows = await readRows<Omit<LearnedStageProbability, "probability" | "probability_source">>(
    connection,
    `WITH reached AS (${reachedStagesSql(
      // decided in the window: closed (won or lost) then
      `f.outcome IN ('won', 'lost') AND ($since IS NULL OR f.closed_at >= CAST($since AS TIMESTAMP))
       AND f.closed_at < CAST($now AS TIMESTAMP) AND ${filter}`
    )}),
    final AS (
      SELECT st.stage, st.stage_order,
        count(r.opportunity_id)::INTEGER AS count_closed_reached,
        count(r.opportunity_id) FILTER (WHERE r.is_won)::INTEGER AS count_won,
        count(r.opportunity_id) FILTER (WHERE r.is_won) / nullif(count(r.opportunity_id), 0) AS learned_probability,
        st.probability AS configured_probability
      FROM stages st LEFT JOIN reached r ON r.reached_order >= st.stage_order
      WHERE st.kind = 'open'
      GROUP BY ALL
    )
    SELECT * FROM final ORDER BY stage_order, stage`,
    {...params, since: window.since ?? null, now: window.until}
  );
  return rows.map((row) => ({
    ...row,
    probability: row.learned_probability ?? row.configured_probability,
    probability_source:
      row.learned_probability !== null ? "learned" : row.configured_probability !== null ? "configured" : null
  }));
}

/**
 * A lookup stage → probability (learned, else configured) from learnStageProbabilities rows; null for
 * stages that are not open.
 *
 * @example
 * stageProbabilityOf(learned)("intent") // 0.53
 */
export function stageProbabilityOf(learned: LearnedStageProbability[]): (stage: string) => number | null {
  const byStage = new Map(learned.map((row) => [row.stage, row.probability]));
  return (stage) => byStage.get(stage) ?? null;
}

/** Learned against configured and CRM probabilities — grain: one row per open stage. */
export interface StageProbabilityRow extends LearnedStageProbability {
  /** learned_probability − configured_probability */
  learned_minus_configured: number | null;
  /** mean of the CRM's `probability` column over the open opportunities now in the stage; null when not exported */
  crm_probability_avg: number | null;
  count_crm_probability: number;
}

/**
 * Stage probabilities: for each open stage, the share of the opportunities closed in the period that
 * reached it and were won (see learnStageProbabilities), beside the probability configured in the stage
 * model and the average of the CRM's own `probability` column over the opportunities now in the stage.
 *
 * Why: if the learned rates differ from the configured ones, every weighted forecast built on the
 * configured ones is off by that much.
 *
 * Input: filtered opportunities closed in the period (and by now), their stage entries, and the open ones'
 * CRM probability. Output grain: one row per open stage. `missing` lists stage_history when the entries
 * come from snapshots, and "opportunities.probability" when the CRM exported no probability.
 *
 * @example
 * const {rows} = await stageProbabilities({connection, period: {start: "2024-01-01", end: "2026-01-01"}, now});
 * // [{stage: "potential", learned_probability: 0.37, configured_probability: 0.1, …}, …]
 */
export async function stageProbabilities(ctx: PipelineContext): Promise<PipelineResult<StageProbabilityRow>> {
  const until = ctx.period.end < ctx.now ? ctx.period.end : ctx.now;
  const learned = await learnStageProbabilities(ctx.connection, {
    since: ctx.period.start,
    until,
    filters: ctx.filters
  });
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const crm = await readRows<{stage: string; crm_probability_avg: number | null; count_crm_probability: number}>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL})
     SELECT f.stage, avg(f.probability) AS crm_probability_avg, count(f.probability)::INTEGER AS count_crm_probability
     FROM opportunity_scope f WHERE f.outcome = 'open' AND ${filter} GROUP BY f.stage`,
    params
  );
  const rows = learned.map((row): StageProbabilityRow => {
    const fromCrm = crm.find((c) => c.stage === row.stage);
    return {
      ...row,
      learned_minus_configured:
        row.learned_probability !== null && row.configured_probability !== null
          ? row.learned_probability - row.configured_probability
          : null,
      crm_probability_avg: fromCrm?.crm_probability_avg ?? null,
      count_crm_probability: fromCrm?.count_crm_probability ?? 0
    };
  });
  const missing: string[] = await missingTables(ctx.connection, ["stage_history"]);
  if (!crm.some((c) => c.count_crm_probability > 0)) missing.push("opportunities.probability");
  return {rows, missing};
}
