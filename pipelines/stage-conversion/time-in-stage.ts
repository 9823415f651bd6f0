import type {DuckDBConnection, DuckDBValue} from "@duckdb/node-api";
import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {ensureStageEntries} from "../lib/stage-entries.ts";
import {kaplanMeierQuantiles, type SurvivalTime} from "./kaplan-meier.ts";
import {readStages} from "./read-stages.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";

/** Time spent in one open stage — grain: one row per open stage of the stage model. */
export interface TimeInStageRow {
  stage: string;
  stage_order: number;
  /** stage entries that began in the period */
  count_entries: number;
  /** …that had moved on (to any stage) by now */
  count_exited: number;
  /** …still in the stage now: censored at now */
  count_censored: number;
  /** Kaplan–Meier quantiles of the days in the stage; null when too many are still in it to tell */
  median_days: number | null;
  p75_days: number | null;
  p90_days: number | null;
}

/** Where the durations come from: stage entries that began in [since, until) — all when omitted — before now. */
export interface DurationScope {
  since?: string;
  until?: string;
  now: string;
  filter?: {sql: string; params: Record<string, DuckDBValue>};
}

/**
 * The durations of open-stage spells per stage, in hours, grouped by duration with their events (left the
 * stage by now) and censored spells (still in it now: counted up to now). Hours keep the result small on a
 * million opportunities; the quantiles are reported in days.
 */
export async function readStageDurations(
  connection: DuckDBConnection,
  scope: DurationScope
): Promise<Map<string, SurvivalTime[]>> {
  await ensureStageEntries(connection);
  const rows = await readRows<StageHours>(
    connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     ${stageHoursSql(scope.filter?.sql ?? "true")}`,
    {...scope.filter?.params, since: scope.since ?? null, until: scope.until ?? null, now: scope.now}
  );
  return survivalTimes(rows);
}

export type StageHours = {stage: string; hours: number; events: number; censored: number};

/** Rows of stageHoursSql as survival times per stage, in days. */
export function survivalTimes(rows: StageHours[]): Map<string, SurvivalTime[]> {
  const byStage = new Map<string, SurvivalTime[]>();
  for (const {stage, hours, events, censored} of rows) {
    if (!byStage.has(stage)) byStage.set(stage, []);
    byStage.get(stage)!.push({time: hours / 24, events, censored});
  }
  return byStage;
}

/**
 * CTEs from spells on, over opportunity_scope f: the open stage spells entered between $since and $until that
 * pass `where`, in hours per stage; with `slices` (joins giving e, the entry, its period_index and
 * choice_index) per slice.
 */
export function stageHoursSql(where: string, slices?: string): string {
  const by = slices ? "period_index, choice_index, " : "";
  return `spells AS (
       SELECT ${by}e.stage, e.entered_at,
         -- a move recorded after now has not happened yet as far as this report knows
         CASE WHEN e.next_entered_at <= CAST($now AS TIMESTAMP) THEN e.next_entered_at END AS left_at
       FROM stage_entries e
       JOIN opportunity_scope f ON f.opportunity_id = e.opportunity_id
       ${slices ?? ""}
       WHERE e.stage_kind = 'open'
         AND e.entered_at <= CAST($now AS TIMESTAMP)
         AND ($since IS NULL OR e.entered_at >= CAST($since AS TIMESTAMP))
         AND ($until IS NULL OR e.entered_at < CAST($until AS TIMESTAMP))
         AND ${where}
     ),
     final AS (
       SELECT ${by}stage,
         round(date_diff('second', entered_at, coalesce(left_at, CAST($now AS TIMESTAMP))) / 3600.0)::DOUBLE AS hours,
         count(*) FILTER (WHERE left_at IS NOT NULL)::INTEGER AS events,
         count(*) FILTER (WHERE left_at IS NULL)::INTEGER AS censored
       FROM spells GROUP BY ALL
     )
     SELECT * FROM final ORDER BY ${by}stage, hours`;
}

/**
 * Time in stage: how long opportunities stay in each open stage, from entering it to entering the next
 * (whatever it is: a later stage, an earlier one, won or lost), as the median, p75 and p90 in days.
 *
 * Why: a stage that holds deals for long is where the pipeline silts up, and its p90 is the line beyond
 * which an opportunity counts as stuck. Opportunities still in a stage have not finished their time in
 * it: they are censored at now and the quantiles come from the Kaplan–Meier estimate (see
 * kaplanMeierQuantiles), not from finished spells only, which would understate long stages.
 *
 * Input: stage entries (stage_history, or ingest snapshots) of the filtered opportunities that began in
 * the period; a stage visited twice counts twice. Durations are measured to the hour. Output grain: one
 * row per open stage.
 *
 * @example
 * const {rows} = await timeInStage({connection, period: {start: "2026-01-01", end: "2027-01-01"}, now});
 * // [{stage: "potential", count_entries: 410, median_days: 6.1, p75_days: 9.8, p90_days: 14.2, …}, …]
 */
export async function timeInStage(ctx: PipelineContext): Promise<PipelineResult<TimeInStageRow>> {
  const durations = await readStageDurations(ctx.connection, {
    since: ctx.period.start,
    until: ctx.period.end,
    now: ctx.now,
    filter: filterCondition(ctx.filters, "f")
  });
  const stages = (await readStages(ctx.connection)).filter((s) => s.kind === "open");
  const rows = stages.map(({stage, stage_order}): TimeInStageRow => {
    const times = durations.get(stage) ?? [];
    const [median, p75, p90] = kaplanMeierQuantiles(times, [0.5, 0.75, 0.9]).map(roundDays);
    return {
      stage,
      stage_order,
      count_entries: times.reduce((n, t) => n + t.events + t.censored, 0),
      count_exited: times.reduce((n, t) => n + t.events, 0),
      count_censored: times.reduce((n, t) => n + t.censored, 0),
      median_days: median,
      p75_days: p75,
      p90_days: p90
    };
  });
  return {rows, missing: await missingTables(ctx.connection, ["stage_history"])};
}

/** Days to two decimals (a quarter of an hour; durations are measured to the hour). */
export function roundDays(days: number | null): number | null {
  return days === null ? null : Math.round(days * 100) / 100;
}
