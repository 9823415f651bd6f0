import {channelQuality} from "../channel-quality.ts";
import type {PipelineContext, PipelineResult} from "../lib/context.ts";

/** One channel's return and its share of next period's budget — grain: one row per channel with spend. */
export interface BudgetAllocationRow {
  source: string;
  /** 1 = the highest ROI */
  rank: number;
  /** spend in the period */
  cost: number;
  count_won: number;
  count_lost: number;
  /** won / (won + lost) with its 95 % Wilson interval; null without closed deals */
  win_rate: number | null;
  win_rate_lower: number | null;
  win_rate_upper: number | null;
  /** Σ amount × margin of the deals won in the period */
  won_gross_margin: number;
  /** (won gross margin − cost) / cost, and its bounds from the win-rate interval */
  roi: number;
  roi_lower: number | null;
  roi_upper: number | null;
  /** cost / won deals, and its bounds from the win-rate interval; null without a won deal */
  cost_per_won_deal: number | null;
  cost_per_won_deal_lower: number | null;
  cost_per_won_deal_upper: number | null;
  /** gross margin returned per unit of spend: won gross margin / cost = ROI + 1 */
  return_per_cost: number;
  /** this channel's share of the period's spend, and its share of the return (won gross margin): next period's */
  current_share: number;
  next_share: number;
  /** next_share × the period's total spend */
  next_budget: number;
  /** next_budget × return_per_cost (and × the lower bound of the return): the margin at last period's returns */
  margin_at_next_budget: number;
  margin_at_next_budget_lower: number | null;
  /** totals over the channels: spend, the margin the period's spend brought, and what the new split would have */
  total_cost: number;
  total_margin: number;
  total_margin_at_next_budget: number;
  /** the same at the lower bound of each channel's return; null when a channel has no bound */
  total_margin_at_next_budget_lower: number | null;
}

/**
 * Marketing budget by marginal return (docs/method.md §4 and §7): the channels with spend in the period ranked by
 * ROI, with ROI and cost per won deal bounded by the 95 % Wilson interval of the channel's win rate (the
 * number won among its closed deals, won = closed × rate bound, each won deal worth the channel's average
 * won margin). The period's average return stands in for the marginal return: spend data per channel and
 * month are too few to fit a response curve. Next period's budget follows a simple proportional-to-return
 * rule, each channel getting the share of the total spend that it brought of the won gross margin:
 *
 *   next_share = won gross margin / Σ won gross margin   (over the channels with spend)
 *
 * so money moves from channels that cost more than they return towards those that return more than they
 * cost, by as much as their results say. "What it would have yielded" applies each channel's return per
 * unit of spend in the period to its new budget (margin_at_next_budget; the lower bound with the
 * pessimistic return). That assumes a channel keeps its average return at any spend; returns fall as a
 * channel's budget grows, so the total is an upper bound — the direction to move money, not a promise.
 *
 * Input: channelQuality over the whole period (opportunities, leads, marketing_spend). Output grain: one
 * row per channel with spend, by rank. Without marketing_spend, or under a team, region, rep or product
 * filter (spend is per channel): no rows.
 *
 * @example
 * const {rows} = await budgetAllocation(ctx);
 * // [{source: "referral", rank: 1, roi: 82.3, roi_lower: 63.1, cost_per_won_deal: 2078, next_share: 0.62, …}, …]
 */
export async function budgetAllocation(ctx: PipelineContext): Promise<PipelineResult<BudgetAllocationRow>> {
  const {rows: channels, missing} = await channelQuality(ctx, {interval: "period", duplicates: false});
  const spent = channels.filter(
    (c): c is typeof c & {source: string; cost: number} => c.source !== null && c.cost !== null && c.cost > 0
  );
  const totalCost = spent.reduce((sum, c) => sum + c.cost, 0);
  const measured = spent.map((c) => {
    const margin = c.won_gross_margin ?? 0;
    const closed = c.count_won + c.count_lost;
    const perWon = c.count_won > 0 ? margin / c.count_won : null;
    const wonBound = (rate: number | null) => (rate === null || perWon === null ? null : closed * rate);
    const roiAt = (won: number | null) => (won === null ? null : (won * perWon! - c.cost) / c.cost);
    const costPer = (won: number | null) => (won === null || won === 0 ? null : c.cost / won);
    return {
      source: c.source,
      cost: c.cost,
      count_won: c.count_won,
      count_lost: c.count_lost,
      win_rate: c.win_rate,
      win_rate_lower: c.win_rate_lower,
      win_rate_upper: c.win_rate_upper,
      won_gross_margin: margin,
      roi: (margin - c.cost) / c.cost,
      roi_lower: roiAt(wonBound(c.win_rate_lower)),
      roi_upper: roiAt(wonBound(c.win_rate_upper)),
      cost_per_won_deal: costPer(c.count_won),
      cost_per_won_deal_lower: costPer(wonBound(c.win_rate_upper)),
      cost_per_won_deal_upper: costPer(wonBound(c.win_rate_lower)),
      return_per_cost: margin / c.cost
    };
  });
  const totalReturn = measured.reduce((sum, c) => sum + c.won_gross_margin, 0);
  const shares = measured.map((c) => {
    const nextShare = totalReturn > 0 ? c.won_gross_margin / totalReturn : c.cost / totalCost;
    const nextBudget = nextShare * totalCost;
    return {
      ...c,
      current_share: c.cost / totalCost,
      next_share: nextShare,
      next_budget: nextBudget,
      margin_at_next_budget: nextBudget * c.return_per_cost,
      margin_at_next_budget_lower: c.roi_lower === null ? null : nextBudget * (c.roi_lower + 1)
    };
  });
  const totalMargin = shares.reduce((sum, c) => sum + c.won_gross_margin, 0);
  const totalAtNext = shares.reduce((sum, c) => sum + c.margin_at_next_budget, 0);
  const totalAtNextLower = shares.every((c) => c.margin_at_next_budget_lower !== null)
    ? shares.reduce((sum, c) => sum + (c.margin_at_next_budget_lower ?? 0), 0)
    : null;
  const ranked = [...shares].sort((a, b) => b.roi - a.roi || (a.source < b.source ? -1 : 1));
  const rows = ranked.map(
    ({source, ...c}, k): BudgetAllocationRow => ({
      source,
      rank: k + 1,
      ...c,
      total_cost: totalCost,
      total_margin: totalMargin,
      total_margin_at_next_budget: totalAtNext,
      total_margin_at_next_budget_lower: totalAtNextLower
    })
  );
  return {rows, missing: missing.filter((name) => name === "marketing_spend")};
}
