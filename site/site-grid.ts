import type {DuckDBConnection} from "@duckdb/node-api";
import type {SliceGrid} from "../pipelines/lib/slice-grid.ts";
import {choiceFilters, filterChoices, readFilterOptions, type FilterChoice} from "./site-filters.ts";
import {readSitePeriods, siteNow} from "./site-now.ts";
import type {SitePeriod} from "./site-periods.ts";

/** The site's periods and filter choices as a grouped pipeline's grid, with both lists in the grid's order. */
export async function readSiteGrid(
  connection: DuckDBConnection
): Promise<{grid: SliceGrid; periods: SitePeriod[]; choices: FilterChoice[]}> {
  const periods = await readSitePeriods(connection);
  const choices = filterChoices(await readFilterOptions(connection));
  const grid = {connection, now: await siteNow(connection), periods, choices: choices.map(choiceFilters)};
  return {grid, periods, choices};
}
