import type {DuckDBConnection} from "@duckdb/node-api";
import type {PipelineContext} from "../pipelines/lib/context.ts";
import {readSitePeriods, siteNow} from "./site-now.ts";
import {withStageEntries} from "../pipelines/lib/stage-entries.ts";
import {choiceFilters, filterChoices, readFilterOptions, sliceKey, type FilterChoice} from "./site-filters.ts";
import {siteLocale, type SiteLocale} from "./site-locale.ts";
import type {SitePeriod} from "./site-periods.ts";

/** What a page's computation gets for one slice: a pipeline context plus the slice's period and filter. */
export interface SliceContext extends PipelineContext {
  sitePeriod: SitePeriod;
  choice: FilterChoice;
  locale: SiteLocale;
}

export interface PageSliceOptions {
  /** false when the page's numbers do not depend on the period (they are "as of now"): one slice per filter */
  byPeriod?: boolean;
  /** false when the page ignores the filters: one slice per period */
  byFilter?: boolean;
}

/**
 * A page's data: its computation run once per slice — period × filter choice — keyed as the filter bar
 * looks them up (`*` stands for "any" on a dimension the page does not vary by). Stage entries are
 * computed once for all slices.
 */
export interface PageSlices<T> {
  slices: Record<string, T>;
}

export async function pageSlices<T>(
  connection: DuckDBConnection,
  compute: (ctx: SliceContext) => Promise<T>,
  {byPeriod = true, byFilter = true}: PageSliceOptions = {}
): Promise<PageSlices<T>> {
  const now = await siteNow(connection);
  const periods = await readSitePeriods(connection);
  const choices = byFilter ? filterChoices(await readFilterOptions(connection)) : [{dimension: null, value: null}];
  const locale = siteLocale();
  const slices: Record<string, T> = {};
  await withStageEntries(connection, async () => {
    for (const sitePeriod of byPeriod ? periods : [periods[0]]) {
      for (const choice of choices) {
        const ctx = {connection, now, period: sitePeriod, filters: choiceFilters(choice), sitePeriod, choice, locale};
        const key = sliceKey(byPeriod ? sitePeriod.id : "*", choice);
        slices[byFilter ? key : `${key.split("|")[0]}|*`] = await compute(ctx);
      }
    }
  });
  return {slices};
}
