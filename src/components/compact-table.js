/**
 * The rows of a compact table ({columns, rows}: the column names once, then one array of values per row,
 * as site/compact-table.ts writes it) as objects; no table, no rows. Name `columns` to read a
 * column the loader left out for being null in every row: it reads as null.
 *
 * @template Row
 * @param {{columns: (keyof Row & string)[], rows: unknown[][]} | null | undefined} table
 * @param {string[]} [columns]
 * @returns {Row[]}
 */
export function tableRows(table, columns = table?.columns ?? []) {
  if (!table) return [];
  const index = new Map(table.columns.map((column, i) => [column, i]));
  return /** @type {any} */ (
    table.rows.map((values) =>
      Object.fromEntries(columns.map((column) => [column, index.has(column) ? values[index.get(column)] : null]))
    )
  );
}

/** Whether a compact table has a column: the loader leaves out a column null in every row. */
export function hasColumn(table, column) {
  return Boolean(table?.columns.includes(column));
}
