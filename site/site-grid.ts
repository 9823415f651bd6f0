import type {DuckDBConnection} from "@duckdb/node-api";
import {withMembersTable, type SliceGrid} from "../pipelines/lib/slice-grid.ts";
import {choiceFilters, filterChoices, readFilterOptions, sliceKey, type FilterChoice} from "./site-filters.ts";
import {readSitePeriods, siteNow} from "./site-now.ts";
import type {SitePeriod} from "./site-periods.ts";

/**
 * The site's periods and filter choices as a grouped pipeline's grid, with both lists in the grid's order; its
 * slice members computed once for the queries that follow (withMembersTable).
 */
export async function readSiteGrid(
  connection: DuckDBConnection
): Promise<{grid: SliceGrid; periods: SitePeriod[]; choices: FilterChoice[]}> {
  const periods = await readSitePeriods(connection);
  const choices = filterChoices(await readFilterOptions(connection));
  const grid = await withMembersTable({
    connection,
    now: await siteNow(connection),
    periods,
    choices: choices.map(choiceFilters)
  });
  return {grid, periods, choices};
}

/**
 * A grouped computation over the site's grid (results per period, then per choice), by slice key
 * (`ytd|all`, `qtd|team=华北` …): what a page computed slice by slice looks its slice's results up in.
 */
export async function readBySliceKey<T>(
  connection: DuckDBConnection,
  compute: (grid: SliceGrid) => Promise<T[][]>
): Promise<Map<string, T>> {
  const {grid, periods, choices} = await readSiteGrid(connection);
  const results = await compute(grid);
  return new Map(
    periods.flatMap((period, p) => choices.map((choice, c) => [sliceKey(period.id, choice), results[p][c]] as const))
  );
}

/**
 * A grouped computation over the site's filter choices (results per choice), by the key of the choice's "as of
 * now" slice (`*|all`, `*|team=华北` …): what a page computed once per filter looks its slice's results up in.
 */
export async function readByChoiceKey<T>(
  connection: DuckDBConnection,
  compute: (grid: SliceGrid) => Promise<T[]>
): Promise<Map<string, T>> {
  const {grid, choices} = await readSiteGrid(connection);
  const results = await compute(grid);
  return new Map(choices.map((choice, c) => [sliceKey("*", choice), results[c]]));
}
