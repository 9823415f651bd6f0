import type {GlossaryZh} from "../lib/glossary-entry.ts";

/** The definitions of dataQualityGlossary in Chinese, by metric (by pipeline:metric where two pipelines share a metric). */
export const dataQualityGlossaryZh: GlossaryZh = {
  n_rows:
    "每张仓库表载入的行数，以及所有导入中进入隔离区的有问题的源数据行：被拒绝的（无主键、主键重复、无法读取），或已载入但某些值被搁置的。",
  n_quarantined_rows:
    "导入发现的问题，按文件、规则（invalid_amount、unknown_stage 等）、列和范围统计：因无法归位而被拒绝的行（无主键、主键重复、无法读取），以及已载入但被搁置的值（需要该值的指标都不计入这一行）。",
  n_extra:
    "每个共享值第一条之外的记录：被导出两次的编号（作为 duplicate_key 隔离），以及期间内创建、电话（仅数字）、邮箱（小写）或公司名（去空格）相同的线索。",
  n_orphans: "引用列（如 opportunities.account_id）中在被引用表里找不到对应行的值。",
  probable_name:
    "商机和报价中与产品目录的编号或名称都不匹配、但忽略大小写、空格和标点后与某个产品匹配的产品（GTXPro 对应 GTX Pro）；附带各自涉及的商机和报价。",
  coverage_pct:
    "关键列已填写的行数 / 应当填写的行数 × 100（已关闭商机的 closed_at、输单商机的 lost_reason、已解决工单的 satisfaction，其余为全部行）。",
  late_stage_gaps: "处于最后一个进行中阶段（谈判）却没有金额或没有预计成交日期的商机。",
  days_overdue: "预计成交日期早于今天的进行中商机；从该日期到今天的天数。",
  days_before_now: "每张表日期列中的最新日期，以及最近一次导入的导出日期；距今天的天数。",
  n_moves: "同一商机相邻两条 stage_history 记录中，后一个阶段在阶段模型中更靠前的情况。"
};
