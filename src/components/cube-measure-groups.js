/**
 * The cube's measures in the groups the cube by rep per period is written in, one file each: a grouping by rep
 * loads only the groups of the figures it shows (the reps table: closed in the period, open over all time).
 */
export const CUBE_MEASURE_GROUPS = {
  created: ["count_opportunities", "amount"],
  open: ["count_open", "open_amount"],
  // counts, then sums, of the deals won or lost
  closed: [
    "count_won",
    "count_lost",
    "count_won_without_amount",
    "count_won_without_cycle",
    "won_amount",
    "sum_cycle_days"
  ]
};

/** The sums a derived figure needs (cubeSums derives them). */
export const CUBE_DERIVED = {
  win_rate: ["count_won", "count_lost"],
  avg_won_amount: ["won_amount", "count_won", "count_won_without_amount"],
  avg_cycle_days: ["sum_cycle_days", "count_won", "count_won_without_cycle"]
};

/**
 * The groups holding the sums of `figures` (measures or derived figures), in the order of CUBE_MEASURE_GROUPS.
 *
 * @example cubeMeasureGroups(["win_rate", "count_open"]) // ["open", "closed"]
 */
export function cubeMeasureGroups(figures) {
  const sums = figures.flatMap((figure) => CUBE_DERIVED[figure] ?? [figure]);
  const unknown = sums.filter((m) => !Object.values(CUBE_MEASURE_GROUPS).flat().includes(m));
  if (unknown.length) throw new RangeError(`the cube has no measure ${unknown.join(", ")}`);
  return Object.keys(CUBE_MEASURE_GROUPS).filter((group) => CUBE_MEASURE_GROUPS[group].some((m) => sums.includes(m)));
}
