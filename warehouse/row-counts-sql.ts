import type {EntityName} from "./schema/entities.ts";

/**
 * SQL for the rows of each named table: one row per table, columns "table", position (the order given)
 * and n_rows (INTEGER). Table names come from the schema, never from input: identifiers cannot be bound.
 */
export function rowCountsSql(names: readonly EntityName[]): string {
  return names
    .map(
      (name, i) => `SELECT '${name}' AS "table", ${i} AS position, (SELECT count(*) FROM ${name})::INTEGER AS n_rows`
    )
    .join("\nUNION ALL ");
}
