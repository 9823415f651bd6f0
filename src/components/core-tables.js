import {formatCount} from "./format.js";

/**
 * The warehouse's core tables as an HTML table: name, grain and rows. A table no export fed says
 * "not exported" rather than 0 rows; one fed by files that loaded nothing says so.
 */
export function coreTables(tables) {
  const table = document.createElement("table");
  table.innerHTML = "<thead><tr><th>table</th><th>grain</th><th style='text-align:right'>rows</th></tr></thead>";
  const body = table.appendChild(document.createElement("tbody"));
  for (const t of tables) {
    const row = body.appendChild(document.createElement("tr"));
    cell(row, "code").textContent = t.table;
    cell(row).textContent = t.grain;
    const rows = cell(row);
    rows.style.textAlign = "right";
    if (t.count_rows > 0) rows.textContent = formatCount(t.count_rows);
    else {
      rows.className = "muted";
      rows.textContent = t.count_files > 0 ? "0 (no valid rows in its files)" : "not exported";
    }
  }
  return table;
}

function cell(row, inner) {
  const td = row.appendChild(document.createElement("td"));
  return inner ? td.appendChild(document.createElement(inner)) : td;
}
