import type {DuckDBConnection} from "@duckdb/node-api";
import {ENTITIES, type EntityName} from "../../warehouse/schema/entities.ts";
import {orphansSql, productNearMissesSql, REFERENCES, type ProductNearMiss} from "../../warehouse/schema/references.ts";

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
const NAMED = new Set<EntityName>(["reps", "accounts", "products"]);

/** tables whose export is optional for the references into them: without a row, nothing is checked */
const OPTIONAL_TARGETS = new Set<EntityName>(["products"]);

/**
 * Resolves references given by name (Chinese CRMs export the owner's name, not an id) and counts
 * orphans. Orphans are kept: dropping an opportunity because its account was not exported would
 * change every total. Products are checked only against a catalogue: without one, a deal's product is
 * just text.
 */
export async function checkReferences(connection: DuckDBConnection): Promise<ReferenceReport[]> {
  const reports: ReferenceReport[] = [];
  const empty = await emptyTables(connection, [...OPTIONAL_TARGETS]);
  for (const reference of REFERENCES) {
    const {table, column, target, key} = reference;
    if (empty.has(target)) continue;
    let resolvedByName = 0;
    if (NAMED.has(target) && !ENTITIES[table].key.includes(column)) {
      // counted by rowsChanged: RETURNING would hand every updated row to JavaScript (most of the time on a million)
      const updated = await connection.run(`
        UPDATE ${table} t SET ${column} = n.id
        FROM (SELECT name, min(${key}) AS id FROM ${target} WHERE name IS NOT NULL GROUP BY name HAVING count(*) = 1) n
        WHERE t.${column} = n.name AND t.${column} NOT IN (SELECT ${key} FROM ${target})`);
      resolvedByName = updated.rowsChanged;
    }
    const orphans = await connection.runAndReadAll(orphansSql(reference));
    const [count, example] = orphans.getRows()[0] as [number, string | null];
    if (resolvedByName > 0 || count > 0) {
      reports.push({table, column, references: target, resolvedByName, orphans: count, example});
    }
  }
  return reports;
}

/**
 * Products of deals and quotes that are not in the catalogue but match one of its products once case, spaces
 * and punctuation are ignored: reported, never renamed (a mapping file's "products" aliases do that). Run after
 * checkReferences, which resolves the exact names; none without a catalogue.
 */
export async function readProductNearMisses(connection: DuckDBConnection): Promise<ProductNearMiss[]> {
  if ((await emptyTables(connection, ["products"])).size > 0) return [];
  const reader = await connection.runAndReadAll(productNearMissesSql());
  return reader.getRowObjectsJS() as unknown as ProductNearMiss[];
}

async function emptyTables(connection: DuckDBConnection, names: EntityName[]): Promise<Set<EntityName>> {
  const empty = new Set<EntityName>();
  // names come from the schema, never from input
  for (const name of names) {
    const reader = await connection.runAndReadAll(`SELECT NOT EXISTS (SELECT 1 FROM ${name})`);
    if (reader.getRows()[0][0] === true) empty.add(name);
  }
  return empty;
}
