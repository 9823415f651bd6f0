import {listValue, type DuckDBValue} from "@duckdb/node-api";
import {filterCondition} from "../lib/filter-condition.ts";
import {byAccountChoiceSql, EACH_CHOICE, type ChoiceScope} from "../lib/slice-grid.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";

/** Ticket categories that count as complaints, compared case-insensitively. */
export const DEFAULT_COMPLAINT_CATEGORIES: readonly string[] = ["complaint", "投诉"];

export interface ServiceOptions {
  /** categories that are complaints (complaint, 投诉) */
  complaintCategories: readonly string[];
}

/**
 * What every service query binds: the filters, turned into a condition on an account column (tickets
 * belong to accounts, filters to opportunities: an account is in scope when it has an opportunity that
 * matches, or always when no filter is set), and the complaint categories as `$complaint_categories`.
 * DuckDB refuses unused parameters: bind `filterParams` with a query that uses accountCondition and
 * `complaintParams` with one that uses isComplaint.
 *
 * Scoped to EACH_CHOICE (after sliceGridSql's CTEs), `tickets` holds a ticket once per choice it counts in with
 * its `choice_index` — under "all" every ticket, under a filter those of the accounts with an opportunity that
 * passes it — `by` is "choice_index, " to group by, and accountCondition is always true.
 */
export function serviceScope(scope: ChoiceScope, options: Partial<ServiceOptions> = {}) {
  const byChoice = scope === EACH_CHOICE;
  const filter = filterCondition(byChoice ? undefined : scope);
  const categories = (options.complaintCategories ?? DEFAULT_COMPLAINT_CATEGORIES).map((c) => c.toLowerCase());
  if (categories.length === 0) throw new Error("service pipelines require at least one complaint category");
  return {
    filter,
    byChoice,
    by: byChoice ? "choice_index, " : "",
    tickets: byChoice ? byAccountChoiceSql("tickets") : "tickets",
    accountCondition(column: string): string {
      if (filter.sql === "true") return "true";
      return `${column} IN (SELECT f.account_id FROM ${OPPORTUNITY_SCOPE} f WHERE ${filter.sql})`;
    },
    isComplaint(column: string): string {
      return `list_contains($complaint_categories, lower(${column}))`;
    },
    filterParams: filter.params,
    complaintParams: {complaint_categories: listValue(categories)} as Record<string, DuckDBValue>
  };
}
