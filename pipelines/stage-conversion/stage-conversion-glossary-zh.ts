import type {GlossaryZh} from "../lib/glossary-entry.ts";

/** The definitions of stageConversionGlossary in Chinese, by metric (by pipeline:metric where two pipelines share a metric). */
export const stageConversionGlossaryZh: GlossaryZh = {
  reached_rate:
    "期间内创建的商机中，截至今天到达每个进行中阶段（或更后的阶段：到达后面的阶段即视为经过了前面的阶段；所有商机都到达第一个阶段，赢单商机到达每个进行中阶段）的比例，以及赢单的比例。",
  conversion_rate: "同期群漏斗中的 reached(k + 1) / reached(k)；赢单这一步为 赢单 / reached(最后一个进行中阶段)。",
  count_transitions:
    "根据相邻的阶段进入记录（stage_history，否则用导入快照）得到的从一个阶段到下一个进入阶段的变动，按变动发生的期间计数；每次变动标记为开始、前进、跳过（并列出跳过的进行中阶段）、回退、赢单、输单或重新打开；transition_rate = 该变动占从起始阶段出发的全部变动的比例。",
  win_rate:
    "快照口径：期间内关闭的商机中 赢单 / (赢单 + 输单)。同期群口径：期间内创建的商机中 赢单 / 创建数（仍在进行中的视为尚未赢单）。均附 95% Wilson 区间。",
  "timeInStage:median_days":
    "从进入某个进行中阶段到进入下一阶段的天数，统计期间内开始的阶段进入记录；中位数、p75 和 p90 由 Kaplan–Meier 估计得出，仍停留在该阶段的商机在今天删失（R quantile(survfit) 约定）；精确到小时。",
  "salesCycle:median_days":
    "期间内赢单商机的 closed_at − created_at（天）：平均数、中位数、p75、p90（第 7 类分位数）。",
  days_over_p90:
    "在当前阶段停留天数超过该阶段 p90 停留时间（基于截至今天所有商机全部阶段进入记录的 Kaplan–Meier 估计）的进行中商机；days_over_p90 = days_in_stage − stage_p90_days。",
  count_lost:
    "期间内输单的商机，按输单时所处的进行中阶段（输单前最后进入的进行中阶段）和记录的输单原因统计；给出在该阶段内及在全部输单中的占比。",
  learned_probability:
    "期间内关闭且到达过该阶段的商机中赢单的比例；与阶段模型中配置的概率，以及该阶段进行中商机在 CRM 概率字段上的平均值并列显示。"
};
