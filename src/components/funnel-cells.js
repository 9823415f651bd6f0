/**
 * The cells of a page-wide catalogue (transitions, lost reasons) that occurred in a slice, each with the
 * slice's count under `countKey` and its share of the cells sharing `groupKey` (null: of all) under `shareKey`.
 *
 * @example cellsOf(data.transitions, slice.transitions, {countKey: "count_transitions", groupKey: "from_stage", shareKey: "transition_rate"})
 * @template {object} Cell
 * @param {Cell[]} catalogue
 * @param {number[]} counts
 * @param {{countKey: string, groupKey?: string | null, shareKey: string}} options
 * @returns {(Cell & Record<string, number>)[]}
 */
export function cellsOf(catalogue, counts, {countKey, groupKey = null, shareKey}) {
  const cells = catalogue
    .map((item, i) => ({...item, [countKey]: counts[i] ?? 0}))
    .filter((cell) => cell[countKey] > 0);
  const totals = new Map();
  for (const cell of cells) {
    const group = groupKey ? cell[groupKey] : null;
    totals.set(group, (totals.get(group) ?? 0) + cell[countKey]);
  }
  return cells.map((cell) => ({...cell, [shareKey]: cell[countKey] / totals.get(groupKey ? cell[groupKey] : null)}));
}
