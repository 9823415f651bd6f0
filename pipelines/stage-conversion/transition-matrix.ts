import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {ensureStageEntries} from "../lib/stage-entries.ts";
import {readStages, type ConfiguredStage} from "./read-stages.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";

/** What kind of move a transition is. */
export type Move = "start" | "forward" | "skip" | "backward" | "won" | "lost" | "reopened";

/** One cell of the transition matrix — grain: one row per (from stage, to stage) pair that occurred. */
export interface TransitionRow {
  /** the stage left; null for the first stage an opportunity entered when it was created */
  from_stage: string | null;
  from_stage_order: number | null;
  to_stage: string;
  to_stage_order: number;
  /** start (first stage), forward (next open stage), skip (jumped over open stages), backward, won, lost, reopened (out of won/lost) */
  move: Move;
  /** open stages jumped over: potential → negotiation skips 1, intent → won skips 1 (negotiation) */
  count_stages_skipped: number;
  count_transitions: number;
  /** count_transitions / all transitions out of from_stage in the period, 0–1 */
  transition_rate: number;
}

/**
 * From-stage × to-stage transition matrix: how often opportunities moved from each stage to each other
 * stage, from consecutive stage entries, with skipped stages and backward moves marked.
 *
 * Why: the funnel assumes stages are passed in order; the matrix shows how the pipeline really moves —
 * deals that jump straight to negotiation, fall back from negotiation to intent, are lost from each stage,
 * or come back after being lost — which is what a stage definition or a sales process review needs.
 *
 * Input: stage entries (stage_history or ingest snapshots) of the filtered opportunities; a transition
 * belongs to the period in which the stage it goes to was entered (a start: when the opportunity was
 * created). Output grain: one row per (from_stage, to_stage) that occurred, ordered by from and to stage.
 *
 * @example
 * const {rows} = await transitionMatrix({connection, period: {start: "2026-01-01", end: "2027-01-01"}, now});
 * // {from_stage: "potential", to_stage: "negotiation", move: "skip", count_stages_skipped: 1, count_transitions: 31, …}
 */
export async function transitionMatrix(ctx: PipelineContext): Promise<PipelineResult<TransitionRow>> {
  await ensureStageEntries(ctx.connection);
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const counts = await readRows<TransitionCounts>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     ${transitionCountsSql(
       `JOIN opportunity_scope f ON f.opportunity_id = e.opportunity_id WHERE ${filter}`,
       `moved_at >= CAST($period_start AS TIMESTAMP) AND moved_at < CAST($period_end AS TIMESTAMP)`
     )}`,
    {...params, period_start: ctx.period.start, period_end: ctx.period.end, now: ctx.now}
  );
  const stages = await readStages(ctx.connection);
  return {rows: transitionRows(counts, stages), missing: await missingTables(ctx.connection, ["stage_history"])};
}

export interface TransitionCounts {
  from_stage: string | null;
  to_stage: string;
  count_transitions: number;
}

/**
 * The query's CTEs from the stage entries on: the moves of the entries `entries` keeps (joins and a
 * filter on e), made when `when` (on moved_at) holds and by $now, counted per from and to stage; with
 * `slices` (joins on v, a move, giving its period_index and choice_index) counted per slice.
 */
export function transitionCountsSql(entries: string, when: string, slices?: string): string {
  return `entries AS (
       SELECT e.* FROM stage_entries e ${entries}
     ),
     moves AS (
       -- an opportunity's first entry is its start; every later one a move from the entry before it
       SELECT opportunity_id, NULL AS from_stage, stage AS to_stage, entered_at AS moved_at FROM entries WHERE entry_index = 1
       UNION ALL
       SELECT opportunity_id, stage, next_stage, next_entered_at FROM entries WHERE next_stage IS NOT NULL
     ),
     final AS (
       SELECT ${slices ? "period_index, choice_index, " : ""}from_stage, to_stage, count(*)::INTEGER AS count_transitions
       FROM moves v
       ${slices ?? ""}
       -- a move belongs to the period in which the stage it goes to was entered
       WHERE ${when} AND moved_at <= CAST($now AS TIMESTAMP)
       GROUP BY ALL
     )
     SELECT * FROM final`;
}

/** One slice's counted moves as the matrix's rows: classified, with their rates, from and to stage in order. */
export function transitionRows(counts: TransitionCounts[], configured: ConfiguredStage[]): TransitionRow[] {
  const stages = new Map(configured.map((s) => [s.stage, s]));
  const outOf = new Map<string | null, number>();
  for (const c of counts) outOf.set(c.from_stage, (outOf.get(c.from_stage) ?? 0) + c.count_transitions);
  const rows = counts.map(({from_stage, to_stage, count_transitions}): TransitionRow => {
    const from = from_stage === null ? undefined : stages.get(from_stage);
    const to = stages.get(to_stage)!;
    const {move, skipped} = classifyMove(from, to, configured);
    return {
      from_stage,
      from_stage_order: from?.stage_order ?? null,
      to_stage,
      to_stage_order: to.stage_order,
      move,
      count_stages_skipped: skipped,
      count_transitions,
      transition_rate: count_transitions / outOf.get(from_stage)!
    };
  });
  return rows.sort((a, b) => (a.from_stage_order ?? 0) - (b.from_stage_order ?? 0) || order(a, b));
}

function order(a: TransitionRow, b: TransitionRow): number {
  return (
    String(a.from_stage).localeCompare(String(b.from_stage)) ||
    a.to_stage_order - b.to_stage_order ||
    a.to_stage.localeCompare(b.to_stage)
  );
}

/**
 * The kind of a move from `from` (undefined: creation) to `to`, and how many open stages it jumped over:
 * the open stages strictly between the two (before `to` for a start; after `from` for a win).
 *
 * @example
 * classifyMove(potential, negotiation, stages) // {move: "skip", skipped: 1} — intent was jumped over
 */
export function classifyMove(
  from: ConfiguredStage | undefined,
  to: ConfiguredStage,
  stages: ConfiguredStage[]
): {move: Move; skipped: number} {
  const open = stages.filter((s) => s.kind === "open").map((s) => s.stage_order);
  const between = (low: number, high: number) => open.filter((o) => o > low && o < high).length;
  if (from === undefined) return {move: "start", skipped: to.kind === "lost" ? 0 : between(-Infinity, to.stage_order)};
  if (from.kind !== "open" && to.kind === "open") return {move: "reopened", skipped: 0};
  if (to.kind === "won") return {move: "won", skipped: from.kind === "open" ? between(from.stage_order, Infinity) : 0};
  if (to.kind === "lost") return {move: "lost", skipped: 0};
  if (to.stage_order <= from.stage_order) return {move: "backward", skipped: 0};
  const skipped = between(from.stage_order, to.stage_order);
  return {move: skipped > 0 ? "skip" : "forward", skipped};
}
