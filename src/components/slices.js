/**
 * @typedef {{period: string, team: string[], region: string[], channel: string[], product: string[], rep: string[]}} Filter
 */

/** What the filter bar narrows by, besides the period: any combination, any number of values each. */
export const FILTER_DIMENSIONS = ["team", "region", "channel", "product", "rep"];

// the dimensions every page precomputes a slice for, one value at a time
const SLICED = ["team", "region", "channel"];

/** The values a filter keeps of one dimension (a filter of old links holds a string, "" for all). */
export function chosen(filter, dimension) {
  const value = filter[dimension];
  if (Array.isArray(value)) return value;
  return value ? [value] : [];
}

/**
 * The precomputed choice a filter is: null for all, {dimension, value} for one value of team, region or
 * channel, undefined for anything else (a combination, several values, a product or a rep).
 */
export function slicedChoice(filter) {
  const picked = FILTER_DIMENSIONS.flatMap((dimension) =>
    chosen(filter, dimension).map((value) => ({dimension, value}))
  );
  if (picked.length === 0) return null;
  return picked.length === 1 && SLICED.includes(picked[0].dimension) ? picked[0] : undefined;
}

/**
 * The slice key of a filter, as the data loaders write it: "ytd|all", "qtd|team=华北"; a filter no loader
 * precomputes has the key "ytd|combined", which only pages that do not vary by filter (`…|*`) answer.
 */
export function sliceKey(filter) {
  const choice = slicedChoice(filter);
  if (choice === null) return `${filter.period}|all`;
  if (choice === undefined) return `${filter.period}|combined`;
  return `${filter.period}|${choice.dimension}=${choice.value}`;
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
 * The precomputed slice nearest to a filter no loader precomputes: the first single value of team, region or
 * channel the filter holds that has a slice, else all. `choice` says which, for the label "shown for …".
 *
 * @returns {{slice: any, choice: {dimension: string, value: string} | null}}
 */
export function nearestSlice(data, filter) {
  for (const dimension of SLICED) {
    const values = chosen(filter, dimension);
    if (values.length !== 1) continue;
    const choice = {dimension, value: values[0]};
    const slice = pickSlice(data, {period: filter.period, [dimension]: values});
    if (slice !== undefined) return {slice, choice};
  }
  return {slice: pickSlice(data, {period: filter.period}), choice: null};
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

/**
 * The filter from a query string (?period=ytd&team=华东&channel=trade_show,referral), falling back to `stored`
 * (the last filter of the visit) and the defaults, and the values it dropped as unknown: those not in
 * `values` (per dimension; team, region and channel default to the site's precomputed ones, a dimension
 * without a list is kept as it is).
 *
 * @param {string} search
 * @param {{periods: {id: string}[], defaultPeriod: string, filters: Record<string, string[]>}} site
 * @param {Record<string, string | string[]> | null} [stored]
 * @param {Record<string, string[]>} [values]
 * @returns {{filter: Filter, dropped: {dimension: string, value: string}[], fromAddress: boolean}}
 */
export function parseFilter(search, site, stored = null, values = {}) {
  const params = new URLSearchParams(search);
  const fromAddress = params.has("period") || FILTER_DIMENSIONS.some((d) => params.has(d));
  const known = {...site.filters, ...values};
  const periods = site.periods.map((p) => p.id);
  const source = fromAddress ? null : (stored ?? {});
  const period = fromAddress ? params.get("period") : source.period;
  /** @type {Filter} */
  const filter = {
    period: periods.includes(period) ? period : site.defaultPeriod,
    team: [],
    region: [],
    channel: [],
    product: [],
    rep: []
  };
  const dropped = [];
  for (const dimension of FILTER_DIMENSIONS) {
    const raw = fromAddress ? params.getAll(dimension) : chosen(source, dimension);
    // a value holding a comma is one value when it is known as a whole
    const wanted = raw.flatMap((v) => (known[dimension]?.includes(v) ? [v] : v.split(","))).filter((v) => v !== "");
    const kept = [];
    for (const value of new Set(wanted)) {
      if (!known[dimension] || known[dimension].includes(value)) kept.push(value);
      else dropped.push({dimension, value});
    }
    filter[dimension] = kept;
  }
  return {filter, dropped, fromAddress};
}

/**
 * The filter of parseFilter alone.
 *
 * @param {string} search
 * @param {{periods: {id: string}[], defaultPeriod: string, filters: Record<string, string[]>}} site
 * @param {Record<string, string | string[]> | null} [stored]
 * @param {Record<string, string[]>} [values]
 * @returns {Filter}
 */
export function readFilter(search, site, stored = null, values = {}) {
  return parseFilter(search, site, stored, values).filter;
}

/** The query string of a filter: "?period=ytd&team=华东&channel=trade_show,referral". */
export function filterSearch(filter) {
  const params = new URLSearchParams({period: filter.period});
  for (const dimension of FILTER_DIMENSIONS) {
    const values = chosen(filter, dimension);
    if (values.length) params.set(dimension, values.join(","));
  }
  return `?${params}`;
}
