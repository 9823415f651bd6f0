import type {Filters} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";
import {readRows} from "../lib/read-rows.ts";
import {REPORTING_QUOTAS} from "../lib/reporting-amounts.ts";
import {sliceGridSql, splitBySlice, type SliceGrid, type SliceResults} from "../lib/slice-grid.ts";
import {byRank, performanceMetrics, type PerformanceMetrics, type RawPerformance} from "./performance-metrics.ts";
import {performanceTotalsSql, type PerformanceLevel} from "./performance-sql.ts";

type Indexed = {period_index: number; choice_index: number};

/**
 * repPerformance (level "rep") or teamPerformance ("team") of every slice of the grid from one query grouped
 * by period, choice and rep or team, instead of one query per slice: the counts and sums are exact (DECIMAL) and
 * the median is a median per group, so each slice's rows equal the per-slice pipeline's, ranked the same way.
 */
export async function performanceBySlice<Identity>(
  grid: SliceGrid,
  level: PerformanceLevel
): Promise<SliceResults<Identity & PerformanceMetrics>> {
  const missing = await missingTables(grid.connection, ["reps", "activities", "quotas"]);
  const slices = sliceGridSql(grid);
  const raw = await readRows<RawPerformance & Indexed & Record<string, unknown>>(
    grid.connection,
    performanceBySliceSql(level, slices.sql),
    {...slices.params, now: grid.now}
  );
  const identity = level === "rep" ? ["rep_id", "rep_name", "team", "region"] : ["team"];
  const key = (row: Identity & PerformanceMetrics) => (row as Record<string, unknown>)[identity[0]] as string | null;
  return splitBySlice(grid, raw, missing).map((byChoice) =>
    byChoice.map(({rows}, c) => {
      const metrics = performanceMetrics(rows, {
        activities: !missing.includes("activities"),
        quotas: !missing.includes("quotas") && quotasApply(grid.choices[c])
      });
      const identified = rows.map((row, i) => ({
        ...(Object.fromEntries(identity.map((column) => [column, row[column] ?? null])) as Identity),
        ...metrics[i]
      }));
      return {rows: byRank(identified, key), missing};
    })
  );
}

/** Quotas are per rep and month: a channel's or a product's share of them is unknown. */
function quotasApply(filters: Filters): boolean {
  return filters.channel === undefined && filters.product === undefined;
}

/** performanceSql's parts, each joined to the slices it counts in (a quota through its rep's team and region). */
function performanceBySliceSql(level: PerformanceLevel, slices: string): string {
  const key = level === "rep" ? "owner_rep_id" : "team";
  const groups = `period_index, choice_index, ${key}`;
  return `
WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
${slices},
opportunity_rows AS (
  SELECT x.*, m.choice_index FROM opportunity_scope x JOIN slice_members m ON m.opportunity_id = x.opportunity_id
),
created AS (
  SELECT sp.period_index, o.choice_index, o.opportunity_id, o.${key}
  FROM opportunity_rows o JOIN slice_periods sp ON o.created_at >= sp.start_at AND o.created_at < sp.end_at
),
created_counts AS (
  SELECT ${groups}, count(*) AS count_opportunities FROM created GROUP BY ALL
),
touches AS (
  SELECT c.period_index, c.choice_index, c.${key}, count(*) AS count_activities
  FROM activities a JOIN created c ON c.opportunity_id = a.opportunity_id
  GROUP BY ALL
),
closed AS (
  SELECT sp.period_index, o.choice_index, o.${key},
    count(*) FILTER (WHERE outcome = 'won') AS count_won,
    count(*) FILTER (WHERE outcome = 'lost') AS count_lost,
    coalesce(sum(amount) FILTER (WHERE outcome = 'won'), 0) AS won_revenue,
    count(*) FILTER (WHERE outcome = 'won' AND amount IS NULL) AS count_won_without_amount,
    median(cycle_days) FILTER (WHERE outcome = 'won') AS median_cycle_days
  FROM opportunity_rows o JOIN slice_periods sp ON o.closed_at >= sp.start_at AND o.closed_at < sp.end_at
  WHERE outcome IN ('won', 'lost')
  GROUP BY ALL
),
open_now AS (
  SELECT sp.period_index, o.* FROM (
    SELECT choice_index, ${key}, count(*) AS count_open, coalesce(sum(amount), 0) AS open_amount
    FROM opportunity_rows
    WHERE outcome = 'open' AND created_at <= $now::TIMESTAMP
    GROUP BY ALL
  ) o CROSS JOIN slice_periods sp
),
quota_base AS (
  SELECT q.rep_id AS owner_rep_id, r.team, r.region, q.quota, q.month, q.month_end
  FROM (SELECT rep_id, quota, date_trunc('month', month)::DATE AS month,
          (date_trunc('month', month) + INTERVAL 1 MONTH)::DATE AS month_end FROM ${REPORTING_QUOTAS}) q
  LEFT JOIN reps r ON r.rep_id = q.rep_id
),
quota_members AS (
  -- the choices a quota counts in: all, its rep's team and region, its rep; never a channel or a product
  SELECT b.*, c.choice_index
  FROM (SELECT *, unnest(['all', 'team=' || team, 'region=' || region, 'rep=' || owner_rep_id]) AS choice_key
        FROM quota_base) b
  JOIN slice_choices c ON c.choice_key = b.choice_key
),
quota_sums AS (
  SELECT sp.period_index, b.choice_index, b.${key},
    sum((b.quota * date_diff('day', greatest(b.month, sp.start_at::DATE), least(b.month_end, sp.end_at::DATE))
      / date_diff('day', b.month, b.month_end))::DECIMAL(18, 2)) AS quota
  FROM quota_members b JOIN slice_periods sp ON b.month < sp.end_at::DATE AND b.month_end > sp.start_at::DATE
  GROUP BY ALL
),
${performanceTotalsSql(level, "period_index, choice_index, ")}`;
}
