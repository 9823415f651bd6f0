import type {Page} from "playwright-core";

/** A rendered table: its header texts and, per row, each cell's text and whether it lies within the window. */
export interface ShownTable {
  headers: string[];
  rows: {text: string; inView: boolean}[][];
}

/** The first table under `selector` as rendered (the rows Inputs.table has drawn); empty when there is none. */
export async function readTable(page: Page, selector: string): Promise<ShownTable> {
  return page.evaluate((selector) => {
    const table = document.querySelector(`${selector} table`);
    if (!table) return {headers: [], rows: []};
    const inView = (cell: Element) => {
      const box = cell.getBoundingClientRect();
      return box.width > 0 && box.left >= 0 && box.right <= document.documentElement.clientWidth;
    };
    return {
      headers: [...table.querySelectorAll("thead th")].map((th) => th.textContent?.trim() ?? ""),
      rows: [...table.querySelectorAll("tbody tr")].map((tr) =>
        [...tr.children].map((cell) => ({text: cell.textContent?.trim() ?? "", inView: inView(cell)}))
      )
    };
  }, selector);
}

/** The cells of one column of a read table, by its header's text. */
export function columnOf(table: ShownTable, header: string): {text: string; inView: boolean}[] {
  const index = table.headers.indexOf(header);
  if (index < 0) throw new Error(`no column "${header}" among ${table.headers.join(", ")}`);
  return table.rows.map((row) => row[index]);
}
