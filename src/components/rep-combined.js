import {cubeFigures} from "./cube-filter.js";

/**
 * The reps table's rows for a filter no loader precomputes, from the cube: per rep with a deal in it, the
 * deals won and lost in the period, win rate and won revenue, and the deals open now. The figures that need
 * the deals themselves — rank, interval, shrunk rate, quota, load, cycle median, specialties — are null.
 */
export function combinedRepRows(cube, site, filter) {
  const period = site.periods.find((p) => p.id === filter.period);
  const closed = new Map((cubeFigures(cube, filter, period, ["rep"]) ?? []).map((row) => [row.rep, row]));
  const open = new Map((cubeFigures(cube, filter, null, ["rep"]) ?? []).map((row) => [row.rep, row]));
  const ids = [...new Set([...closed.keys(), ...open.keys()])];
  return ids
    .map((id) => {
      const sums = closed.get(id);
      const now = open.get(id);
      return {
        rep_id: id,
        count_won: sums?.count_won ?? 0,
        count_lost: sums?.count_lost ?? 0,
        win_rate: sums?.win_rate ?? null,
        won_revenue: sums?.won_amount ?? 0,
        count_open: now?.count_open ?? 0,
        open_amount: now?.open_amount ?? 0,
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
