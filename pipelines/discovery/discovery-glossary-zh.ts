import type {GlossaryZh} from "../lib/glossary-entry.ts";

/** The definitions of discoveryGlossary in Chinese, by metric (by pipeline:metric where two pipelines share a metric). */
export const discoveryGlossaryZh: GlossaryZh = {
  profile_customer_rate_shrunk:
    "与该客户行业、规模区间和省份相同的客户中，期间内有赢单的比例，用经验贝叶斯（贝塔-二项，矩估计）向整体比例收缩；只列出没有购买且没有进行中商机的客户。",
  lift: "该画像收缩后的购买比例 / 全部客户的购买比例。",
  median_interval_days:
    "客户相邻两次购买（期间内在不同日期关闭的赢单）间隔天数的中位数；due_at = 最近一次购买 + 该间隔。",
  days_overdue: "今天 − due_at 的天数（为负表示在预测范围内即将到期）；逾期超过两个购买间隔即为流失（is_lapsed）。"
};
