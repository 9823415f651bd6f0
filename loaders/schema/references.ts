import {ENTITIES, ENTITY_NAMES, type EntityName} from "./entities.ts";

/** A column that points at another table's key (opportunities.account_id → accounts.account_id). */
export interface Reference {
  table: EntityName;
  column: string;
  target: EntityName;
  key: string;
}

/** Every reference of the schema, in schema order. */
export const REFERENCES: Reference[] = ENTITY_NAMES.flatMap((table) =>
  ENTITIES[table].columns
    .filter((column) => column.references)
    .map((column) => ({
      table,
      column: column.name,
      target: column.references!,
      key: ENTITIES[column.references!].key[0]
    }))
);

/**
 * SQL for the orphans of a reference: how many non-null values match no row of the target, and the
 * smallest of them (n_orphans, example). Names come from the schema, never from input.
 */
export function orphansSql({table, column, target, key}: Reference): string {
  return `SELECT count(*)::INTEGER AS n_orphans, min(x.${column}) AS example
    FROM ${table} x ANTI JOIN ${target} t ON t.${key} = x.${column} WHERE x.${column} IS NOT NULL`;
}
