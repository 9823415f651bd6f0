import type {GlossaryZh} from "../lib/glossary-entry.ts";

/** The definitions of serviceGlossary in Chinese, by metric (by pipeline:metric where two pipelines share a metric). */
export const serviceGlossaryZh: GlossaryZh = {
  n_tickets: "当月按类别新开的工单数；投诉指投诉类别的工单；n_open 为截至今天仍未解决的工单数。",
  resolution_hours_median:
    "期间内新开且截至今天已解决的工单，从 opened_at 到 resolved_at 的小时数；中位数和第 90 百分位数用线性插值（R 第 7 类）。未解决的工单单独计数，不计入时长。",
  satisfaction_mean: "期间内新开且有评分的工单的平均满意度（1–5 分），以及每个整数分值的工单数。",
  complaints_per_100_active:
    "期间内新开的投诉数 × 100 / 活跃客户数；活跃 = 在期末与今天中较早者之前的 12 个月内有赢单，或在那一刻有进行中商机。",
  complaint_risk: "截至今天有未解决投诉且有进行中商机的客户，及其进行中金额。",
  repurchase_rate:
    "在参考日期之后 12 个月内再次赢单的客户比例：参考日期为首次投诉日；从未投诉的客户为首次赢单日加上到首次投诉的中位时长；窗口在今天之后结束的不计入。附 95% Wilson 区间。"
};
