import {cubeFigures} from "./cube-filter.js";
import {nearestSlice} from "./slices.js";

/**
 * The overview's slices for a filter no loader precomputes, shaped as the precomputed ones: won revenue,
 * win rate, opportunities, average deal and cycle of the period and the periods it is compared with, and the
 * open pipeline, from the cube; leads, the weighted pipeline, coverage, forecast, alerts and trends from the
 * nearest precomputed slice (`choice`), which the page labels. A comparison period that cuts the cube's
 * buckets compares with nothing.
 */
export function combinedOverview(cube, data, site, filter) {
  const {slice: near, choice} = nearestSlice(data, filter);
  const {slice: nearNow} = nearestSlice(data.now, filter);
  if (near === undefined || nearNow === undefined) return {slice: undefined, now: undefined, choice, near, nearNow};
  const period = site.periods.find((p) => p.id === filter.period);
  // the figures of a span from its cube row (null: the span cuts the cube's buckets)
  const sums = (row, leads) => {
    if (!row)
      return {
        won_revenue: null,
        win_rate: null,
        count_opportunities: null,
        count_won: null,
        count_lost: null,
        count_leads: leads
      };
    return {
      won_revenue: row.won_amount,
      win_rate: row.win_rate,
      count_won: row.count_won,
      count_lost: row.count_lost,
      count_opportunities: row.count_opportunities,
      count_leads: leads
    };
  };
  const spanRow = (span) => cubeFigures(cube, filter, span)?.[0] ?? null;
  const periodRow = spanRow(period);
  const current = sums(periodRow, near.current.count_leads);
  const deals = periodRow ?? {avg_won_amount: null, avg_cycle_days: null};
  const slice = {
    ...near,
    current,
    previous: period.previous ? sums(spanRow(period.previous), near.previous?.count_leads ?? null) : null,
    last_year: period.lastYear ? sums(spanRow(period.lastYear), near.last_year?.count_leads ?? null) : null,
    deals: {avg_won_amount: deals.avg_won_amount, avg_cycle_days: deals.avg_cycle_days}
  };
  // still open at the export, wherever it was created: all of the cube
  const [open] = cubeFigures(cube, filter, null);
  const now = {
    ...nearNow,
    pipeline: {...nearNow.pipeline, open_amount: open.open_amount, count_open: open.count_open},
    pipeline_quarter_ago: {...nearNow.pipeline_quarter_ago, open_amount: null},
    pipeline_year_ago: {...nearNow.pipeline_year_ago, open_amount: null}
  };
  return {slice, now, choice, near, nearNow};
}
