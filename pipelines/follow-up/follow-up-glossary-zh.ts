import type {GlossaryZh} from "../lib/glossary-entry.ts";

/** The definitions of followUpGlossary in Chinese, by metric (by pipeline:metric where two pipelines share a metric). */
export const followUpGlossaryZh: GlossaryZh = {
  first_contact_hours: "从商机创建到其最早一次发送资料以外的活动的小时数；≤ 24 小时为按时。",
  materials_days: "从首次联系到其后第一次发送资料的天数；3–5 天为按时。",
  second_contact_days: "从发送资料到下一次发送资料以外的活动的天数；7–10 天为按时。",
  plan_status:
    "三个步骤都按时为 compliant（达标）；任一步骤过早、过晚或缺失为 not_compliant（未达标，failed_step 给出第一个未达标的步骤）；进行中商机的下一步仍在时间窗口内时为 pending（待定）。",
  compliant_rate: "达标商机数 / 参与评估的商机数（期间内创建，不含待定计划）；附 95% Wilson 区间。",
  win_rate: "期间内关闭的商机中 赢单 / (赢单 + 输单)，按跟进计划状态分开统计；附 95% Wilson 区间。",
  days_since_touch: "从最近一次活动（从未跟进则从创建）到今天的天数；进行中商机达到 ≥ 14 天即为逾期。",
  activity_rate: "期间内某类活动数 / 期间内范围内商机上的全部活动数。",
  win_rate_by_mix:
    "期间内关闭的商机中 赢单 / (赢单 + 输单)，按关闭前的主要联系方式（活动最多的类型，不含发送资料）及是否拜访过分组；附 95% Wilson 区间。"
};
