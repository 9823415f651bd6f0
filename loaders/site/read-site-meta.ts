import type {DuckDBConnection} from "@duckdb/node-api";
import {latestExport} from "../../pipelines/lib/latest-export.ts";
import {ENTITY_NAMES, type EntityName} from "../schema/entities.ts";
import {readRows} from "../warehouse/read-rows.ts";
import {rowCountsSql} from "../warehouse/row-counts-sql.ts";
import {readFilterOptions, type FilterOptions} from "./site-filters.ts";
import {siteLocale, type SiteLocale} from "./site-locale.ts";
import {startOfToday} from "./site-now.ts";
import {DEFAULT_PERIOD, sitePeriods, type SitePeriod} from "./site-periods.ts";

/** What every page needs besides its own numbers: language, data date, filter choices, the exported tables. */
export interface SiteMeta {
  locale: SiteLocale;
  /** export time of the latest ingest; null for an empty warehouse */
  exportedAt: string | null;
  periods: SitePeriod[];
  defaultPeriod: string;
  filters: FilterOptions;
  /** the deals' currency when all share one (ISO 4217), else null: amounts are then shown as plain numbers */
  currency: string | null;
  /** core tables holding rows; a page needing another one says that table was not exported */
  tables: EntityName[];
}

export async function readSiteMeta(connection: DuckDBConnection): Promise<SiteMeta> {
  const exportedAt = await latestExport(connection);
  const counts = await readRows<{table: EntityName; n_rows: number}>(connection, rowCountsSql(ENTITY_NAMES));
  const currencies = await readRows<{currency: string}>(
    connection,
    `SELECT DISTINCT currency FROM opportunities WHERE currency IS NOT NULL LIMIT 2`
  );
  return {
    locale: siteLocale(),
    exportedAt,
    periods: sitePeriods(exportedAt ?? startOfToday()),
    defaultPeriod: DEFAULT_PERIOD,
    filters: await readFilterOptions(connection),
    currency: currencies.length === 1 && /^[A-Z]{3}$/.test(currencies[0].currency) ? currencies[0].currency : null,
    tables: counts.filter((c) => c.n_rows > 0).map((c) => c.table)
  };
}
