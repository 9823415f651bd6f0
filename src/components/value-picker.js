// beyond this many values a list gets a search box: a team's reps, a company's products
const SEARCH_FROM = 6;

/**
 * A choice of any number of a dimension's values: a disclosure whose summary names the choice ("Team: All",
 * "Team: 华东", "Team: 2 chosen"), with a checkbox per value and, for a long list, a search box that narrows
 * it. Enter or Space opens and closes it, Tab walks its boxes, Escape or a click elsewhere closes it. The
 * boxes are named after the dimension, so a form's "change" event says a choice changed; typing in the search
 * box changes nothing chosen (its target is of type "search").
 *
 * @param {{dimension: string, name: string, values: (string | null)[], initial?: (string | null)[],
 *   text: (value: string | null) => string, t: (key: string, values?: object) => string}} options
 *   `name`: the dimension in words; `values`: every value in the order to list them (null: not set)
 */
export function valuePicker({dimension, name, values, initial = [], text, t}) {
  const details = document.createElement("details");
  details.className = "value-picker";
  details.dataset.dimension = dimension;
  const summary = details.appendChild(document.createElement("summary"));
  const panel = details.appendChild(document.createElement("div"));
  panel.className = "value-picker-panel";
  panel.setAttribute("role", "group");
  panel.setAttribute("aria-label", name);
  let search = null;
  if (values.length > SEARCH_FROM) {
    search = panel.appendChild(document.createElement("input"));
    search.type = "search";
    search.placeholder = t("picker.search");
    search.setAttribute("aria-label", t("picker.searchIn", {name}));
  }
  const list = panel.appendChild(document.createElement("div"));
  list.className = "value-picker-list";
  const boxes = values.map((value) => {
    const row = list.appendChild(document.createElement("label"));
    const box = row.appendChild(document.createElement("input"));
    box.type = "checkbox";
    box.name = dimension;
    // the chosen values are read from `values` by position: a value not set has no text of its own
    box.value = value ?? "";
    box.checked = initial.includes(value);
    row.append(" ", text(value));
    return {box, row, value, words: `${value ?? ""} ${text(value)}`.toLowerCase()};
  });
  search?.addEventListener("input", () => {
    const query = search.value.trim().toLowerCase();
    for (const {row, words} of boxes) row.hidden = query !== "" && !words.includes(query);
  });
  details.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !details.open) return;
    details.open = false;
    summary.focus();
  });
  document.addEventListener("click", (event) => {
    if (details.open && !details.contains(event.target)) details.open = false;
  });

  const value = () => boxes.filter((b) => b.box.checked).map((b) => b.value);
  const update = () => {
    const picked = value();
    const shown =
      picked.length === 0
        ? t("picker.all")
        : picked.length === 1
          ? text(picked[0])
          : t("picker.count", {count: picked.length});
    summary.textContent = `${name}: ${shown}`;
    details.classList.toggle("value-picker-active", picked.length > 0);
  };
  const clear = () => {
    for (const {box} of boxes) box.checked = false;
  };
  return {dimension, element: details, value, update, clear};
}
