import type {GlossaryEntry} from "../lib/glossary-entry.ts";

const grain = "one row per time bucket (month, quarter or period) × source (× campaign)";
const pipeline = "channelQuality";

function entry(metric: string, title: string, title_zh: string, definition: string): GlossaryEntry {
  return {metric, title, title_zh, definition, grain, pipeline};
}

/** The metrics of `channelQuality` and `duplicateLeads`, for the glossary page. */
export const channelQualityGlossary: GlossaryEntry[] = [
  entry(
    "count_leads",
    "Leads",
    "线索数",
    "Leads created in the bucket (leads.created_at), by lead source and campaign."
  ),
  entry(
    "lead_to_opportunity_rate",
    "Lead→opportunity rate",
    "线索转化率",
    "Of the leads created in the bucket, the share converted into an opportunity at any time (converted_at or " +
      "converted_opportunity_id set, or an opportunity's lead_id naming the lead); with a 95 % Wilson interval (_lower, _upper)."
  ),
  entry(
    "count_duplicate_leads",
    "Duplicate leads",
    "重复线索数",
    "Leads of the bucket whose phone, e-mail or normalised company name (lower case, no spaces, punctuation or " +
      "legal-form suffix such as 有限公司 / Ltd) repeats a lead created at most N days earlier (default 90), any channel."
  ),
  entry("count_opportunities", "Opportunities created", "新增商机数", "Opportunities created in the bucket."),
  entry(
    "win_rate",
    "Win rate",
    "赢单率",
    "won / (won + lost) among opportunities closed in the bucket (closed_at), with a 95 % Wilson interval (_lower, _upper)."
  ),
  entry("won_revenue", "Won revenue", "赢单金额", "Σ amount of the opportunities won with a close date in the bucket."),
  entry(
    "revenue_per_lead",
    "Revenue per lead",
    "单条线索收入",
    "won_revenue / count_leads of the same bucket (a period ratio; won deals that did not start as a lead count too)."
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
    "Median of closed_at − created_at, in days, over the deals won in the bucket."
  ),
  entry(
    "won_gross_margin",
    "Won gross margin",
    "赢单毛利",
    "Σ amount × expected_margin of the deals won in the bucket; a deal without a margin gets the average margin of " +
      "the period's won deals (count_margin_imputed counts them)."
  ),
  entry(
    "cost",
    "Marketing cost",
    "市场费用",
    "Σ marketing_spend.cost of the source's months in the bucket (a month cut by the period pro rata of its days); " +
      "none on campaign rows and under a team, region, rep or product filter (spend is per channel)."
  ),
  entry("cost_per_lead", "Cost per lead", "单条线索成本", "cost / count_leads."),
  entry("cost_per_won_deal", "Cost per won deal", "单笔成交成本", "cost / count_won."),
  entry("roi", "ROI", "投资回报率", "(won_gross_margin − cost) / cost, as a ratio (0.5 = +50 %)."),
  entry(
    "payback_months",
    "Payback",
    "回本月数",
    "cost / (won_gross_margin / months in the bucket): months of the bucket's average monthly won gross margin " +
      "needed to recover its cost; none when the margin is 0."
  ),
  {
    metric: "duplicate_of_lead_id",
    title: "Duplicate lead",
    title_zh: "重复线索",
    definition:
      "A lead of the period whose phone, e-mail or normalised company repeats an earlier lead's within the window " +
      "(default 90 days); names the earlier lead and the key matched (phone, then e-mail, then company).",
    grain: "one row per flagged lead",
    pipeline: "duplicateLeads"
  }
];
