import type {GlossaryZh} from "../lib/glossary-entry.ts";

/** The definitions of channelQualityGlossary in Chinese, by metric (by pipeline:metric where two pipelines share a metric). */
export const channelQualityGlossaryZh: GlossaryZh = {
  count_leads: "该时间段内创建的线索数（leads.created_at），按线索来源和营销活动统计。",
  lead_to_opportunity_rate:
    "该时间段内创建的线索中，任何时候转化为商机的比例（已填 converted_at 或 converted_opportunity_id，或某商机的 lead_id 指向该线索）；附 95% Wilson 区间（_lower、_upper）。",
  count_duplicate_leads:
    "该时间段内的线索中，电话、邮箱或规范化公司名（小写，去掉空格、标点及“有限公司”/Ltd 等公司形式后缀）与至多 N 天前（默认 90 天）任一渠道创建的线索重复的条数。",
  count_opportunities: "该时间段内创建的商机数。",
  win_rate: "该时间段内关闭（closed_at）的商机中，赢单 / (赢单 + 输单)；附 95% Wilson 区间（_lower、_upper）。",
  won_revenue: "成交日期在该时间段内的赢单商机金额合计 Σ amount。",
  revenue_per_lead: "同一时间段的 won_revenue / count_leads（期间比值；并非由线索转化而来的赢单也计入）。",
  average_won_deal: "won_revenue / 有金额的赢单数（导出时无金额的赢单，即 count_won_without_amount，不计入）。",
  median_cycle_days: "该时间段内赢单商机的 closed_at − created_at（天）的中位数。",
  won_gross_margin:
    "该时间段内赢单的 Σ amount × expected_margin；没有毛利率的商机取期间内赢单的平均毛利率（count_margin_imputed 为其个数）。",
  cost: "该来源在该时间段内各月的 marketing_spend.cost 合计（被期间截断的月份按天数比例折算）；营销活动行以及按团队、区域、销售或产品筛选时为空（投入按渠道记录）。",
  cost_per_lead: "投入 / 线索数：cost / count_leads。",
  cost_per_won_deal: "投入 / 赢单数：cost / count_won。",
  roi: "(won_gross_margin − cost) / cost，以比值表示（0.5 = +50%）。",
  payback_months:
    "cost / (won_gross_margin / 时间段内的月数)：按该时间段的月均赢单毛利，收回投入所需的月数；毛利为 0 时为空。",
  duplicate_of_lead_id:
    "期间内的线索，其电话、邮箱或规范化公司名在时间窗口内（默认 90 天）与更早的线索重复；给出更早的那条线索及匹配的键（依次为电话、邮箱、公司）。"
};
