import {CUBE_DIMENSIONS, CUBE_TIMES} from "./cube.js";

/**
 * What a pivot can show in a cell, each one of cubeSums' figures: opportunities created in the period and their
 * amount, the amount of the deals won in it, the win rate of the deals closed in it, the average won deal and the
 * average sales cycle. `additive`: a total is the sum of its cells; the others are derived from sums.
 */
export const PIVOT_MEASURES = {
  count: {field: "count_opportunities", additive: true, kind: "count"},
  amount: {field: "amount", additive: true, kind: "money"},
  won_amount: {field: "won_amount", additive: true, kind: "money"},
  win_rate: {field: "win_rate", additive: false, kind: "percent"},
  avg_won_amount: {field: "avg_won_amount", additive: false, kind: "money"},
  avg_cycle_days: {field: "avg_cycle_days", additive: false, kind: "days"}
};

/** What rows and columns can group by: a dimension of the cube, or a calendar month, quarter or year. */
export const PIVOT_AXES = [...CUBE_DIMENSIONS, ...CUBE_TIMES];

/** The word in a link for a value that is not set (an opportunity without a channel, a rep without a team). */
export const NOT_SET = "_none";

const DEFAULTS = {rows: "channel", cols: "quarter", measure: "won_amount"};

/**
 * The pivot a query string asks for (?rows=channel&cols=quarter&measure=won_amount&period=ytd&team=华东
 * &channel=trade_show,referral), and what it held that the page does not know: unknown choices fall back to the
 * defaults (rows by channel, columns by quarter, won amount, the site's default period), unknown filter values
 * are left out. `rows` or `cols` "none" (or null) groups by nothing; columns equal to the rows are dropped.
 * Filter values are those of the filter bar's links: repeated, or joined by commas (a value holding a comma
 * is kept whole when it is known as a whole); NOT_SET stands for a value that is not set.
 *
 * @param {string} search
 * @param {{periods: string[], defaultPeriod: string, values: Record<string, (string | null)[]>}} known
 *   the period ids and, per dimension, its values (null among them when some opportunities have none)
 * @returns {{state: PivotState, dropped: {key: string, value: string}[]}}
 *
 * @typedef {{rows: string | null, cols: string | null, measure: string, period: string,
 *   filters: Record<string, (string | null)[]>}} PivotState
 */
export function parsePivot(search, {periods, defaultPeriod, values}) {
  const params = new URLSearchParams(search);
  const dropped = [];
  const choose = (key, allowed, fallback) => {
    if (!params.has(key)) return fallback;
    const value = params.get(key);
    if (allowed.includes(value)) return value;
    dropped.push({key, value});
    return fallback;
  };
  const axis = (key, fallback) => {
    const value = choose(key, [...PIVOT_AXES, "none"], fallback);
    return value === "none" ? null : value;
  };
  const rows = axis("rows", DEFAULTS.rows);
  let cols = axis("cols", rows === DEFAULTS.cols ? null : DEFAULTS.cols);
  if (cols !== null && cols === rows) {
    dropped.push({key: "cols", value: cols});
    cols = null;
  }
  const state = {
    rows,
    cols,
    measure: choose("measure", Object.keys(PIVOT_MEASURES), DEFAULTS.measure),
    period: choose("period", periods, defaultPeriod),
    filters: {}
  };
  for (const dimension of CUBE_DIMENSIONS) {
    const offered = values[dimension] ?? [];
    const asText = new Map(offered.map((value) => [valueText(value, offered), value]));
    const wanted = params
      .getAll(dimension)
      .flatMap((raw) => (asText.has(raw) ? [raw] : raw.split(",")))
      .filter((raw) => raw !== "");
    const kept = [];
    for (const raw of new Set(wanted)) {
      if (asText.has(raw)) kept.push(asText.get(raw));
      else dropped.push({key: dimension, value: raw});
    }
    if (kept.length) state.filters[dimension] = kept;
  }
  return {state, dropped};
}

/** The query string of a pivot, which parsePivot reads back: "?rows=channel&cols=none&measure=…&period=…&team=…". */
export function pivotSearch(state, values = {}) {
  const params = new URLSearchParams({
    rows: state.rows ?? "none",
    cols: state.cols ?? "none",
    measure: state.measure,
    period: state.period
  });
  for (const dimension of CUBE_DIMENSIONS) {
    const chosen = (state.filters[dimension] ?? []).map((value) => valueText(value, values[dimension] ?? []));
    if (chosen.length === 0) continue;
    // a value holding a comma goes in a parameter of its own
    if (chosen.some((text) => text.includes(","))) for (const text of chosen) params.append(dimension, text);
    else params.set(dimension, chosen.join(","));
  }
  return `?${params}`;
}

/** The filter cubeSums takes for a pivot: the period's days (none for a period the site does not have) and the values kept. */
export function pivotFilter(state, periods) {
  const period = periods.find((p) => p.id === state.period);
  const filter = period ? {start: period.start, end: period.end} : {};
  for (const [dimension, kept] of Object.entries(state.filters)) if (kept.length) filter[dimension] = kept;
  return filter;
}

// null as NOT_SET, unless some opportunity's value really is that word
function valueText(value, offered) {
  return value === null && !offered.includes(NOT_SET) ? NOT_SET : String(value);
}
