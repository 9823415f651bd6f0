import type {GlossaryZh} from "../lib/glossary-entry.ts";

/** The definitions of customersGlossary in Chinese, by metric (by pipeline:metric where two pipelines share a metric). */
export const customersGlossaryZh: GlossaryZh = {
  win_rate:
    "期间内关闭的商机中 赢单 / (赢单 + 输单)，按细分统计（省份、城市、行业、规模区间、购买频次 = 期间之前的赢单数：0 / 1 / 2-3 / 4+、会员等级）；附 95% Wilson 区间。",
  average_deal_amount:
    "期间内赢单商机中，赢单金额 / 有金额的赢单数，按细分统计（导出时无金额的赢单，即 n_won_without_amount，不计入）。",
  rfm_score:
    "基于期间内赢单：最近购买（截至今天距最近一次赢单的天数）、频次（赢单数）和金额（赢单金额），在有购买的客户中各按 min(5, 1 + ⌊5 · percent_rank⌋) 打 1–5 分（并列者同分）。",
  rfm_segment:
    "按顺序取第一个匹配：重要价值（R ≥ 4，F ≥ 4）、忠诚（R ≥ 3，F ≥ 3）、新客户（R ≥ 4，仅一单）、有潜力（R ≥ 3）、有流失风险（R ≤ 2，F ≥ 3）、沉睡（R = 2）、已流失（R = 1）。",
  repeat_purchase_rate: "基于期间内赢单：赢单 ≥ 2 次的客户数 / 赢单 ≥ 1 次的客户数；附 95% Wilson 区间。",
  care_list:
    "从今天起未来 30 天内：联系人生日（MM-DD，跨年处理，02-29 在 02-28 提醒）、90 天内未拜访的客户（从未拜访的自首次赢单起算）以及配置的节日。只列编号，不含姓名或电话。",
  points_median: "每个会员等级的客户数，及其积分的合计、平均数、四分位数和最大值（按导出原样）。"
};
