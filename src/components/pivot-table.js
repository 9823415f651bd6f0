import {pivotCsv} from "./pivot-data.js";

/**
 * The pivot as a table under its title and scope: a header row (the rows' name, each column, the total), a row per value
 * with its name as the row's header, the total row last. Each cell shows `figure(value).text`, with the exact
 * figure as its title where the text rounds it. The table scrolls sideways inside its box, its first column
 * staying in view; "Download CSV" saves the same grid with exact numbers (pivotCsv). Texts never become HTML.
 *
 * @param {ReturnType<typeof import("./pivot-data.js").pivotGrid>} grid
 * @param {{title: string, scope: string, figure: (value: number | null) => {text: string, title: string | null},
 *   filename: string, t: (key: string) => string}} options `scope`: the period and the values kept, in words
 */
export function pivotTable(grid, {title, scope, figure, filename, t}) {
  const wrapper = document.createElement("div");
  wrapper.className = "pivot";
  const heading = wrapper.appendChild(document.createElement("h3"));
  heading.id = "pivot-title";
  heading.textContent = title;
  const subtitle = wrapper.appendChild(document.createElement("p"));
  subtitle.className = "pivot-scope muted";
  subtitle.textContent = scope;
  // a box that scrolls is reachable by keyboard, so that arrow keys scroll it
  const scroller = wrapper.appendChild(document.createElement("div"));
  scroller.className = "pivot-scroll";
  scroller.tabIndex = 0;
  scroller.setAttribute("role", "region");
  scroller.setAttribute("aria-labelledby", heading.id);
  const table = scroller.appendChild(document.createElement("table"));
  table.className = "pivot-table";
  table.setAttribute("aria-labelledby", heading.id);
  const headRow = table.appendChild(document.createElement("thead")).insertRow();
  grid.header.forEach((text, i) => {
    const th = headRow.appendChild(document.createElement("th"));
    th.scope = "col";
    th.textContent = text;
    if (i === grid.header.length - 1 && grid.header.length > 2) th.className = "pivot-total";
  });
  const body = table.appendChild(document.createElement("tbody"));
  const foot = table.appendChild(document.createElement("tfoot"));
  for (const line of grid.lines) {
    const tr = (line.total ? foot : body).insertRow();
    const th = tr.appendChild(document.createElement("th"));
    th.scope = "row";
    th.textContent = line.label;
    line.values.forEach((value, i) => {
      const td = tr.insertCell();
      const shown = figure(value);
      td.textContent = shown.text;
      if (shown.title && shown.title !== shown.text) td.title = shown.title;
      if (i === line.values.length - 1 && line.values.length > 1) td.className = "pivot-total";
    });
  }
  const download = wrapper.appendChild(document.createElement("button"));
  download.type = "button";
  download.className = "download";
  download.textContent = t("table.download");
  download.addEventListener("click", () => {
    const blob = new Blob(["\ufeff", pivotCsv(grid)], {type: "text/csv;charset=utf-8"});
    const link = Object.assign(document.createElement("a"), {
      href: URL.createObjectURL(blob),
      download: `${filename}.csv`
    });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
  return wrapper;
}
