import type {GlossaryZh} from "../lib/glossary-entry.ts";

/** The definitions of scoringGlossary in Chinese, by metric (by pipeline:metric where two pipelines share a metric). */
export const scoringGlossaryZh: GlossaryZh = {
  win_probability:
    "进行中商机将会赢单的概率（0–1）：基于今天的标准化特征（来源、金额对数、行业、省份、规模、信用等级、阶段、商机时长、距上次跟进天数、活动数、跟进计划状态、负责人整体及该行业的收缩后赢单率、是否老客户）的 L2 正则化逻辑回归，用较早关闭的商机（最近关闭的 100,000 个中）在尚未有结果时的若干时间点（1、7、30、90、180 天）截取训练；若模型在留出期上未同时优于两个基准，则用较好的基准；训练样本中赢单和输单都少于 40 个时用学习到的阶段概率（score_method 说明所用方法）。",
  expected_value:
    "金额 × 预计毛利率 × 赢单概率：该商机今天价值的毛利。缺少毛利率时取进行中商机的平均值（is_margin_imputed）。",
  priority_rank: "按期望价值从高到低排名（并列时先比概率，再比商机编号）。",
  reason_1:
    "对评分影响最大的三个特征，用通俗的话说明，并给出它们使赢单几率乘以的倍数：逻辑回归为每个特征相对平均商机对对数几率的贡献 β(x − 均值)/标准差；朴素贝叶斯为每个字段的对数似然比；阶段概率法为所处阶段。",
  is_low_credit: "客户的信用等级属于低等级之一（默认 C、D）。",
  has_strong_competitor:
    "列出了某个竞争对手，且我们在已关闭商机中对其的赢单率显著低于整体赢单率（其 95% Wilson 区间上限低于整体赢单率）。",
  is_cycle_overdue: "进行中的时间超过赢单商机销售周期（创建到成交）中位数的 2 倍。",
  is_untouched: "超过 N 天（默认 14 天）没有跟进活动——从未跟进的从创建起算。",
  is_close_date_pushed: "在相邻两次导出快照之间，预计成交日期至少被推迟了两次；少于两次导出时未知。",
  auc: "在最新关闭的商机（未用于训练）上的 ROC 曲线下面积：一个赢单截点得分高于一个输单截点的概率，并列计一半（Mann–Whitney）。0.5 为随机，1 为完美。",
  brier_score: "留出截点上 (概率 − 结果)² 的平均值，赢单结果为 1，输单为 0。越低越好。",
  log_loss: "留出截点上的 −mean[y ln p + (1 − y) ln(1 − p)]，p 截断到 [1e-15, 1 − 1e-15]。越低越好。",
  observed_rate: "把留出预测按预测概率分成十个区间；每个区间给出平均预测值和实际赢单比例（95% Wilson 区间）。",
  odds_ratio: "逻辑回归的 exp(系数)：标准化特征每变化一个标准差（类别取值则为其 0/1 指示变量）使赢单几率乘以的倍数。"
};
