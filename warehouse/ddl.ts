import {createFeatureTable, FEATURE_ENTITIES} from "./schema/declared-features.ts";
import {ENTITIES, ENTITY_NAMES, isKeyColumn, type ColumnType, type Entity} from "./schema/entities.ts";
import {CONVERSION_DDL} from "./convert-amounts.ts";

const SQL_TYPES: Record<ColumnType, string> = {
  id: "VARCHAR",
  text: "VARCHAR",
  integer: "BIGINT",
  number: "DOUBLE",
  amount: "DECIMAL(18,2)",
  ratio: "DOUBLE",
  date: "DATE",
  date_or_month: "DATE",
  timestamp: "TIMESTAMP",
  month: "DATE",
  monthday: "VARCHAR",
  stage: "VARCHAR",
  outcome: "VARCHAR",
  boolean: "BOOLEAN"
};

export function sqlType(type: ColumnType): string {
  return SQL_TYPES[type];
}

/** Lineage columns every core row carries: which ingest, file and line it came from. */
export const LINEAGE_COLUMNS = ["_ingest_id", "_file", "_line"] as const;

/**
 * Core tables declare no PRIMARY KEY: ingest guarantees one row per key itself (duplicates in a file
 * are quarantined, a newer export deletes the rows it replaces), and an index on a million keys would
 * slow every bulk load several-fold.
 */
export function createEntityTable(entity: Entity): string {
  // only a key is NOT NULL: a row with any other value missing or unreadable is loaded without it
  const columns = entity.columns.map(
    (c) => `  ${c.name} ${sqlType(c.type)}${isKeyColumn(entity, c.name) ? " NOT NULL" : ""}`
  );
  columns.push("  _ingest_id INTEGER NOT NULL", "  _file VARCHAR NOT NULL", "  _line INTEGER NOT NULL");
  return `CREATE TABLE IF NOT EXISTS ${entity.name} (\n${columns.join(",\n")}\n);`;
}

/**
 * Opportunities a later full export no longer holds (deleted or merged in the CRM), as last exported: out of
 * every metric, listed on the data-quality page, back in `opportunities` if an export newer still holds them.
 */
export const REMOVED_OPPORTUNITIES = "removed_opportunities";

function createRemovedOpportunities(): string {
  return createEntityTable(ENTITIES.opportunities)
    .replace("EXISTS opportunities (", `EXISTS ${REMOVED_OPPORTUNITIES} (`)
    .replace(/\n\);$/, ",\n  removed_at TIMESTAMP NOT NULL,\n  removed_ingest_id INTEGER NOT NULL\n);");
}

/** Bookkeeping tables: what each ingest read, loaded and quarantined, and opportunity snapshots. */
export const BOOKKEEPING_DDL = `
CREATE SEQUENCE IF NOT EXISTS ingest_id_seq START 1;
CREATE TABLE IF NOT EXISTS ingests (
  ingest_id INTEGER PRIMARY KEY,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  exported_at TIMESTAMP NOT NULL,
  files INTEGER NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_quarantined BIGINT NOT NULL,
  status VARCHAR NOT NULL,
  summary JSON,
  values_set_aside BIGINT DEFAULT 0
);
-- ingests whose export held every opportunity: one it no longer held was removed in the CRM
CREATE TABLE IF NOT EXISTS full_exports (ingest_id INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS ingest_files (
  ingest_id INTEGER NOT NULL,
  file VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  bytes BIGINT NOT NULL,
  entity VARCHAR,
  preset VARCHAR,
  encoding VARCHAR,
  format VARCHAR,
  rows_read BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_quarantined BIGINT NOT NULL,
  status VARCHAR NOT NULL,
  message VARCHAR,
  values_set_aside BIGINT DEFAULT 0,
  PRIMARY KEY (ingest_id, file)
);
CREATE TABLE IF NOT EXISTS quarantine (
  ingest_id INTEGER NOT NULL,
  file VARCHAR NOT NULL,
  entity VARCHAR,
  line INTEGER,
  "column" VARCHAR,
  value VARCHAR,
  reason VARCHAR NOT NULL,
  rule VARCHAR NOT NULL,
  -- row: the row was rejected, not loaded; value: the row was loaded, this value set aside (missing) or flagged
  scope VARCHAR DEFAULT 'row'
);
CREATE TABLE IF NOT EXISTS opportunity_snapshots (
  ingest_id INTEGER NOT NULL,
  exported_at TIMESTAMP NOT NULL,
  opportunity_id VARCHAR NOT NULL,
  stage VARCHAR,
  outcome VARCHAR,
  amount DECIMAL(18,2),
  currency VARCHAR,
  expected_close_at DATE,
  PRIMARY KEY (ingest_id, opportunity_id)
);
CREATE TABLE IF NOT EXISTS stages (
  stage VARCHAR PRIMARY KEY,
  kind VARCHAR NOT NULL,
  stage_order INTEGER NOT NULL,
  probability DOUBLE
);
`;

export function warehouseDdl(): string {
  return [
    BOOKKEEPING_DDL,
    CONVERSION_DDL,
    ...ENTITY_NAMES.map((name) => createEntityTable(ENTITIES[name])),
    createRemovedOpportunities(),
    ...FEATURE_ENTITIES.map(createFeatureTable)
  ].join("\n");
}
