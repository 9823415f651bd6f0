import {slicedChoice} from "./slices.js";

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

// the notes pipelines add to a missing table ("opportunity_snapshots: needs two ingests"), as messages
const NOTES = {
  "needs two ingests": "empty.needsTwoIngests",
  "needs two ingests between the dates": "empty.needsTwoIngestsBetween",
  "needs an ingest before the month holding now": "empty.needsEarlierIngest"
};

/**
 * What a page shows instead of numbers it cannot compute, in sentences: the optional exports (tables)
 * that were missing, a column an export lacks ("accounts.membership_tier"), a pipeline's note
 * ("opportunity_snapshots: needs two ingests"); with `site`, the opportunities on an empty warehouse,
 * which no pipeline lists. With nothing missing it says nothing matched the filter.
 *
 * @param {(key: string, values?: object) => string} t
 * @param {string[]} [missing]
 * @param {{tables: string[]} | null} [site]
 */
export function emptyState(t, missing = [], site = null) {
  const entries = site && !site.tables.includes("opportunities") ? ["opportunities", ...missing] : missing;
  const tables = new Set();
  const sentences = new Set();
  for (const entry of entries) {
    const note = entry.match(/^(\w+): (.+)$/);
    const column = entry.match(/^(\w+)\.(\w+)$/);
    if (note) sentences.add(NOTES[note[2]] ? t(NOTES[note[2]]) : t("empty.note", {table: note[1], note: note[2]}));
    else if (column) sentences.add(t("empty.column", {table: column[1], column: column[2]}));
    else tables.add(entry);
  }
  const text = [...(tables.size ? [t("empty.missing", {tables: [...tables].join(", ")})] : []), ...sentences];
  const p = document.createElement("p");
  p.className = "empty-state";
  p.textContent = text.length ? text.join(" ") : t("empty.noData");
  return p;
}

/** A muted line of text: what a section says instead of a chart, or a remark under one. */
export function note(text) {
  return Object.assign(document.createElement("p"), {className: "muted", textContent: text});
}

/** Whether every one of `tables` was exported (holds rows). */
export function hasTables(site, ...tables) {
  return tables.every((table) => site.tables.includes(table));
}

/**
 * A headline figure: label, value, comparison lines and a link to the page that explains it.
 * `changes` is a list of {label, text, direction: "up" | "down" | null}; `title` shows on hover (the exact amount).
 */
export function kpiTile({label, value, title = null, changes = [], href = null, note = null}) {
  const tile = document.createElement(href ? "a" : "div");
  tile.className = "card kpi";
  if (href) tile.href = href;
  tile.append(Object.assign(document.createElement("h2"), {textContent: label}));
  const big = tile.appendChild(Object.assign(document.createElement("span"), {className: "big", textContent: value}));
  if (title) big.title = title;
  for (const change of changes) {
    const line = tile.appendChild(document.createElement("div"));
    line.className = `change ${change.direction ?? ""}`;
    line.textContent = `${change.text} ${change.label}`;
  }
  if (note) tile.append(Object.assign(document.createElement("div"), {className: "muted", textContent: note}));
  return tile;
}

const LEFT_OUT = [
  "opportunities_without_created_at",
  "opportunities_without_stage",
  "opportunities_without_outcome",
  "won_without_amount",
  "open_without_amount",
  "closed_before_created"
];

/**
 * What the figures of the filter leave out for want of a value ("1 won deal without an amount: in the win
 * rate, not in revenue"), with a link to the data-quality page; an empty text when nothing is left out.
 */
export function leftOutNote(site, filter, t, fmt) {
  const choice = slicedChoice(filter);
  // a combination has no precomputed counts
  if (choice === undefined) return document.createTextNode("");
  const counts = site.left_out?.[choice === null ? "all" : `${choice.dimension}=${choice.value}`];
  const parts = LEFT_OUT.filter((name) => counts?.[name] > 0).map((name) =>
    t(`leftOut.${name}`, {count: fmt.count(counts[name])})
  );
  if (parts.length === 0) return document.createTextNode("");
  const p = document.createElement("p");
  p.className = "muted left-out";
  p.append(`${t("leftOut.intro")} ${parts.join("; ")}. `);
  const link = p.appendChild(document.createElement("a"));
  link.href = `./data-quality.html${location.search}`;
  link.textContent = t("leftOut.link");
  return p;
}
