import {significantFigures} from "./significant.ts";

/**
 * A table as its column names once and one array of values per row, in the order of the names: a page
 * holds many slices, and naming every value in every row would be most of its bytes. Pages read it back
 * with tableRows (src/components/compact-table.js). The names travel with the rows because
 * withoutHiddenNames drops a hidden name column from a table of this shape, and from nothing else.
 */
export interface CompactTable<Row> {
  columns: (keyof Row & string)[];
  rows: unknown[][];
}

/**
 * `objects` as a compact table of `columns` (by default the first object's keys). No rows name no
 * columns; with `dropNull` neither do the columns null in every row (a page reads an absent column as
 * null) — spend under a team filter, leads without a leads export; `dropNull` naming columns drops only
 * those.
 */
export function compactTable<Row extends object, Column extends keyof Row & string = keyof Row & string>(
  objects: Row[],
  columns: readonly Column[] = objects.length ? (Object.keys(objects[0]) as Column[]) : [],
  {dropNull = false}: {dropNull?: boolean | readonly string[]} = {}
): CompactTable<Pick<Row, Column>> {
  const droppable = (c: string) => (typeof dropNull === "boolean" ? dropNull : dropNull.includes(c));
  const kept = objects.length === 0 ? [] : columns.filter((c) => !droppable(c) || objects.some((o) => o[c] != null));
  return {columns: kept, rows: objects.map((o) => kept.map((c) => o[c] ?? null))};
}

/** The table `name` of a page whose tables have fixed columns (`columns[name]`). */
export type TableOf<Columns extends Record<string, readonly string[]>, T extends keyof Columns> = CompactTable<
  Record<Columns[T][number], unknown>
>;

/**
 * A maker of a page's tables by name, for pages that list each table's columns once (`columns`): rows
 * become compact tables of those columns, amounts in whole units, other fractions to four significant
 * digits (significantFigures); `dropNull` as compactTable's.
 *
 * @example const table = tablesOf(FOLLOW_UP_COLUMNS); table("by_rep", rows)
 */
export function tablesOf<Columns extends Record<string, readonly string[]>>(columns: Columns) {
  return <T extends keyof Columns & string>(
    name: T,
    rows: object[],
    options: {dropNull?: boolean | readonly string[]} = {}
  ): TableOf<Columns, T> =>
    compactTable(rows.map(significantFigures) as Record<string, unknown>[], columns[name], options) as TableOf<
      Columns,
      T
    >;
}
