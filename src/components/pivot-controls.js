import {CUBE_DIMENSIONS, CUBE_TIMES} from "./cube.js";
import {parsePivot, PIVOT_MEASURES, pivotSearch} from "./pivot-state.js";
import {valuePicker} from "./value-picker.js";

/**
 * The pivot's controls: rows, columns, measure and period (selects), and a filter per dimension (a disclosure
 * of checkboxes, every value of the cube, with a search box for a long list). Its value is the pivot's state
 * (parsePivot) and it emits "input" on every change, so a page reads it with Framework's view(). The state is
 * read from the address as the page opens and written back to it (history.replaceState) on every change, so a
 * link shows the same pivot; what a link held that the page does not know is left out with a note.
 *
 * @param {{values: Record<string, (string | null)[]>, periods: {id: string}[], defaultPeriod: string,
 *   label: (axis: string, value: string | null) => string, t: (key: string, values?: object) => string}} options
 *   `values`: per dimension, every value in the order to list them (null: not set)
 */
export function pivotControls({values, periods, defaultPeriod, label, t}) {
  const form = document.createElement("form");
  form.className = "pivot-controls";
  form.setAttribute("aria-label", t("explore.pivot.controls"));
  form.addEventListener("submit", (event) => event.preventDefault());
  // the inputs' own "input" events (a select, a box, a letter typed in a search) would reach view() before
  // the form's value changes: the form emits its own once it has (registered first, this stops the others)
  form.addEventListener("input", (event) => {
    if (event.target !== form) event.stopImmediatePropagation();
  });
  const {state: initial, dropped} = parsePivot(location.search, {
    periods: periods.map((p) => p.id),
    defaultPeriod,
    values
  });

  const choices = form.appendChild(document.createElement("div"));
  choices.className = "pivot-choices";
  const select = (name, options, value) => {
    const wrapper = choices.appendChild(document.createElement("label"));
    wrapper.append(t(`explore.pivot.${name}`), " ");
    const element = wrapper.appendChild(document.createElement("select"));
    element.name = name;
    for (const option of options) {
      if (option.group) {
        const group = element.appendChild(document.createElement("optgroup"));
        group.label = option.group;
        for (const [v, text] of option.options) group.append(new Option(text, v));
      } else element.append(new Option(option[1], option[0]));
    }
    element.value = value;
    return element;
  };
  const axisOptions = [
    ["none", t("explore.pivot.axis.none")],
    {group: t("explore.pivot.dimensions"), options: CUBE_DIMENSIONS.map((a) => [a, t(`explore.pivot.axis.${a}`)])},
    {group: t("explore.pivot.times"), options: CUBE_TIMES.map((a) => [a, t(`explore.pivot.axis.${a}`)])}
  ];
  const rows = select("rows", axisOptions, initial.rows ?? "none");
  const swap = choices.appendChild(document.createElement("button"));
  swap.type = "button";
  swap.className = "pivot-swap";
  swap.textContent = t("explore.pivot.swap");
  const cols = select("cols", axisOptions, initial.cols ?? "none");
  const measure = select(
    "measure",
    Object.keys(PIVOT_MEASURES).map((m) => [m, t(`explore.pivot.measure.${m}`)]),
    initial.measure
  );
  const period = select(
    "period",
    periods.map((p) => [p.id, t(`period.${p.id}`)]),
    initial.period
  );

  const filters = form.appendChild(document.createElement("fieldset"));
  filters.className = "pivot-filters";
  filters.append(Object.assign(document.createElement("legend"), {textContent: t("explore.pivot.filters")}));
  const pickers = CUBE_DIMENSIONS.filter((d) => (values[d] ?? []).length > 0).map((dimension) =>
    valuePicker({
      dimension,
      name: t(`explore.pivot.axis.${dimension}`),
      values: values[dimension],
      initial: initial.filters[dimension] ?? [],
      text: (v) => label(dimension, v),
      t
    })
  );
  filters.append(...pickers.map((p) => p.element));
  const clear = filters.appendChild(document.createElement("button"));
  clear.type = "button";
  clear.className = "pivot-clear";
  clear.textContent = t("explore.pivot.clear");

  if (dropped.length) {
    const note = form.appendChild(document.createElement("p"));
    note.className = "pivot-dropped";
    note.setAttribute("role", "status");
    const name = (key) => (CUBE_DIMENSIONS.includes(key) ? t(`explore.pivot.axis.${key}`) : t(`explore.pivot.${key}`));
    note.textContent = t("explore.pivot.dropped", {
      values: dropped.map(({key, value}) => `${name(key)} “${value}”`).join(", ")
    });
  }

  const read = () => {
    const state = {
      rows: rows.value === "none" ? null : rows.value,
      cols: cols.value === "none" ? null : cols.value,
      measure: measure.value,
      period: period.value,
      filters: {}
    };
    for (const p of pickers) {
      const kept = p.value();
      if (kept.length) state.filters[p.dimension] = kept;
    }
    return state;
  };
  const changed = () => {
    form.value = read();
    for (const p of pickers) p.update();
    history.replaceState(history.state, "", pivotSearch(form.value, values) + location.hash);
    form.dispatchEvent(new Event("input", {bubbles: true}));
  };
  // rows and columns by the same thing swap: the other takes what the changed one was
  let last = {rows: rows.value, cols: cols.value};
  form.addEventListener("change", (event) => {
    // typing in a search box narrows its list; it chooses nothing
    if (event.target.type === "search") return;
    if (rows.value !== "none" && rows.value === cols.value) {
      if (event.target === rows) cols.value = last.rows;
      else rows.value = last.cols;
    }
    last = {rows: rows.value, cols: cols.value};
    changed();
  });
  swap.addEventListener("click", () => {
    [rows.value, cols.value] = [cols.value, rows.value];
    last = {rows: rows.value, cols: cols.value};
    changed();
  });
  clear.addEventListener("click", () => {
    for (const p of pickers) p.clear();
    changed();
  });
  form.value = initial;
  for (const p of pickers) p.update();
  history.replaceState(history.state, "", pivotSearch(initial, values) + location.hash);
  return form;
}
