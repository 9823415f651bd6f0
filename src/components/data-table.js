import * as Inputs from "@observablehq/inputs";
import {toCsv} from "./csv.js";

/**
 * A sortable table with a "Download CSV" button. Cells are rendered as text, never as HTML (a name like
 * <img onerror=…> shows as written). Column headers sort on click and, for keyboard users, on Enter or
 * Space. Options: columns, header (labels), format (per column), filename, rows (visible rows), t, and
 * currency: the reporting currency, the original one in the CSV of rows exported in it (toCsv).
 */
export function dataTable(
  data,
  {columns, header = {}, format = {}, align = {}, filename = "table", rows = 12, t, currency = null}
) {
  const wrapper = document.createElement("div");
  wrapper.className = "data-table";
  if (data.length === 0) {
    wrapper.append(Object.assign(document.createElement("p"), {className: "muted", textContent: t("table.noRows")}));
    return wrapper;
  }
  const table = Inputs.table(data, {columns, header, format, align, rows, select: false, layout: "auto"});
  makeHeadersKeyboardSortable(table);
  const download = document.createElement("button");
  download.type = "button";
  download.className = "download";
  download.textContent = t("table.download");
  download.addEventListener("click", () => {
    const labels = {
      amount_original: t("table.amountOriginal"),
      currency_original: t("table.currencyOriginal"),
      ...header
    };
    const blob = new Blob(["\ufeff", toCsv(data, columns, labels, {currency})], {type: "text/csv;charset=utf-8"});
    const link = Object.assign(document.createElement("a"), {
      href: URL.createObjectURL(blob),
      download: `${filename}.csv`
    });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
  wrapper.append(table, download);
  return wrapper;
}

function makeHeadersKeyboardSortable(table) {
  // Inputs.table renders its header lazily on first display; it sorts on a click of the <th>
  const upgrade = () => {
    for (const th of table.querySelectorAll("thead th")) {
      if (th.tabIndex === 0 || !th.textContent) continue;
      th.tabIndex = 0;
      th.addEventListener("keydown", (event) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        th.click();
        th.focus();
      });
    }
  };
  new MutationObserver(upgrade).observe(table, {childList: true, subtree: true});
  upgrade();
}
