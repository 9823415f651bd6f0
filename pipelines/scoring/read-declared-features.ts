import type {DuckDBConnection} from "@duckdb/node-api";
import {FEATURE_TABLES, type FeatureEntity, type FeatureKind} from "../../warehouse/schema/declared-features.ts";
import {readRows} from "../lib/read-rows.ts";

/** A feature a mapping file declared for an entity's exports. */
export interface DeclaredFeature {
  name: string;
  kind: FeatureKind;
}

/** The condition that a feature row belongs to the entity row that stands (`e`), not to one a newer export replaced. */
function standsSql(entity: FeatureEntity): string {
  const {key} = FEATURE_TABLES[entity];
  return `e.${key} = f.${key} AND e._ingest_id = f._ingest_id AND e._file = f._file AND e._line = f._line`;
}

/**
 * The declared features of an entity's rows, by name: each with the kind of its newest values (a feature whose
 * kind a later mapping file changed is read as that kind, and its values of the other kind count as missing until
 * their export is loaded again). None in a warehouse written before features could be declared.
 *
 * @example
 * await readDeclaredFeatures(connection, "leads"); // [{name: "occupation", kind: "categorical"}, {name: "time_on_site", kind: "numeric"}]
 */
export async function readDeclaredFeatures(
  connection: DuckDBConnection,
  entity: FeatureEntity
): Promise<DeclaredFeature[]> {
  const {table} = FEATURE_TABLES[entity];
  const [{present}] = await readRows<{present: boolean}>(
    connection,
    `SELECT count(*) > 0 AS present FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $table`,
    {table}
  );
  if (!present) return [];
  return readRows<DeclaredFeature>(
    connection,
    `SELECT name, arg_max(kind, _ingest_id) AS kind FROM ${table} f
     WHERE EXISTS (SELECT 1 FROM ${entity} e WHERE ${standsSql(entity)})
     GROUP BY name ORDER BY name`
  );
}

/**
 * SQL of the declared features' values — grain: one row per entity row with any of them: `id` (its key), then
 * `declared_0` … one column per feature in the order given (DOUBLE for numeric, VARCHAR for categorical; null
 * where the row has no value) — and its parameters, the feature names.
 */
export function declaredValuesSql(
  entity: FeatureEntity,
  features: readonly DeclaredFeature[]
): {sql: string; params: Record<string, string>; columns: string[]} {
  const {table, key} = FEATURE_TABLES[entity];
  const columns = features.map((_, k) => `declared_${k}`);
  const values = features.map(
    ({kind}, k) =>
      `max(f.${kind === "numeric" ? "number_value" : "text_value"}) FILTER (WHERE f.name = $${columns[k]} AND f.kind = '${kind}') AS ${columns[k]}`
  );
  return {
    sql: `SELECT f.${key} AS id, ${values.join(", ")} FROM ${table} f
      WHERE EXISTS (SELECT 1 FROM ${entity} e WHERE ${standsSql(entity)})
      GROUP BY f.${key}`,
    params: Object.fromEntries(features.map(({name}, k) => [columns[k], name])),
    columns
  };
}
