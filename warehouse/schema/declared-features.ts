/**
 * Features a mapping file declares beyond the canonical columns (time on site, visits, occupation …): kept in
 * one long table per entity, so a new feature needs no change of schema. Grain: one row per row of the entity
 * per declared feature with a value; a missing or unreadable value has no row.
 */

export const FEATURE_ENTITIES = ["opportunities", "leads"] as const;

export type FeatureEntity = (typeof FEATURE_ENTITIES)[number];

/** numeric: a number (standardised by scoring); categorical: text, one level per distinct value. */
export type FeatureKind = "numeric" | "categorical";

/** The long table of an entity's declared features and the key column that joins it to the entity. */
export const FEATURE_TABLES: Record<FeatureEntity, {table: string; key: string}> = {
  opportunities: {table: "opportunity_features", key: "opportunity_id"},
  leads: {table: "lead_features", key: "lead_id"}
};

export function isFeatureEntity(entity: string): entity is FeatureEntity {
  return (FEATURE_ENTITIES as readonly string[]).includes(entity);
}

/**
 * DDL of a feature table: number_value holds a numeric feature's value, text_value a categorical one's; the
 * lineage columns name the entity row the value was read with, so only the features of the row that stands
 * (the newest export's) are read.
 */
export function createFeatureTable(entity: FeatureEntity): string {
  const {table, key} = FEATURE_TABLES[entity];
  return `CREATE TABLE IF NOT EXISTS ${table} (
  ${key} VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  number_value DOUBLE,
  text_value VARCHAR,
  _ingest_id INTEGER NOT NULL,
  _file VARCHAR NOT NULL,
  _line INTEGER NOT NULL
);`;
}
