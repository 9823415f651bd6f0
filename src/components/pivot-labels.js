import {displayName} from "./display-names.js";
import {PIVOT_MEASURES} from "./pivot-state.js";

/**
 * The names a pivot shows, in the site's language: of each value of an axis (a channel's display name, a rep's
 * name, "Mar 2026", "2026 Q1", a value not set as "no channel" …), of the axes, the measures and the total, and
 * each measure's figures as text (an amount compact, with the exact figure for its title).
 *
 * @param {(key: string, values?: object) => string} t
 * @param {ReturnType<typeof import("./i18n.js").formatters>} fmt
 * @param {Map<string, string>} [reps] a rep's name by id (repNames); a rep without one shows its id
 */
export function pivotLabels(t, fmt, reps = new Map()) {
  const label = (axis, key) => {
    if (key === null || key === undefined) return t(`explore.pivot.none.${axis}`);
    if (axis === "channel") return displayName(t, "channel", key);
    if (axis === "rep") return reps.get(key) ?? key;
    if (axis === "month") return fmt.month(`${key}-01`);
    if (axis === "quarter") {
      const month = (Number(key.slice(-1)) - 1) * 3 + 1;
      return fmt.quarter(`${key.slice(0, 4)}-${String(month).padStart(2, "0")}`);
    }
    if (axis === "year") return t("explore.pivot.year", {year: key});
    return String(key);
  };
  const names = (measure) => ({
    axis: (axis) => t(`explore.pivot.axis.${axis}`),
    measure: t(`explore.pivot.measure.${measure}`),
    total: t(PIVOT_MEASURES[measure].additive ? "explore.pivot.total" : "explore.pivot.overall")
  });
  /** a figure as a cell shows it: its text, and where the text rounds, the exact figure as its title */
  const figure = (measure, value) => {
    const kind = PIVOT_MEASURES[measure].kind;
    if (kind === "money") return {text: fmt.money.compact(value), title: value == null ? null : fmt.moneyExact(value)};
    if (kind === "percent") return {text: fmt.percent(value), title: null};
    if (kind === "days") return {text: fmt.days(value), title: value == null ? null : fmt.decimal(1)(value)};
    return {text: fmt.count(value), title: null};
  };
  /** an axis tick: a figure in short */
  const tick = (measure) => {
    const kind = PIVOT_MEASURES[measure].kind;
    if (kind === "money") return fmt.moneyCompact;
    if (kind === "percent") return fmt.percent;
    return fmt.count;
  };
  return {label, names, figure, tick};
}

/**
 * Each rep's name by id, from the cube's reps (a table of columns and rows); none on a site that hides reps'
 * names, whose cube has no names. Two reps of the same name are told apart by their ids.
 */
export function repNames(cube) {
  const reps = cube?.reps;
  const names = new Map();
  if (!Array.isArray(reps?.columns) || !Array.isArray(reps?.rows)) return names;
  const id = reps.columns.indexOf("rep_id");
  const name = reps.columns.indexOf("rep_name");
  if (id < 0 || name < 0) return names;
  const named = reps.rows.filter((row) => row[id] !== null && row[name]);
  const count = new Map();
  for (const row of named) count.set(row[name], (count.get(row[name]) ?? 0) + 1);
  for (const row of named) names.set(row[id], count.get(row[name]) > 1 ? `${row[name]} (${row[id]})` : row[name]);
  return names;
}
