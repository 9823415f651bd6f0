/** Four significant digits: plenty for a chart or a table, and a third of the bytes of a double. */
export function significant(value: number): number;
export function significant(value: number | null): number | null;
export function significant(value: number | null): number | null {
  return value === null ? null : Number(value.toPrecision(4));
}

/** A row with its amounts (columns ending in "amount") in whole units and its other fractions to four significant digits. */
export function significantFigures<Row extends object>(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      typeof value !== "number" || Number.isInteger(value)
        ? value
        : column.endsWith("amount")
          ? Math.round(value)
          : significant(value)
    ])
  ) as Row;
}
