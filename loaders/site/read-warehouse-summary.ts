import type {DuckDBConnection} from "@duckdb/node-api";
import {ENTITIES, ENTITY_NAMES, type EntityName} from "../schema/entities.ts";
import {readRows} from "../warehouse/read-rows.ts";
import {rowCountsSql} from "../warehouse/row-counts-sql.ts";

/** One row per core table: how many rows it holds and how many exported files fed it. */
export interface TableSummary {
  table: EntityName;
  grain: string;
  key: string[];
  count_rows: number;
  /** files of any ingest recognised as this table; none (and no rows) means the CRM export did not include it */
  count_files: number;
}

/** One row per ingest run, oldest first. */
export interface IngestSummary {
  ingest_id: number;
  started_at: string;
  exported_at: string;
  files: number;
  rows_read: number;
  rows_loaded: number;
  rows_quarantined: number;
  status: string;
}

/**
 * One row per ingest, file, reason, rule and column of quarantined rows. Aggregates only: the
 * quarantined `value` may hold personal data and is never published.
 */
export interface QuarantineGroup {
  ingest_id: number;
  file: string;
  reason: string;
  rule: string;
  column: string | null;
  count_rows: number;
  /** the first (up to three) source lines, for finding the examples in the export */
  first_lines: number[];
}

export interface WarehouseSummary {
  /** export time of the latest ingest: the "data as of" line */
  exported_at: string | null;
  first_created_at: string | null;
  last_created_at: string | null;
  tables: TableSummary[];
  ingests: IngestSummary[];
  quarantine: QuarantineGroup[];
}

const ISO = "'%Y-%m-%dT%H:%M:%SZ'";

/** Reads what the warehouse holds, for the site's overview page. Pure over a (read-only) connection. */
export async function readWarehouseSummary(connection: DuckDBConnection): Promise<WarehouseSummary> {
  const existing = new Set(
    (
      await readRows<{name: string}>(
        connection,
        "SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main'"
      )
    ).map((r) => r.name)
  );
  const has = (name: string) => existing.has(name);
  const counts = await readCounts(connection, ENTITY_NAMES.filter(has));
  const files = has("ingest_files") ? await readFileCounts(connection) : new Map<string, number>();
  const tables = ENTITY_NAMES.map((name) => ({
    table: name,
    grain: ENTITIES[name].grain,
    key: ENTITIES[name].key,
    count_rows: counts.get(name) ?? 0,
    count_files: files.get(name) ?? 0
  }));
  const ingests = has("ingests") ? await readIngests(connection) : [];
  const quarantine = has("quarantine") ? await readQuarantine(connection) : [];
  const range = has("opportunities") ? await readCreatedRange(connection) : {first: null, last: null};
  return {
    exported_at: ingests.at(-1)?.exported_at ?? null,
    first_created_at: range.first,
    last_created_at: range.last,
    tables,
    ingests,
    quarantine
  };
}

async function readCounts(connection: DuckDBConnection, names: readonly EntityName[]): Promise<Map<string, number>> {
  if (!names.length) return new Map();
  const rows = await readRows<{table: string; n_rows: number}>(connection, rowCountsSql(names));
  return new Map(rows.map((r) => [r.table, r.n_rows]));
}

async function readFileCounts(connection: DuckDBConnection): Promise<Map<string, number>> {
  const rows = await readRows<{entity: string; n: number}>(
    connection,
    `SELECT entity, count(*)::INTEGER AS n FROM ingest_files
     WHERE entity IS NOT NULL -- files no entity was recognised in fed no table
     GROUP BY entity`
  );
  return new Map(rows.map((r) => [r.entity, r.n]));
}

function readIngests(connection: DuckDBConnection): Promise<IngestSummary[]> {
  return readRows<IngestSummary>(
    connection,
    `SELECT ingest_id, strftime(started_at, ${ISO}) AS started_at, strftime(exported_at, ${ISO}) AS exported_at,
       files, rows_read::INTEGER AS rows_read, rows_loaded::INTEGER AS rows_loaded,
       rows_quarantined::INTEGER AS rows_quarantined, status
     FROM ingests ORDER BY ingest_id`
  );
}

function readQuarantine(connection: DuckDBConnection): Promise<QuarantineGroup[]> {
  // the value column is deliberately not read: it may hold names, phones or e-mails
  return readRows<QuarantineGroup>(
    connection,
    `SELECT ingest_id, file, reason, rule, "column", count(*)::INTEGER AS count_rows,
       coalesce(list(line ORDER BY line) FILTER (WHERE line IS NOT NULL), [])[1:3] AS first_lines
     FROM quarantine
     GROUP BY ingest_id, file, reason, rule, "column"
     ORDER BY ingest_id DESC, count_rows DESC, file, reason, rule, "column" NULLS FIRST`
  );
}

async function readCreatedRange(connection: DuckDBConnection): Promise<{first: string | null; last: string | null}> {
  const [row] = await readRows<{first: string | null; last: string | null}>(
    connection,
    `SELECT strftime(min(created_at), ${ISO}) AS first, strftime(max(created_at), ${ISO}) AS last FROM opportunities`
  );
  return row ?? {first: null, last: null};
}
