import type {DuckDBConnection} from "@duckdb/node-api";
import {latestExport} from "../pipelines/lib/latest-export.ts";
import {ENTITY_NAMES, type EntityName} from "../warehouse/schema/entities.ts";
import {readRows} from "../warehouse/read-rows.ts";
import {rowCountsSql} from "../warehouse/row-counts-sql.ts";
import {valuesLeftOut, type ValuesLeftOutRow} from "../pipelines/data-quality/values-left-out.ts";
import {choiceFilters, filterChoices, readFilterOptions, sliceKey, type FilterOptions} from "./site-filters.ts";
import {siteDisplayNames, type DisplayNames} from "./site-display-names.ts";
import {siteLocale, type SiteLocale} from "./site-locale.ts";
import {readSitePeriods, startOfToday} from "./site-now.ts";
import {DEFAULT_PERIOD, type SitePeriod} from "./site-periods.ts";

/** What every page needs besides its own numbers: language, data date, filter choices, the exported tables. */
export interface SiteMeta {
  locale: SiteLocale;
  /** export time of the latest ingest; null for an empty warehouse */
  exportedAt: string | null;
  periods: SitePeriod[];
  defaultPeriod: string;
  filters: FilterOptions;
  /** the reporting currency every amount is in (ISO 4217); null without one: amounts are then shown as plain numbers */
  currency: string | null;
  /** core tables holding rows; a page needing another one says that table was not exported */
  tables: EntityName[];
  /**
   * per filter choice ("all", "team=华北" …), the opportunities lacking a value some metric needs: every page
   * says how many its figures leave out
   */
  left_out: Record<string, ValuesLeftOutRow>;
  /** configured names of exported codes per language, over the site's defaults (src/components/display-names.js) */
  display_names: DisplayNames;
}

export async function readSiteMeta(connection: DuckDBConnection): Promise<SiteMeta> {
  const exportedAt = await latestExport(connection);
  const counts = await readRows<{table: EntityName; n_rows: number}>(connection, rowCountsSql(ENTITY_NAMES));
  // a warehouse never converted into a reporting currency shows plain numbers unless its deals share one
  const [{currency}] = await readRows<{currency: string | null}>(
    connection,
    `SELECT coalesce((SELECT max(currency) FROM reporting_currency),
       (SELECT CASE WHEN count(DISTINCT currency) = 1 THEN max(currency) END FROM opportunities)) AS currency`
  );
  const filters = await readFilterOptions(connection);
  const now = exportedAt ?? startOfToday();
  const leftOut: Record<string, ValuesLeftOutRow> = {};
  for (const choice of filterChoices(filters)) {
    const {rows} = await valuesLeftOut({
      connection,
      now,
      period: {start: now, end: now},
      filters: choiceFilters(choice)
    });
    leftOut[sliceKey("", choice).slice(1)] = rows[0];
  }
  return {
    locale: siteLocale(),
    exportedAt,
    periods: await readSitePeriods(connection),
    defaultPeriod: DEFAULT_PERIOD,
    filters,
    currency: currency !== null && /^[A-Z]{3}$/.test(currency) ? currency : null,
    tables: counts.filter((c) => c.n_rows > 0).map((c) => c.table),
    left_out: leftOut,
    display_names: siteDisplayNames()
  };
}
