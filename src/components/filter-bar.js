import {displayName} from "./display-names.js";
import {filterSearch, readFilter} from "./slices.js";

const STORAGE_KEY = "shangji-filter";
const DIMENSIONS = ["team", "region", "channel"];

/**
 * The filter bar: period, team, region and channel. Its value is {period, team, region, channel} (""
 * = all) and it emits "input" when a choice changes, so a page reads it with Framework's view(). One of
 * team, region and channel applies at a time: choosing one resets the others. The choice is kept in the
 * address (shareable links) and for the rest of the visit.
 */
export function filterBar(site, t) {
  const form = document.createElement("form");
  form.className = "filter-bar";
  form.setAttribute("aria-label", t("filter.label"));
  form.addEventListener("submit", (event) => event.preventDefault());
  const initial = readFilter(location.search, site, storedFilter());
  const selects = {};
  const add = (name, options) => {
    const label = form.appendChild(document.createElement("label"));
    label.append(t(`filter.${name}`), " ");
    const select = label.appendChild(document.createElement("select"));
    select.name = name;
    for (const [value, text] of options) select.append(new Option(text, value));
    select.value = initial[name];
    selects[name] = select;
  };
  add(
    "period",
    site.periods.map((p) => [p.id, t(`period.${p.id}`)])
  );
  // a dimension without values (none exported, or a site built with filterValues 0) offers no select
  const offered = DIMENSIONS.filter((dimension) => site.filters[dimension].length > 0);
  for (const dimension of offered) {
    const text = (v) => (dimension === "channel" ? displayName(t, "channel", v) : v);
    add(dimension, [["", t("filter.all")], ...site.filters[dimension].map((v) => [v, text(v)])]);
  }
  if (offered.length > 1) {
    const note = form.appendChild(document.createElement("span"));
    note.className = "muted filter-note";
    note.textContent = t("filter.oneAtATime");
  }
  form.value = initial;
  form.addEventListener("change", (event) => {
    const changed = event.target.name;
    if (DIMENSIONS.includes(changed) && event.target.value) {
      for (const other of DIMENSIONS) if (other !== changed) selects[other].value = "";
    }
    form.value = {
      ...initial,
      ...Object.fromEntries(Object.entries(selects).map(([name, select]) => [name, select.value]))
    };
    history.replaceState(null, "", filterSearch(form.value) + location.hash);
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(form.value));
    } catch {
      // storage may be disabled (private windows, file://): the address still carries the filter
    }
    form.dispatchEvent(new Event("input", {bubbles: true}));
  });
  return form;
}

function storedFilter() {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null");
  } catch {
    return null;
  }
}

/** A link to another page of the site that keeps the current filter: pageHref("./reps/R001.html", filter). */
export function pageHref(path, filter) {
  // the query goes before an anchor: "./data-quality.html?period=ytd#stale"
  const hash = path.indexOf("#");
  if (hash < 0) return `${path}${filterSearch(filter)}`;
  return `${path.slice(0, hash)}${filterSearch(filter)}${path.slice(hash)}`;
}
