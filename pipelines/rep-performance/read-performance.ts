import type {PipelineContext} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {performanceMetrics, type PerformanceMetrics, type RawPerformance} from "./performance-metrics.ts";
import {performanceSql, type PerformanceLevel} from "./performance-sql.ts";

/**
 * Runs the performance query for reps or teams and adds the statistics: the shared body of
 * `repPerformance` and `teamPerformance`. Returns each row's identity columns (`Identity`) with its
 * metrics, in query order, and the optional tables that were missing.
 */
export async function readPerformance<Identity>(
  ctx: PipelineContext,
  level: PerformanceLevel
): Promise<{rows: (Identity & PerformanceMetrics)[]; missing: string[]}> {
  const filters = ctx.filters ?? {};
  const missing = await missingTables(ctx.connection, ["reps", "activities", "quotas"]);
  // quotas are per rep and month: a channel's or a product's share of them is unknown
  const quotasApply = !missing.includes("quotas") && filters.channel === undefined && filters.product === undefined;
  const filter = filterCondition(filters, "x");
  const raw = await readRows<RawPerformance & Record<string, unknown>>(
    ctx.connection,
    performanceSql(level, filter.sql),
    {
      ...filter.params,
      start: ctx.period.start,
      end: ctx.period.end,
      now: ctx.now,
      quotas_apply: quotasApply
    }
  );
  const metrics = performanceMetrics(raw, {activities: !missing.includes("activities"), quotas: quotasApply});
  const identity = level === "rep" ? ["rep_id", "rep_name", "team", "region"] : ["team"];
  const rows = raw.map((row, i) => ({
    ...(Object.fromEntries(identity.map((column) => [column, row[column] ?? null])) as Identity),
    ...metrics[i]
  }));
  return {rows, missing};
}
