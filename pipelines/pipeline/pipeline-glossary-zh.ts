import type {GlossaryZh} from "../lib/glossary-entry.ts";

/** The definitions of pipelineGlossary in Chinese, by metric (by pipeline:metric where two pipelines share a metric). */
export const pipelineGlossaryZh: GlossaryZh = {
  "openPipeline:amount": "当前进行中商机的个数及金额合计 Σ amount，按阶段和预计成交月份统计。",
  weighted_amount:
    "Σ 进行中金额 × 阶段概率；阶段概率从最近 365 天内关闭的商机中学习（到达该阶段的商机中赢单的比例；若没有商机到达该阶段，则用配置的概率）。",
  coverage_ratio:
    "预计在期间内成交的进行中管道 / 剩余配额；剩余配额 = 期间内开始的各月配额合计 − 期间内至今已赢单收入；没有配额或配额已完成时为空。",
  velocity_per_day:
    "进行中商机数（期末或今天）× 平均赢单金额 × 赢单率 / 平均销售周期天数；后三项基于期间内关闭的商机。",
  running_amount:
    "两次导入快照之间，预计在期间内成交的进行中管道的变化：期初、新增、赢单、输单、移除（之后的完整导出中已不存在）、推迟、提前、金额增加、金额减少、期末；期初 + Σ 变化 = 期末。",
  "pipelineAsOf:amount":
    "过去某天开始时的进行中管道，按阶段统计：每个商机当时所处的阶段（来自阶段历史或快照），金额取快照或历史记录中当时的金额，否则取今天的金额。"
};
