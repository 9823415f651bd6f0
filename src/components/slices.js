/**
 * The slice key of a filter-bar value, as the data loaders write it: "ytd|all", "qtd|team=华北".
 * The filter bar sets at most one of team, region and channel.
 */
export function sliceKey({period, team, region, channel}) {
  for (const [dimension, value] of Object.entries({team, region, channel})) {
    if (value) return `${period}|${dimension}=${value}`;
  }
  return `${period}|all`;
}

/**
 * A page's numbers for the filter: the exact slice, or the slice a page that does not vary by period
 * (`*|…`) or by filter (`…|*`) wrote. Undefined when the filter value is unknown to the page.
 */
export function pickSlice(data, filter) {
  const key = sliceKey(filter);
  const [period, choice] = key.split("|");
  const slice = data.slices[key] ?? data.slices[`*|${choice}`] ?? data.slices[`${period}|*`] ?? data.slices["*|*"];
  return typeof slice === "string" ? data.slices[slice] : slice;
}

/**
 * The slice at `key`: a loader that writes equal slices once (shareEqualSlices) writes the key of the
 * equal slice in place of a repeat.
 *
 * @template T
 * @param {Record<string, T | string>} slices
 * @param {string} key
 * @returns {T}
 */
export function sliceAt(slices, key) {
  const slice = slices[key];
  return typeof slice === "string" ? slices[slice] : slice;
}

const DIMENSIONS = ["team", "region", "channel"];

/**
 * The filter from a query string (?period=ytd&team=华北), falling back to `stored` (the last filter of the
 * visit) and the defaults; unknown values are dropped and at most one dimension is kept.
 *
 * @param {string} search
 * @param {{periods: {id: string}[], defaultPeriod: string, filters: Record<string, string[]>}} site
 * @param {Record<string, string> | null} [stored]
 */
export function readFilter(search, site, stored = null) {
  const params = new URLSearchParams(search);
  const source =
    params.has("period") || DIMENSIONS.some((d) => params.has(d)) ? Object.fromEntries(params) : (stored ?? {});
  const periods = site.periods.map((p) => p.id);
  const filter = {
    period: periods.includes(source.period) ? source.period : site.defaultPeriod,
    team: "",
    region: "",
    channel: ""
  };
  for (const dimension of DIMENSIONS) {
    if (site.filters[dimension].includes(source[dimension])) {
      filter[dimension] = source[dimension];
      break;
    }
  }
  return filter;
}

/** The query string of a filter: "?period=ytd&channel=referral". */
export function filterSearch(filter) {
  const params = new URLSearchParams({period: filter.period});
  for (const dimension of DIMENSIONS) if (filter[dimension]) params.set(dimension, filter[dimension]);
  return `?${params}`;
}
