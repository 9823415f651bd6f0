import {CUBE_TIMES, cubeSums} from "./cube.js";
import {toCsv} from "./csv.js";
import {PIVOT_MEASURES} from "./pivot-state.js";

/**
 * A pivot's figures from the cube: per row × column the measure, and the totals of each row, each column and
 * all — every one summed by cubeSums over its own group, so that a total of a win rate or an average is derived
 * from the sums, never averaged from the cells. A row or column shows when its total has a value: not zero for
 * a count or an amount, not null for a rate or an average. Rows and columns of a time come in order, those of a
 * dimension by their total, largest first (values not set last). A cell without opportunities is 0 for a count
 * or an amount and null for a rate or an average.
 *
 * @param {any} cube data/cube.json
 * @param {import("./pivot-state.js").PivotState} state
 * @param {Record<string, any>} filter pivotFilter(state, site.periods)
 */
export function pivotData(cube, state, filter) {
  const measure = PIVOT_MEASURES[state.measure];
  const value = (row) => row?.[measure.field] ?? (measure.additive ? 0 : null);
  const shown = (v) => v !== null && (!measure.additive || v !== 0);
  const keysOf = (axis) => {
    if (axis === null) return null;
    const totals = cubeSums(cube, filter, [axis])
      .map((row) => ({key: row[axis], total: value(row)}))
      .filter((row) => shown(row.total));
    if (!CUBE_TIMES.includes(axis)) {
      // the largest first, values not set last; equal totals keep the cube's order
      totals.sort((a, b) => (a.key === null) - (b.key === null) || (b.total ?? -Infinity) - (a.total ?? -Infinity));
    }
    return {keys: totals.map((row) => row.key), totals: new Map(totals.map((row) => [row.key, row.total]))};
  };
  const rows = keysOf(state.rows);
  const cols = keysOf(state.cols);
  const cells = new Map();
  if (rows && cols) {
    for (const row of cubeSums(cube, filter, [state.rows, state.cols]))
      cells.set(cellKey(row[state.rows], row[state.cols]), value(row));
  }
  const [all] = cubeSums(cube, filter);
  return {
    measure: state.measure,
    rows: rows?.keys ?? null,
    cols: cols?.keys ?? null,
    /** the figure of a row and a column (undefined: the row's or column's total, or the total of all) */
    value(row, col) {
      if (rows && cols && row !== undefined && col !== undefined) {
        const key = cellKey(row, col);
        return cells.has(key) ? cells.get(key) : measure.additive ? 0 : null;
      }
      if (rows && row !== undefined) return rows.totals.get(row);
      if (cols && col !== undefined) return cols.totals.get(col);
      return value(all);
    }
  };
}

/**
 * The pivot as the table shows it and the CSV holds it: a header (the rows' name, each column's, the total's) and
 * lines of a label and numbers, the total line last. Without columns the one column is the measure; without rows
 * the one line is the total. `label(axis, key)` names a value, `names` the axes, the measure and the total.
 *
 * @returns {{header: string[], lines: {label: string, values: (number | null)[], total: boolean}[]}}
 */
export function pivotGrid(data, state, {label, names}) {
  const cols = data.cols ?? [];
  const header = [
    state.rows ? names.axis(state.rows) : "",
    ...cols.map((col) => label(state.cols, col)),
    data.cols ? names.total : names.measure
  ];
  const line = (row, text, total) => ({
    label: text,
    values: [...cols.map((col) => data.value(row, col)), data.value(row, undefined)],
    total
  });
  const lines = (data.rows ?? []).map((row) => line(row, label(state.rows, row), false));
  // without rows the total is the one line
  lines.push(line(undefined, names.total, data.rows !== null));
  return {header, lines};
}

/** The pivot as CSV text: the grid's header and lines, exact numbers (amounts to the cent, rates as fractions). */
export function pivotCsv(grid) {
  const columns = grid.header.map((_, i) => `c${i}`);
  const rows = grid.lines.map((line) =>
    Object.fromEntries([line.label, ...line.values].map((value, i) => [`c${i}`, value]))
  );
  return toCsv(rows, columns, Object.fromEntries(grid.header.map((text, i) => [`c${i}`, text])));
}

function cellKey(row, col) {
  return JSON.stringify([row, col]);
}
