import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {ensureStageEntries, withStageEntries} from "../lib/stage-entries.ts";
import {kaplanMeierQuantiles} from "./kaplan-meier.ts";
import {readStages} from "./read-stages.ts";
import {readStageDurations, roundDays} from "./time-in-stage.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";

/** An open opportunity that has stayed in its stage too long — grain: one row per stuck opportunity. */
export interface StuckOpportunityRow {
  opportunity_id: string;
  account_id: string | null;
  owner_rep_id: string | null;
  rep_name: string | null;
  team: string | null;
  source: string | null;
  product: string | null;
  stage: string;
  entered_stage_at: string;
  /** now − entered_stage_at, in days */
  days_in_stage: number;
  /** the stage's p90 time in stage over all opportunities (Kaplan–Meier, all history) */
  stage_p90_days: number;
  /** days_in_stage − stage_p90_days */
  days_over_p90: number;
  amount: number | null;
  currency: string | null;
  expected_close_at: string | null;
}

/**
 * Stuck opportunities: open opportunities that have been in their current stage longer than that stage's
 * p90 time in stage — longer than nine in ten opportunities stay there — with the days, worst first.
 *
 * Why: a deal that sits in a stage far beyond the norm is usually dead or forgotten; it inflates the
 * pipeline and needs a decision (push, re-qualify or close as lost). The threshold is the company-wide
 * norm — the Kaplan–Meier p90 over every stage entry up to now, whatever the filters — so a slow team is
 * measured against the same line as everyone else; the filters choose which opportunities are listed.
 * The period plays no part: this is the state now.
 *
 * Input: open opportunities now (filtered), their current stage entry; all stage entries for the norm.
 * Output grain: one row per stuck opportunity, by days_over_p90 descending.
 *
 * @example
 * const {rows} = await stuckOpportunities({connection, period, now: "2026-11-20T00:00:00Z"});
 * // [{opportunity_id: "O000002", stage: "intent", days_in_stage: 1067.0, stage_p90_days: 35.0, …}, …]
 */
export async function stuckOpportunities(ctx: PipelineContext): Promise<PipelineResult<StuckOpportunityRow>> {
  // it reads the stage entries twice: compute them once
  return withStageEntries(ctx.connection, () => stuckOpportunitiesOnce(ctx));
}

async function stuckOpportunitiesOnce(ctx: PipelineContext): Promise<PipelineResult<StuckOpportunityRow>> {
  await ensureStageEntries(ctx.connection);
  const durations = await readStageDurations(ctx.connection, {now: ctx.now});
  const stages = (await readStages(ctx.connection)).filter((s) => s.kind === "open");
  const norms = stages
    .map(({stage}) => ({stage, p90: roundDays(kaplanMeierQuantiles(durations.get(stage) ?? [], [0.9])[0])}))
    .filter((norm): norm is {stage: string; p90: number} => norm.p90 !== null);
  if (norms.length === 0) return {rows: [], missing: await missingTables(ctx.connection, ["stage_history"])};
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const rows = await readRows<StuckOpportunityRow>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     norms AS (
       SELECT unnest(CAST($norms AS JSON)::STRUCT(stage VARCHAR, stage_p90_days DOUBLE)[], recursive := true)
     ),
     current_entries AS (
       -- the stage each opportunity is in now: the entry it had not left by now
       SELECT e.opportunity_id, e.stage, e.entered_at AS entered_stage_at
       FROM stage_entries e
       WHERE e.entered_at <= CAST($now AS TIMESTAMP)
         AND (e.next_entered_at IS NULL OR e.next_entered_at > CAST($now AS TIMESTAMP))
     ),
     in_stage AS (
       SELECT f.opportunity_id, f.account_id, f.owner_rep_id, f.rep_name, f.team, f.source, f.product,
         c.stage, c.entered_stage_at,
         round(date_diff('second', c.entered_stage_at, CAST($now AS TIMESTAMP)) / 86400.0, 2) AS days_in_stage,
         n.stage_p90_days, f.amount, f.currency, f.expected_close_at
       FROM opportunity_scope f
       JOIN current_entries c ON c.opportunity_id = f.opportunity_id
       JOIN norms n ON n.stage = c.stage
       WHERE f.outcome = 'open' AND ${filter}
     ),
     final AS (
       SELECT *, round(days_in_stage - stage_p90_days, 2) AS days_over_p90 FROM in_stage
       -- stuck: longer in the stage than nine in ten opportunities stay
       WHERE days_in_stage > stage_p90_days
     )
     SELECT * FROM final ORDER BY days_over_p90 DESC, opportunity_id`,
    {...params, now: ctx.now, norms: JSON.stringify(norms.map((n) => ({stage: n.stage, stage_p90_days: n.p90})))}
  );
  return {rows, missing: await missingTables(ctx.connection, ["stage_history"])};
}
