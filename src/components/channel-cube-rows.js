import {cubeFigures} from "./cube-filter.js";

/**
 * The channels page's figures for a filter no loader precomputes, from the cube, in total and per channel with a
 * deal created, won or lost in the period: opportunities created, deals won and lost, win rate, won revenue,
 * average won deal and average cycle (days). Null when the period cuts the cube's buckets.
 */
export function channelCubeRows(cube, site, filter) {
  const period = site.periods.find((p) => p.id === filter.period);
  const [total] = cubeFigures(cube, filter, period) ?? [null];
  const channels = cubeFigures(cube, filter, period, ["channel"]);
  if (!total || !channels) return null;
  const figures = (row) => ({
    count_opportunities: row.count_opportunities,
    count_won: row.count_won,
    count_lost: row.count_lost,
    win_rate: row.win_rate,
    won_revenue: row.won_amount,
    average_won_deal: row.avg_won_amount,
    average_cycle_days: row.avg_cycle_days
  });
  return {
    total: figures(total),
    channels: channels
      .filter((row) => row.count_opportunities + row.count_won + row.count_lost > 0)
      .map((row) => ({source: row.channel, ...figures(row)}))
  };
}
