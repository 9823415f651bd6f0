/** The "data as of" line every page starts with: the export time of the latest ingest, or how to load one. */
export function asOfLine(site, t, fmt) {
  const p = document.createElement("p");
  p.className = "as-of muted";
  p.textContent = site.exportedAt ? t("asOf", {date: fmt.day(site.exportedAt)}) : t("asOf.none");
  return p;
}

/** The period a filter shows, in words with its dates: "Year to date (Jan 1 – Nov 20, 2026)". */
export function periodText(site, filter, t, fmt) {
  const period = site.periods.find((p) => p.id === filter.period);
  const last = new Date(`${period.end}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  return `${t(`period.${period.id}`)} (${fmt.day(period.start)} – ${fmt.day(last.toISOString())})`;
}

/**
 * What a page shows instead of numbers it cannot compute: names the optional exports (tables) that were
 * missing, or says nothing matched the filter.
 */
export function emptyState(t, missing = []) {
  const p = document.createElement("p");
  p.className = "empty-state";
  const tables = missing.map((m) => m.split(/[.:]/)[0]);
  p.textContent = tables.length ? t("empty.missing", {tables: [...new Set(tables)].join(", ")}) : t("empty.noData");
  return p;
}

/** Whether every one of `tables` was exported (holds rows). */
export function hasTables(site, ...tables) {
  return tables.every((table) => site.tables.includes(table));
}

/**
 * A headline figure: label, value, comparison lines and a link to the page that explains it.
 * `changes` is a list of {label, text, direction: "up" | "down" | null}.
 */
export function kpiTile({label, value, changes = [], href = null, note = null}) {
  const tile = document.createElement(href ? "a" : "div");
  tile.className = "card kpi";
  if (href) tile.href = href;
  tile.append(Object.assign(document.createElement("h2"), {textContent: label}));
  tile.append(Object.assign(document.createElement("span"), {className: "big", textContent: value}));
  for (const change of changes) {
    const line = tile.appendChild(document.createElement("div"));
    line.className = `change ${change.direction ?? ""}`;
    line.textContent = `${change.text} ${change.label}`;
  }
  if (note) tile.append(Object.assign(document.createElement("div"), {className: "muted", textContent: note}));
  return tile;
}
