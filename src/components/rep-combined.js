import {cubeFigures} from "./cube-filter.js";

/** The figures combinedRepRows reads of its two cubes (cubeLoader's third argument): closed in the period, open now. */
export const REP_ROWS_CLOSED = ["count_won", "count_lost", "won_amount", "win_rate"];
export const REP_ROWS_OPEN = ["count_open", "open_amount"];

/**
 * The reps table's rows for a filter no loader precomputes, from the cube: per rep with a deal in it, the
 * deals won and lost in the period, win rate and won revenue, and the deals open now. The figures that need
 * the deals themselves — rank, interval, shrunk rate, quota, load, cycle median, specialties — are null.
 * `cube` holds the period (deals closed in it), `now` all time (deals open now): the same cube by rep with its
 * monthly cells, or cubeLoader's files of the period and of all time.
 *
 * @example
 * const now = await cubeFor({...filter, period: "all"}, ["rep"], REP_ROWS_OPEN);
 * combinedRepRows(await cubeFor(filter, ["rep"], REP_ROWS_CLOSED), now, site, filter);
 */
export function combinedRepRows(cube, now, site, filter) {
  const period = site.periods.find((p) => p.id === filter.period);
  const closed = new Map((cubeFigures(cube, filter, period, ["rep"]) ?? []).map((row) => [row.rep, row]));
  const open = new Map((cubeFigures(now, filter, null, ["rep"]) ?? []).map((row) => [row.rep, row]));
  const ids = [...new Set([...closed.keys(), ...open.keys()])];
  return ids
    .map((id) => {
      const sums = closed.get(id);
      const current = open.get(id);
      return {
        rep_id: id,
        count_won: sums?.count_won ?? 0,
        count_lost: sums?.count_lost ?? 0,
        win_rate: sums?.win_rate ?? null,
        won_revenue: sums?.won_amount ?? 0,
        count_open: current?.count_open ?? 0,
        open_amount: current?.open_amount ?? 0,
        rank: null,
        win_rate_lower: null,
        win_rate_upper: null,
        shrunk_win_rate: null,
        quota_attainment_rate: null,
        median_cycle_days: null
      };
    })
    .filter((row) => row.count_won + row.count_lost + row.count_open > 0)
    .sort((a, b) => b.won_revenue - a.won_revenue || b.count_won - a.count_won);
}
