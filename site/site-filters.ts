import type {DuckDBConnection} from "@duckdb/node-api";
import type {Filters} from "../pipelines/lib/context.ts";
import {readRows} from "../warehouse/read-rows.ts";

export type FilterDimension = "team" | "region" | "channel";
export const FILTER_DIMENSIONS: FilterDimension[] = ["team", "region", "channel"];

/** The values the filter bar offers per dimension, most opportunities first. */
export type FilterOptions = Record<FilterDimension, string[]>;

/**
 * Values per dimension beyond which the filter bar offers only the largest: each value multiplies the
 * slices every page precomputes. SHANGJI_FILTER_VALUES (from `site.filterValues` of the project
 * configuration) overrides it; 0 leaves only the period to choose, for warehouses too large to compute
 * every page for every filter.
 */
export const MAX_FILTER_VALUES = 12;

export function filterValueLimit(value = process.env.SHANGJI_FILTER_VALUES): number {
  const limit = Number(value);
  return value !== undefined && value !== "" && Number.isInteger(limit) && limit >= 0 ? limit : MAX_FILTER_VALUES;
}

/** Teams and regions of the reps who own opportunities, and the opportunities' sources. */
export async function readFilterOptions(connection: DuckDBConnection): Promise<FilterOptions> {
  const rows = await readRows<{dimension: FilterDimension; value: string}>(
    connection,
    `WITH scope AS (
       SELECT r.team, r.region, o.source FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
     ),
     counted AS (
       SELECT 'team' AS dimension, team AS value, count(*) AS n FROM scope WHERE team IS NOT NULL GROUP BY ALL
       UNION ALL SELECT 'region', region, count(*) FROM scope WHERE region IS NOT NULL GROUP BY ALL
       UNION ALL SELECT 'channel', source, count(*) FROM scope WHERE source IS NOT NULL GROUP BY ALL
     )
     SELECT dimension, value FROM (
       SELECT *, row_number() OVER (PARTITION BY dimension ORDER BY n DESC, value) AS rank FROM counted
     ) WHERE rank <= ${filterValueLimit()} ORDER BY dimension, rank`
  );
  const options: FilterOptions = {team: [], region: [], channel: []};
  for (const row of rows) options[row.dimension].push(row.value);
  return options;
}

/** One filter choice: everything, or one value of one dimension. */
export interface FilterChoice {
  dimension: FilterDimension | null;
  value: string | null;
}

/** All, then every value of every dimension: the filter bar combines no two dimensions. */
export function filterChoices(options: FilterOptions): FilterChoice[] {
  return [
    {dimension: null, value: null},
    ...FILTER_DIMENSIONS.flatMap((dimension) => options[dimension].map((value) => ({dimension, value})))
  ];
}

export function choiceFilters(choice: FilterChoice): Filters {
  return choice.dimension && choice.value !== null ? {[choice.dimension]: choice.value} : {};
}

/** The key of a slice in page data: "ytd|all", "qtd|team=华北". The site's filter bar builds the same keys. */
export function sliceKey(period: string, choice: FilterChoice): string {
  return `${period}|${choice.dimension ? `${choice.dimension}=${choice.value}` : "all"}`;
}
