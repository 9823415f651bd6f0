import type {DuckDBConnection} from "@duckdb/node-api";

/** A half-open period of calendar days in UTC: start ≤ day < end, as ISO dates (2026-01-01). */
export interface Period {
  start: string;
  end: string;
}

/** Optional filters every pipeline accepts; each narrows the opportunities (and their leads, activities …) it reads. */
export interface Filters {
  team?: string;
  region?: string;
  /** lead / opportunity source */
  channel?: string;
  rep?: string;
  product?: string;
}

export interface PipelineContext {
  connection: DuckDBConnection;
  period: Period;
  filters?: Filters;
  /** "today" as an ISO timestamp: the export date of the latest ingest, injected so results are reproducible */
  now: string;
}

/**
 * What a pipeline returns: its rows, and the optional tables it needed but the warehouse lacks
 * (empty) — a page then says which export is missing instead of showing invented zeros.
 */
export interface PipelineResult<Row> {
  rows: Row[];
  missing: string[];
}
