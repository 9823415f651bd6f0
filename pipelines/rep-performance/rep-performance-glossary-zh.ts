import type {GlossaryZh} from "../lib/glossary-entry.ts";

/** The definitions of repPerformanceGlossary in Chinese, by metric (by pipeline:metric where two pipelines share a metric). */
export const repPerformanceGlossaryZh: GlossaryZh = {
  count_opportunities: "期间内创建的商机数。",
  win_rate: "期间内关闭（closed_at）的商机中，赢单 / (赢单 + 输单)；附 95% Wilson 区间（_lower、_upper）。",
  shrunk_win_rate:
    "经验贝叶斯（贝塔-二项）估计 (赢单 + α) / (赢单 + 输单 + α + β)，先验 Beta(α, β) 由各行用矩估计法拟合：样本小的会被拉向平均水平。`rank` 按它排序。",
  rank: "按收缩后赢单率排名，1 = 最高；并列者名次相同。",
  won_revenue: "期间内赢单商机的金额合计 Σ amount。",
  quota_attainment_rate:
    "won_revenue / 期间内各月配额合计（被期间截断的月份按天数比例折算），以比值表示（1 = 100%）；没有配额或按渠道、产品筛选时为空。",
  average_won_deal: "won_revenue / 有金额的赢单数（导出时无金额的赢单，即 count_won_without_amount，不计入）。",
  median_cycle_days: "期间内赢单商机的 closed_at − created_at（天）的中位数。",
  activities_per_opportunity: "期间内创建的商机上记录的活动数（不限日期）/ count_opportunities。",
  count_open: "当前（最近一次导出时）进行中的商机数，与所选期间无关；open_amount 为其金额合计。",
  "segment win rate":
    "按销售及客户的行业、规模区间或省份取值：期间内关闭商机的 赢单 / (赢单 + 输单)，附 Wilson 区间和收缩后赢单率（先验在该细分维度的 销售 × 取值 单元格间拟合）；is_specialty 标记销售专长中列出的行业。"
};
