import {displayName} from "./display-names.js";
import {chosen, FILTER_DIMENSIONS, filterSearch, parseFilter} from "./slices.js";
import {valuePicker} from "./value-picker.js";

const STORAGE_KEY = "shangji-filter";

/**
 * The filter bar: the period and, per dimension, any number of values — any combination. Its value is
 * {period, team: [...], region: [...], channel: [...], product: [...], rep: [...]} (empty = all) and it emits
 * "input" when a choice changes, so a page reads it with Framework's view(). The values offered are
 * `options.values` per dimension (every value, on a page that computes any combination) or the site's
 * precomputed ones; `options.names` names a rep by id. The choice is kept in the address (shareable links)
 * and for the rest of the visit; values of a link the page does not know are left out with a note, and a
 * line says what the page shows, in print too.
 */
export function filterBar(site, t, {values = {}, names = {}} = {}) {
  const form = document.createElement("form");
  form.className = "filter-bar";
  form.setAttribute("aria-label", t("filter.label"));
  form.addEventListener("submit", (event) => event.preventDefault());
  const {filter: initial, dropped, fromAddress} = parseFilter(location.search, site, storedFilter(), values);
  const offered = {...site.filters, ...values};
  const text = (dimension, v) =>
    dimension === "channel" ? displayName(t, "channel", v) : dimension === "rep" ? (names[v] ?? v) : v;

  const periodLabel = form.appendChild(document.createElement("label"));
  periodLabel.append(t("filter.period"), " ");
  const period = periodLabel.appendChild(document.createElement("select"));
  period.name = "period";
  for (const p of site.periods) period.append(new Option(t(`period.${p.id}`), p.id));
  period.value = initial.period;

  // a dimension without values (none exported, or a site built with filterValues 0) offers no list
  const pickers = FILTER_DIMENSIONS.filter((d) => offered[d]?.length > 0).map((dimension) =>
    valuePicker({
      dimension,
      name: t(`filter.${dimension}`),
      values: offered[dimension],
      initial: initial[dimension],
      text: (v) => text(dimension, v),
      t
    })
  );
  form.append(...pickers.map((p) => p.element));
  const clear = form.appendChild(document.createElement("button"));
  clear.type = "button";
  clear.className = "filter-clear";
  clear.textContent = t("filter.clear");

  const summary = form.appendChild(document.createElement("p"));
  summary.className = "filter-summary";
  summary.setAttribute("aria-live", "polite");
  if (dropped.length) {
    const note = form.appendChild(document.createElement("p"));
    note.className = "filter-dropped";
    note.setAttribute("role", "status");
    note.textContent = t("filter.dropped", {
      values: dropped.map(({dimension, value}) => `${t(`filter.${dimension}`)} ${value}`).join(", ")
    });
  }

  const read = () => ({
    ...initial,
    period: period.value,
    ...Object.fromEntries(pickers.map((p) => [p.dimension, p.value()]))
  });
  const show = (filter) => {
    summary.textContent = filterText(site, filter, t, text);
    for (const p of pickers) p.update();
  };
  const store = (filter) => {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(filter));
    } catch {
      // storage may be disabled (private windows, file://): the address still carries the filter
    }
  };
  form.value = initial;
  show(initial);
  // a shared link carries the filter on through the sidebar, whose links have no query
  if (fromAddress && dropped.length === 0) store(initial);
  const changed = () => {
    form.value = read();
    show(form.value);
    history.replaceState(null, "", filterSearch(form.value) + ownSearch() + location.hash);
    store(form.value);
    form.dispatchEvent(new Event("input", {bubbles: true}));
  };
  form.addEventListener("change", (event) => {
    // typing in a search box filters its list; it chooses nothing
    if (event.target.type !== "search") changed();
  });
  clear.addEventListener("click", () => {
    for (const p of pickers) p.clear();
    changed();
  });
  return form;
}

/** What a filter shows, in words: "Year to date · Team 华东 · Channel Trade show, Referral". */
export function filterText(site, filter, t, text = (_, v) => v) {
  const parts = [t(`period.${filter.period}`)];
  for (const dimension of FILTER_DIMENSIONS) {
    const values = chosen(filter, dimension);
    if (values.length) parts.push(`${t(`filter.${dimension}`)} ${values.map((v) => text(dimension, v)).join(", ")}`);
  }
  return t("filter.showing", {filter: parts.join(" · ")});
}

function storedFilter() {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null");
  } catch {
    return null;
  }
}

/**
 * A link to another page of the site that keeps the current filter: pageHref("./rep.html?id=R001", filter) is
 * "./rep.html?id=R001&period=ytd&channel=referral". The query goes before an anchor:
 * "./data-quality.html?period=ytd#stale".
 */
export function pageHref(path, filter) {
  const hash = path.indexOf("#");
  const page = hash < 0 ? path : path.slice(0, hash);
  const search = filterSearch(filter);
  return `${page}${page.includes("?") ? `&${search.slice(1)}` : search}${hash < 0 ? "" : path.slice(hash)}`;
}

/** The address's query without the filter's parameters, as "&id=R001" (a page's own, e.g. rep.html's id). */
function ownSearch() {
  const params = new URLSearchParams(location.search);
  for (const name of ["period", ...FILTER_DIMENSIONS]) params.delete(name);
  const own = params.toString();
  return own ? `&${own}` : "";
}
