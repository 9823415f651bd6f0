import type {DuckDBConnection} from "@duckdb/node-api";
import {ENTITIES, ENTITY_NAMES, type EntityName} from "../schema/entities.ts";

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

const NAMED: Partial<Record<EntityName, string>> = {reps: "rep_id", accounts: "account_id"};

/**
 * Resolves references given by name (Chinese CRMs export the owner's name, not an id) and counts
 * orphans. Orphans are kept: dropping an opportunity because its account was not exported would
 * change every total.
 */
export async function checkReferences(connection: DuckDBConnection): Promise<ReferenceReport[]> {
  const reports: ReferenceReport[] = [];
  for (const table of ENTITY_NAMES) {
    for (const column of ENTITIES[table].columns) {
      const target = column.references;
      if (!target) continue;
      const key = ENTITIES[target].key[0];
      let resolvedByName = 0;
      const idColumn = NAMED[target];
      if (idColumn && !ENTITIES[table].key.includes(column.name)) {
        const updated = await connection.runAndReadAll(`
          UPDATE ${table} t SET ${column.name} = n.id
          FROM (SELECT name, min(${idColumn}) AS id FROM ${target} WHERE name IS NOT NULL GROUP BY name HAVING count(*) = 1) n
          WHERE t.${column.name} = n.name AND t.${column.name} NOT IN (SELECT ${idColumn} FROM ${target})
          RETURNING 1`);
        resolvedByName = updated.currentRowCount;
      }
      const orphans = await connection.runAndReadAll(`
        SELECT count(*)::INTEGER, min(${column.name}) FROM ${table}
        WHERE ${column.name} IS NOT NULL AND ${column.name} NOT IN (SELECT ${key} FROM ${target})`);
      const [count, example] = orphans.getRows()[0] as [number, string | null];
      if (resolvedByName > 0 || count > 0) {
        reports.push({table, column: column.name, references: target, resolvedByName, orphans: count, example});
      }
    }
  }
  return reports;
}
