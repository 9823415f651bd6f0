import type {GlossaryZh} from "../lib/glossary-entry.ts";

/** The definitions of quotesGlossary in Chinese, by metric (by pipeline:metric where two pipelines share a metric). */
export const quotesGlossaryZh: GlossaryZh = {
  acceptance_rate:
    "期间内发出且已有结果的报价中被接受的比例：接受 / (接受 + 拒绝 + 过期)；草稿和已发送的报价视为待定。附 95% Wilson 区间。只统计报告币种的报价。",
  win_rate:
    "期间内关闭的商机，按最后一次报价的折扣分档（0–5%、5–10%、10–20%、20–30%、30% 以上）：赢单 / 关闭数，附 95% Wilson 区间；以及赢单平均金额，附 平均值 ± 1.96·s/√n。只统计报告币种的报价。",
  n_quotes: "期间内关闭的商机，按收到的报价次数分组，及每组的赢单率。只统计报告币种的报价。",
  days_median:
    "期间内关闭的商机，closed_at − 首次报价 created_at 的天数；赢单和输单分开给出中位数、p75（R 第 7 类）和平均数。只统计报告币种的报价。",
  contracted_to_quoted:
    "期间内关闭、合同未取消的赢单：合同金额合计 / 最终报价金额合计（最后一次被接受的报价，否则最后一次报价），以及合同金额低于、等于、高于报价的合同数。只统计报告币种的报价。"
};
