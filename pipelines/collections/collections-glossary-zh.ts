import type {GlossaryZh} from "../lib/glossary-entry.ts";

/** The definitions of collectionsGlossary in Chinese, by metric (by pipeline:metric where two pipelines share a metric). */
export const collectionsGlossaryZh: GlossaryZh = {
  signed_amount:
    "期间内每月签订的合同金额，与当月收到的回款（payments.received_at）对比。已取消的合同不计；没有付款计划的合同视为一期，金额为合同金额，到期日为 due_at，已付为 paid_amount；回款先冲抵合同最早的分期。只合计报告币种的金额。",
  collection_rate:
    "期间内签订的合同中，截至今天已回款金额 ÷ 签约金额；due_collection_rate：今天之前到期的分期中已付的比例。已取消的合同不计；没有付款计划的合同视为一期，金额为合同金额，到期日为 due_at，已付为 paid_amount；回款先冲抵合同最早的分期。只合计报告币种的金额。",
  overdue_amount:
    "截至今天已签订的每份合同在今天尚未支付的金额，按超过计划日期的天数分段：0–30、31–60、61–90、90 天以上，以及尚未到期；按客户、负责销售（商机负责人，否则客户负责人）或团队统计。已取消的合同不计；没有付款计划的合同视为一期，金额为合同金额，到期日为 due_at，已付为 paid_amount；回款先冲抵合同最早的分期。只合计报告币种的金额。",
  days_overdue:
    "有分期超过计划日期且截至今天未付的合同：逾期金额、最早到期日及其逾期天数，以及负责人；按金额从大到小、再按时间从早到晚排列。已取消的合同不计；没有付款计划的合同视为一期，金额为合同金额，到期日为 due_at，已付为 paid_amount；回款先冲抵合同最早的分期。只合计报告币种的金额。",
  expected_amount:
    "从今天起计划的未付分期，按月统计本月及之后两个月；已逾期的分期在账龄中，不在这里。已取消的合同不计；没有付款计划的合同视为一期，金额为合同金额，到期日为 due_at，已付为 paid_amount；回款先冲抵合同最早的分期。只合计报告币种的金额。",
  dso_days:
    "期间最后一天（若今天更早则为今天）的应收账款 ÷ 期间内签订的合同金额 × 期间截至当时的天数。已取消的合同不计；没有付款计划的合同视为一期，金额为合同金额，到期日为 due_at，已付为 paid_amount；回款先冲抵合同最早的分期。只合计报告币种的金额。"
};
