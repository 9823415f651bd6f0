/**
 * A table cell holding several short texts (the reasons and risk flags of a score) as a list, rendered as
 * text: a cell format for dataTable. Items starting with ⚠ are risk flags and marked as such. An empty list
 * shows an em dash.
 */
export function opportunityCellList(items) {
  if (!items?.length) return "—";
  const ul = document.createElement("ul");
  ul.className = "opportunity-cell-list";
  for (const item of items) {
    const li = ul.appendChild(document.createElement("li"));
    li.textContent = item;
    if (item.startsWith("⚠")) li.className = "opportunity-risk";
  }
  return ul;
}
