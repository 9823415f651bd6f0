import type {DuckDBValue} from "@duckdb/node-api";
import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {wilsonInterval} from "../stats/wilson-interval.ts";
import {followUpOptions, followUpParams, type FollowUpOptions} from "./follow-up-options.ts";
import {planStepsSql} from "./plan-steps-sql.ts";

/** Compliance counts shared by every grouping (per rep, per channel). */
export interface ComplianceCounts {
  /** opportunities created in the period */
  n_opportunities: number;
  /** whose plan is still running at now: neither compliant nor not yet */
  n_pending: number;
  /** n_opportunities − n_pending: the denominator of compliant_rate */
  n_evaluated: number;
  n_compliant: number;
  /** n_compliant / n_evaluated, with its 95% Wilson interval; null when nothing was evaluated */
  compliant_rate: number | null;
  compliant_rate_lower: number | null;
  compliant_rate_upper: number | null;
  /** not-compliant opportunities by the first step that failed */
  n_failed_first_contact: number;
  n_failed_materials: number;
  n_failed_second_contact: number;
}

/** A grouping of the plan's rows: output column name → SQL over the plan CTE (at most three columns). */
export type ComplianceGrouping = Record<string, string>;

const COUNTS = `
    count(*)::INTEGER AS n_opportunities,
    count(*) FILTER (WHERE plan_status = 'pending')::INTEGER AS n_pending,
    count(*) FILTER (WHERE plan_status <> 'pending')::INTEGER AS n_evaluated,
    count(*) FILTER (WHERE plan_status = 'compliant')::INTEGER AS n_compliant,
    count(*) FILTER (WHERE failed_step = 'first_contact')::INTEGER AS n_failed_first_contact,
    count(*) FILTER (WHERE failed_step = 'materials')::INTEGER AS n_failed_materials,
    count(*) FILTER (WHERE failed_step = 'second_contact')::INTEGER AS n_failed_second_contact`;

/**
 * Compliance counts of the opportunities created in the period, once per grouping (e.g. by rep and by
 * channel) from a single evaluation of the plan: one result per grouping, in the order given, its rows
 * carrying the grouping's column names.
 */
export async function complianceCounts<Row extends ComplianceCounts>(
  ctx: PipelineContext,
  groupings: ComplianceGrouping[],
  options: Partial<FollowUpOptions>
): Promise<PipelineResult<Row>[]> {
  const resolved = followUpOptions(options);
  const missing = await missingTables(ctx.connection, ["activities"]);
  if (missing.length) return groupings.map(() => ({rows: [], missing}));
  const filter = filterCondition(ctx.filters);
  const sql = `${planStepsSql("created", filter.sql)},
final AS (
  ${groupingSelects(groupings, "plan", [])}
  ORDER BY g, k1, k2, k3
)
SELECT * FROM final`;
  const params: Record<string, DuckDBValue> = {...followUpParams(ctx, resolved), ...filter.params};
  const counts = await readRows<CountsRow>(ctx.connection, sql, params);
  const results: PipelineResult<Row>[] = groupings.map(() => ({rows: [], missing: []}));
  for (const row of counts) results[Number(row.g)].rows.push(complianceRow<Row>(groupings, row));
  return results;
}

/** A row of groupingSelects's result. */
export type CountsRow = Record<string, number | string | null>;

/** One SELECT per grouping over `from`, UNION ALL: the columns `by`, g (the grouping's index), k1–k3 (its columns), the counts. */
export function groupingSelects(groupings: ComplianceGrouping[], from: string, by: string[]): string {
  const lead = by.map((column) => `${column}, `).join("");
  const keys = ["k1", "k2", "k3"];
  const selects = groupings.map((grouping, g) => {
    const expressions = Object.values(grouping);
    if (expressions.length > keys.length) throw new Error("a compliance grouping has at most three columns");
    const columns = keys.map((key, i) => `${expressions[i] ?? "NULL"} AS ${key}`).join(", ");
    return `SELECT ${lead}${g} AS g, ${columns},${COUNTS}\n  FROM ${from} GROUP BY ALL`;
  });
  return selects.join("\n  UNION ALL\n  ");
}

/** A counted row with its grouping's column names and the compliant rate with its interval. */
export function complianceRow<Row extends ComplianceCounts>(
  groupings: ComplianceGrouping[],
  {g, k1, k2, k3, ...row}: CountsRow
): Row {
  const values = [k1, k2, k3];
  const names = Object.fromEntries(Object.keys(groupings[Number(g)]).map((name, i) => [name, values[i]]));
  const {n_evaluated: n, n_compliant: k} = row as unknown as ComplianceCounts;
  const interval = wilsonInterval(k, n);
  return {
    ...names,
    ...row,
    compliant_rate: n > 0 ? k / n : null,
    compliant_rate_lower: interval?.lower ?? null,
    compliant_rate_upper: interval?.upper ?? null
  } as unknown as Row;
}
