import type {DuckDBValue} from "@duckdb/node-api";
import type {Filters} from "./context.ts";

/** The opportunity-scope column each filter narrows. */
export const FILTER_COLUMNS: Record<keyof Filters, string> = {
  team: "team",
  region: "region",
  channel: "source",
  rep: "owner_rep_id",
  product: "product"
};

/**
 * A SQL condition over opportunity-scope columns (prefixed by `alias`) for the filters, with its bound
 * parameters. Always returns a condition ("true" when no filter is set).
 */
export function filterCondition(
  filters: Filters = {},
  alias = "f"
): {sql: string; params: Record<string, DuckDBValue>} {
  const parts: string[] = [];
  const params: Record<string, DuckDBValue> = {};
  for (const [key, column] of Object.entries(FILTER_COLUMNS) as [keyof Filters, string][]) {
    const value = filters[key];
    if (value === undefined) continue;
    parts.push(`${alias}.${column} = $filter_${key}`);
    params[`filter_${key}`] = value;
  }
  return {sql: parts.length ? parts.join(" AND ") : "true", params};
}
