import type {DuckDBConnection} from "@duckdb/node-api";
import type {MappingFile} from "../mapping/mapping-file.ts";
import {FEATURE_ENTITIES, FEATURE_TABLES, isFeatureEntity} from "../../warehouse/schema/declared-features.ts";
import type {Column, EntityName} from "../../warehouse/schema/entities.ts";
import {normalizeLabel} from "../../warehouse/schema/stages.ts";
import {REMOVED_OPPORTUNITIES} from "../../warehouse/ddl.ts";
import type {FeatureColumn, Recognition} from "./recognise-entity.ts";
import type {Run} from "./load-batch.ts";
import {sqlString, typedName} from "./typed-select.ts";

/** The declared features of `entity` whose column the headers hold, matched as mapped columns are. */
export function findDeclaredFeatures(
  mapping: MappingFile | undefined,
  entity: EntityName,
  headers: string[]
): FeatureColumn[] {
  if (!isFeatureEntity(entity)) return [];
  const normalized = headers.map(normalizeLabel);
  return (mapping?.features?.[entity] ?? []).flatMap(({column, name, kind}) => {
    const index = normalized.indexOf(normalizeLabel(column));
    return index === -1 ? [] : [{name, kind, index}];
  });
}

/** The staging column of the k-th feature of a file: its values are typed and checked as a column of this type. */
export function featureColumns(recognition: Recognition): Column[] {
  return recognition.features.map((feature, k) => ({
    name: `feature_${k}`,
    type: feature.kind === "numeric" ? "number" : "text",
    description: feature.name
  }));
}

/** Staging column → source header index, for the canonical columns and the declared features alike. */
export function stagedColumns(recognition: Recognition): [string, number][] {
  const features = featureColumns(recognition).map((column, k): [string, number] => [
    column.name,
    recognition.features[k].index
  ]);
  return [...recognition.columns.entries(), ...features];
}

/**
 * Inserts the features of the rows `sj_good` loads, one row per feature with a value: a value the typing could
 * not read is in the quarantine already (scope value) and has none.
 */
export async function insertFeatureRows(
  run: Run,
  context: {ingestId: number; file: string; recognition: Recognition},
  key: string
): Promise<void> {
  const {recognition} = context;
  if (recognition.features.length === 0 || !isFeatureEntity(recognition.entity)) return;
  const {table} = FEATURE_TABLES[recognition.entity];
  const selects = featureColumns(recognition).map((column, k) => {
    const {name, kind} = recognition.features[k];
    const value = typedName(column.name);
    const [number, text] = kind === "numeric" ? [value, "NULL"] : ["NULL", value];
    return `SELECT g.${key}, ${sqlString(name)}, '${kind}', ${number}, ${text}, $ingest, $file, g._line
      FROM sj_good g JOIN sj_typed t USING (_line) WHERE ${value} IS NOT NULL`;
  });
  await run(
    `INSERT INTO ${table} (${FEATURE_TABLES[recognition.entity].key}, name, kind, number_value, text_value, _ingest_id, _file, _line)
     ${selects.join("\nUNION ALL\n")}`,
    {ingest: context.ingestId, file: context.file}
  );
}

/**
 * Drops the features of rows that no longer stand — replaced by a newer export's row of the same key — once
 * the ingest has decided which rows stay. An opportunity a full export no longer holds keeps its features: it
 * comes back when an export holds it again.
 */
export async function pruneFeatureRows(connection: DuckDBConnection): Promise<void> {
  for (const entity of FEATURE_ENTITIES) {
    const {table, key} = FEATURE_TABLES[entity];
    const owners = entity === "opportunities" ? [entity, REMOVED_OPPORTUNITIES] : [entity];
    const stands = owners.map(
      (owner) => `EXISTS (SELECT 1 FROM ${owner} e WHERE e.${key} = f.${key} AND e._ingest_id = f._ingest_id
        AND e._file = f._file AND e._line = f._line)`
    );
    await connection.run(`DELETE FROM ${table} f WHERE NOT (${stands.join(" OR ")})`);
  }
}

/**
 * A declared feature that no file of its entity in this ingest has a column for (a misspelt header, or an export
 * without it), said once per feature.
 */
export function missingFeatureWarnings(
  mapping: MappingFile | undefined,
  loaded: {entity: EntityName; features: FeatureColumn[]}[]
): string[] {
  return FEATURE_ENTITIES.flatMap((entity) => {
    const files = loaded.filter((file) => file.entity === entity);
    if (files.length === 0) return [];
    const found = new Set(files.flatMap((file) => file.features.map((feature) => feature.name)));
    return (mapping?.features?.[entity] ?? [])
      .filter(({name}) => !found.has(name))
      .map(
        ({column, name}) =>
          `feature "${name}" of ${entity}: no ${entity} file of this export has a column "${column}", so it is not loaded`
      );
  });
}
