import * as Inputs from "@observablehq/inputs";
import {toCsv} from "./csv.js";

/**
 * A sortable table with a "Download CSV" button. Cells are rendered as text, never as HTML (a name like
 * <img onerror=…> shows as written). Column headers sort on click and, for keyboard users, on Enter or
 * Space. Options: columns, header (labels), format (per column), filename, rows (visible rows), t,
 * currency: the reporting currency, the original one in the CSV of rows exported in it (toCsv), and
 * phoneColumns: the columns a phone shows first, in that order (the first of them stays in view as the
 * table scrolls sideways); the CSV keeps the order of `columns`.
 */
export function dataTable(
  data,
  {columns, header = {}, format = {}, align = {}, filename = "table", rows = 12, t, currency = null, phoneColumns = []}
) {
  const wrapper = document.createElement("div");
  wrapper.className = "data-table";
  if (data.length === 0) {
    wrapper.append(Object.assign(document.createElement("p"), {className: "muted", textContent: t("table.noRows")}));
    return wrapper;
  }
  const onPhone = phoneColumns.length > 0 && window.matchMedia(PHONE).matches;
  const shown = onPhone ? [...phoneColumns, ...columns.filter((c) => !phoneColumns.includes(c))] : columns;
  const cells = Object.fromEntries(
    Object.entries(format).map(([column, f]) => [column, f.compact ? amountCell(f) : f])
  );
  const table = Inputs.table(data, {columns: shown, header, format: cells, align, rows, select: false, layout: "auto"});
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

// the width at which style.css lays pages out for a phone
const PHONE = "(max-width: 640px)";

/** An amount in compact form ("CN¥23.3M"), the exact figure on hover; the CSV keeps the exact value. */
function amountCell(format) {
  return (value) => {
    if (value === null || value === undefined || Number.isNaN(value)) return format(value);
    return Object.assign(document.createElement("span"), {
      textContent: format.compact(value),
      title: format.exact(value)
    });
  };
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
