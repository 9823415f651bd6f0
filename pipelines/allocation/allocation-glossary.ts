import type {GlossaryEntry} from "../lib/glossary-entry.ts";

const REP = "one row per active rep (owns a deal open now, or created or closed in the period)";
const MOVE = "one row per open opportunity suggested for another rep";
const CHANNEL = "one row per channel with marketing spend in the period";

/** The allocation family's metrics, as the glossary page shows them. */
export const allocationGlossary: GlossaryEntry[] = [
  {
    metric: "load_ratio",
    title: "Load against the team median",
    title_zh: "负荷（相对团队中位数）",
    definition:
      "Opportunities the rep holds open now / the median over the active reps of the same team; overloaded above 1.5 × the median (is_overloaded). weighted_load_ratio does the same with Σ amount × win probability.",
    grain: REP,
    pipeline: "repLoad"
  },
  {
    metric: "weighted_value",
    title: "Weighted open value",
    title_zh: "加权在手金额",
    definition:
      "Σ amount × win probability over the rep's open opportunities (scores when given, else learned stage probabilities); expected_value multiplies by the margin too.",
    grain: REP,
    pipeline: "repLoad"
  },
  {
    metric: "expected_value_gain",
    title: "Expected-value gain of a reassignment",
    title_zh: "转派带来的期望价值增量",
    definition:
      "amount × margin × (p′ − p): p is the opportunity's win probability with its owner, p′ the same on the odds scale with the owner's shrunk win rate in the industry swapped for the new rep's (logit p′ = logit p + logit r_new − logit r_owner). Suggested for high-value deals (expected value at or above the book's median) of reps overloaded or below the industry's pooled win rate, to the same-team rep with the best record who stays within 1.5 × the team median; no rep gives away more than 20 % of its open opportunities.",
    grain: MOVE,
    pipeline: "suggestedReassignments"
  },
  {
    metric: "roi",
    title: "ROI with interval",
    title_zh: "投资回报率（含区间）",
    definition:
      "(won gross margin − spend) / spend over the period; the bounds take the number of won deals at the 95 % Wilson bounds of the channel's win rate, each worth the channel's average won margin.",
    grain: CHANNEL,
    pipeline: "budgetAllocation"
  },
  {
    metric: "cost_per_won_deal",
    title: "Cost per won deal with interval",
    title_zh: "单笔赢单成本（含区间）",
    definition: "Spend / won deals; the bounds divide by the won deals at the Wilson bounds of the win rate.",
    grain: CHANNEL,
    pipeline: "budgetAllocation"
  },
  {
    metric: "next_share",
    title: "Next period's budget share",
    title_zh: "下期预算占比",
    definition:
      "Proportional-to-return rule: the channel's share of the won gross margin brought by the channels with spend; next_budget = share × the period's total spend.",
    grain: CHANNEL,
    pipeline: "budgetAllocation"
  },
  {
    metric: "margin_at_next_budget",
    title: "Margin at the proposed budget",
    title_zh: "按建议预算的毛利",
    definition:
      "next_budget × the channel's return per unit of spend in the period: what the proposed split would have brought at last period's returns. Assumes constant returns, so an upper bound (returns fall as a channel's spend grows).",
    grain: CHANNEL,
    pipeline: "budgetAllocation"
  }
];
