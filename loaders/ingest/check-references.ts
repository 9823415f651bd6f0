import type {DuckDBConnection} from "@duckdb/node-api";
import {ENTITIES, type EntityName} from "../schema/entities.ts";
import {orphansSql, REFERENCES} from "../schema/references.ts";

export interface ReferenceReport {
  table: EntityName;
  column: string;
  references: EntityName;
  /** values given as a name and resolved to the id of the one row with that name */
  resolvedByName: number;
  /** values that match no row: kept, and reported */
  orphans: number;
  example: string | null;
}

/** tables with a `name` column that exports may give instead of the id */
const NAMED = new Set<EntityName>(["reps", "accounts"]);

/**
 * Resolves references given by name (Chinese CRMs export the owner's name, not an id) and counts
 * orphans. Orphans are kept: dropping an opportunity because its account was not exported would
 * change every total.
 */
export async function checkReferences(connection: DuckDBConnection): Promise<ReferenceReport[]> {
  const reports: ReferenceReport[] = [];
  for (const reference of REFERENCES) {
    const {table, column, target, key} = reference;
    let resolvedByName = 0;
    if (NAMED.has(target) && !ENTITIES[table].key.includes(column)) {
      const updated = await connection.runAndReadAll(`
        UPDATE ${table} t SET ${column} = n.id
        FROM (SELECT name, min(${key}) AS id FROM ${target} WHERE name IS NOT NULL GROUP BY name HAVING count(*) = 1) n
        WHERE t.${column} = n.name AND t.${column} NOT IN (SELECT ${key} FROM ${target})
        RETURNING 1`);
      resolvedByName = updated.currentRowCount;
    }
    const orphans = await connection.runAndReadAll(orphansSql(reference));
    const [count, example] = orphans.getRows()[0] as [number, string | null];
    if (resolvedByName > 0 || count > 0) {
      reports.push({table, column, references: target, resolvedByName, orphans: count, example});
    }
  }
  return reports;
}
