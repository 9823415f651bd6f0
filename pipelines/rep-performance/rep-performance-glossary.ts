import type {GlossaryEntry} from "../lib/glossary-entry.ts";

const grain = "one row per rep (repPerformance) or per team (teamPerformance)";
const pipeline = "repPerformance, teamPerformance";

function entry(metric: string, title: string, title_zh: string, definition: string): GlossaryEntry {
  return {metric, title, title_zh, definition, grain, pipeline};
}

/** The metrics of `repPerformance`, `teamPerformance` and `repSegmentWinRates`, for the glossary page. */
export const repPerformanceGlossary: GlossaryEntry[] = [
  entry("count_opportunities", "Opportunities", "商机数", "Opportunities created in the period."),
  entry(
    "win_rate",
    "Win rate",
    "赢单率",
    "won / (won + lost) among the opportunities closed in the period (closed_at), with a 95 % Wilson interval (_lower, _upper)."
  ),
  entry(
    "shrunk_win_rate",
    "Shrunk win rate",
    "收缩赢单率",
    "Empirical-Bayes (beta-binomial) estimate (won + α) / (won + lost + α + β), with the Beta(α, β) prior fitted " +
      "across the rows by the method of moments: small samples are pulled towards the average. Orders `rank`."
  ),
  entry("rank", "Rank", "排名", "Position by shrunk win rate, 1 = highest; ties share a rank."),
  entry("won_revenue", "Won revenue", "赢单金额", "Σ amount of the opportunities won in the period."),
  entry(
    "quota_attainment_rate",
    "Quota attainment",
    "配额完成率",
    "won_revenue / Σ quota of the period's months (a month cut by the period pro rata of its days), as a ratio " +
      "(1 = 100 %); none without quotas or under a channel or product filter."
  ),
  entry(
    "average_won_deal",
    "Average won deal",
    "平均成交金额",
    "won_revenue / the won deals with an amount (a deal exported without one, count_won_without_amount, is left out)."
  ),
  entry(
    "median_cycle_days",
    "Median sales cycle",
    "销售周期中位数",
    "Median of closed_at − created_at, in days, over the deals won in the period."
  ),
  entry(
    "activities_per_opportunity",
    "Activities per opportunity",
    "单个商机跟进次数",
    "Activities logged on the opportunities created in the period (any date) / count_opportunities."
  ),
  entry(
    "count_open",
    "Open pipeline",
    "在手商机",
    "Opportunities open now (at the latest export), whatever the period; open_amount is their Σ amount."
  ),
  {
    metric: "segment win rate",
    title: "Win rate by segment",
    title_zh: "细分赢单率",
    definition:
      "Per rep and value of the account's industry, size band or province: won / (won + lost) of the deals closed " +
      "in the period, with a Wilson interval and a shrunk rate (prior fitted across the segment's rep × value " +
      "cells); is_specialty marks industries listed in the rep's specialties.",
    grain: "one row per rep × segment × value",
    pipeline: "repSegmentWinRates"
  }
];
