import type {GlossaryEntry} from "../lib/glossary-entry.ts";

export const followUpGlossary: GlossaryEntry[] = [
  {
    metric: "first_contact_hours",
    title: "Hours to first contact",
    title_zh: "首次联系用时（小时）",
    definition:
      "Hours from the opportunity's creation to its earliest activity other than sending materials; on time when ≤ 24 h.",
    grain: "one row per opportunity created in the period",
    pipeline: "followUpCompliance"
  },
  {
    metric: "materials_days",
    title: "Days to materials",
    title_zh: "发送资料间隔（天）",
    definition: "Days from the first contact to the first sending of materials after it; on time when 3–5 days.",
    grain: "one row per opportunity created in the period",
    pipeline: "followUpCompliance"
  },
  {
    metric: "second_contact_days",
    title: "Days to second contact",
    title_zh: "二次联系间隔（天）",
    definition: "Days from the materials to the next activity other than sending materials; on time when 7–10 days.",
    grain: "one row per opportunity created in the period",
    pipeline: "followUpCompliance"
  },
  {
    metric: "plan_status",
    title: "Follow-up plan status",
    title_zh: "跟进计划执行状态",
    definition:
      "compliant when all three steps were on time; not_compliant when a step was early, late or missing " +
      "(failed_step names the first); pending when an open opportunity's next step is still within its window at now.",
    grain: "one row per opportunity created in the period",
    pipeline: "followUpCompliance"
  },
  {
    metric: "compliant_rate",
    title: "Follow-up compliance rate",
    title_zh: "跟进计划执行率",
    definition:
      "Compliant opportunities / evaluated opportunities (created in the period, pending plans excluded), " +
      "with a 95% Wilson interval.",
    grain: "one row per rep (complianceByRep) or per channel (complianceByChannel)",
    pipeline: "complianceByRep, complianceByChannel"
  },
  {
    metric: "win_rate",
    title: "Win rate, compliant vs not",
    title_zh: "按计划跟进与否的赢单率",
    definition:
      "Won / (won + lost) among opportunities closed in the period, split by follow-up plan status, " +
      "with 95% Wilson intervals.",
    grain: "one row per plan status (compliant, not_compliant)",
    pipeline: "winRateByCompliance"
  },
  {
    metric: "days_since_touch",
    title: "Days without follow-up",
    title_zh: "未跟进天数",
    definition:
      "Days from the latest activity (or creation, if never touched) to now; an open opportunity is overdue when ≥ 14.",
    grain: "one row per overdue open opportunity",
    pipeline: "overdueFollowUps"
  },
  {
    metric: "activity_rate",
    title: "Follow-up channel mix",
    title_zh: "跟进方式构成",
    definition: "Activities of a type in the period / all activities in the period on opportunities in scope.",
    grain: "one row per activity type",
    pipeline: "followUpChannelMix"
  },
  {
    metric: "win_rate_by_mix",
    title: "Win rate by follow-up mix",
    title_zh: "按跟进方式的赢单率",
    definition:
      "Won / (won + lost) among opportunities closed in the period, by dominant contact type before the close " +
      "(most activities, materials sent excluded) and by whether a visit happened, with 95% Wilson intervals.",
    grain: "one row per dimension (dominant_channel, visit) and value",
    pipeline: "winRateByFollowUpMix"
  }
];
