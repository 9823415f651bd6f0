import {empiricalBayes} from "../stats/empirical-bayes.ts";
import {wilsonInterval} from "../stats/wilson-interval.ts";

/** The metrics a rep row and a team row share. Amounts are in the deals' currency. */
export interface PerformanceMetrics {
  /** opportunities created in the period */
  count_opportunities: number;
  /** won / lost with a close date in the period */
  count_won: number;
  count_lost: number;
  /** won / (won + lost), with its 95 % Wilson interval */
  win_rate: number | null;
  win_rate_lower: number | null;
  win_rate_upper: number | null;
  /** empirical-Bayes shrunk win rate (prior fitted across the rows of the result); ranks the rows */
  shrunk_win_rate: number | null;
  /** 1 = highest shrunk win rate; ties share a rank */
  rank: number | null;
  /** Σ amount of the deals won in the period */
  won_revenue: number;
  /** Σ quota of the period's months (pro rata for a month cut by the period); null without quotas */
  quota: number | null;
  /** won_revenue / quota, a ratio (1 = 100 %) */
  quota_attainment_rate: number | null;
  /** won deals without an amount: counted in the win rate, left out of won revenue and the average won deal */
  count_won_without_amount: number;
  /** won_revenue / the won deals with an amount */
  average_won_deal: number | null;
  /** median days from creation to close of the deals won in the period */
  median_cycle_days: number | null;
  /** activities on the opportunities created in the period */
  count_activities: number | null;
  activities_per_opportunity: number | null;
  /** opportunities open now (at the export) and their amount, whatever the period */
  count_open: number;
  open_amount: number;
}

/** What performanceSql returns per row, before the statistics. */
export interface RawPerformance {
  count_opportunities: number;
  count_activities: number;
  count_won: number;
  count_lost: number;
  won_revenue: number;
  count_won_without_amount: number;
  median_cycle_days: number | null;
  count_open: number;
  open_amount: number;
  quota: number | null;
}

/**
 * Rates, Wilson intervals, the shrunk win rate and its rank for raw rows, in the same order. The prior
 * is fitted across all the rows given, so shrinkage pulls each rep towards the reps it is compared with.
 * Ranks: 1 for the highest shrunk rate, ties share a rank, null without any closed deal in the result.
 */
export function performanceMetrics(
  raw: RawPerformance[],
  {activities, quotas}: {activities: boolean; quotas: boolean}
): PerformanceMetrics[] {
  const fit = empiricalBayes(raw.map((r) => ({successes: r.count_won, trials: r.count_won + r.count_lost})));
  const rows: PerformanceMetrics[] = raw.map((row, i) => {
    const closed = row.count_won + row.count_lost;
    const interval = wilsonInterval(row.count_won, closed);
    const quota = quotas ? row.quota : null;
    return {
      count_opportunities: row.count_opportunities,
      count_won: row.count_won,
      count_lost: row.count_lost,
      win_rate: closed === 0 ? null : row.count_won / closed,
      win_rate_lower: interval?.lower ?? null,
      win_rate_upper: interval?.upper ?? null,
      shrunk_win_rate: fit.shrunk[i],
      rank: null,
      won_revenue: row.won_revenue,
      quota,
      quota_attainment_rate: quota ? row.won_revenue / quota : null,
      count_won_without_amount: row.count_won_without_amount,
      average_won_deal:
        row.count_won === row.count_won_without_amount
          ? null
          : row.won_revenue / (row.count_won - row.count_won_without_amount),
      median_cycle_days: row.median_cycle_days,
      count_activities: activities ? row.count_activities : null,
      activities_per_opportunity:
        activities && row.count_opportunities > 0 ? row.count_activities / row.count_opportunities : null,
      count_open: row.count_open,
      open_amount: row.open_amount
    };
  });
  const ranked = rows.filter((r) => r.shrunk_win_rate !== null).sort((a, b) => b.shrunk_win_rate! - a.shrunk_win_rate!);
  ranked.forEach((row, i) => {
    const previous = ranked[i - 1];
    row.rank = previous && previous.shrunk_win_rate === row.shrunk_win_rate ? previous.rank : i + 1;
  });
  return rows;
}

/** Sorts rows by rank (unranked last), then by `key` ascending (nulls last). */
export function byRank<Row extends {rank: number | null}>(rows: Row[], key: (row: Row) => string | null): Row[] {
  const text = (row: Row) => key(row) ?? "\uffff";
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || compare(text(a), text(b)));
}
