import type {GlossaryEntry} from "../lib/glossary-entry.ts";

export const stageConversionGlossary: GlossaryEntry[] = [
  {
    metric: "reached_rate",
    title: "Cohort funnel",
    title_zh: "同期群漏斗",
    definition:
      "Of the opportunities created in the period, the share that reached each open stage (or a later one: a later " +
      "stage implies the earlier ones; every opportunity reached the first, a won one every open stage) and the share won, by now.",
    grain: "one row per open stage, then the won stage",
    pipeline: "cohortFunnel"
  },
  {
    metric: "conversion_rate",
    title: "Stage-to-stage conversion",
    title_zh: "阶段转化率",
    definition:
      "reached(k + 1) / reached(k) within the cohort funnel; won / reached(last open stage) for the won step.",
    grain: "one row per open stage, then the won stage",
    pipeline: "cohortFunnel"
  },
  {
    metric: "count_transitions",
    title: "Stage transition matrix",
    title_zh: "阶段流转矩阵",
    definition:
      "Moves from each stage to the next stage entered, from consecutive stage entries (stage_history, else ingest " +
      "snapshots), counted in the period the move happened; each marked start, forward, skip (with the open stages " +
      "jumped over), backward, won, lost or reopened; transition_rate = share of the moves out of the from-stage.",
    grain: "one row per (from stage, to stage) pair that occurred",
    pipeline: "transitionMatrix"
  },
  {
    metric: "win_rate",
    title: "Snapshot and cohort win rate",
    title_zh: "当期赢单率与同期群赢单率",
    definition:
      "Snapshot: won / (won + lost) among opportunities closed in the period. Cohort: won / created among " +
      "opportunities created in the period (still open = not won yet). Each with a 95% Wilson interval.",
    grain: "one row per basis (snapshot, cohort)",
    pipeline: "winRates"
  },
  {
    metric: "median_days",
    title: "Time in stage",
    title_zh: "阶段停留时长",
    definition:
      "Days from entering an open stage to entering the next stage, for stage entries that began in the period; " +
      "median, p75 and p90 from the Kaplan–Meier estimate, opportunities still in the stage censored at now " +
      "(R quantile(survfit) convention); measured to the hour.",
    grain: "one row per open stage",
    pipeline: "timeInStage"
  },
  {
    metric: "median_days",
    title: "Sales cycle",
    title_zh: "销售周期",
    definition:
      "closed_at − created_at in days of the opportunities won in the period: mean, median, p75, p90 (type 7).",
    grain: "one row",
    pipeline: "salesCycle"
  },
  {
    metric: "days_over_p90",
    title: "Stuck opportunities",
    title_zh: "停滞商机",
    definition:
      "Open opportunities whose days in their current stage exceed that stage's p90 time in stage (Kaplan–Meier over " +
      "all stage entries up to now, all opportunities); days_over_p90 = days_in_stage − stage_p90_days.",
    grain: "one row per stuck opportunity",
    pipeline: "stuckOpportunities"
  },
  {
    metric: "count_lost",
    title: "Lost reasons by stage",
    title_zh: "各阶段输单原因",
    definition:
      "Opportunities lost in the period by the open stage they were in when lost (the last open stage entered before " +
      "the loss) and the recorded lost reason; shares within the stage and of all losses.",
    grain: "one row per (lost stage, lost reason)",
    pipeline: "lostReasons"
  },
  {
    metric: "learned_probability",
    title: "Stage probability",
    title_zh: "阶段赢单概率",
    definition:
      "Of the opportunities closed in the period that reached the stage, the share won; shown beside the probability " +
      "configured in the stage model and the average of the CRM's probability column over the open opportunities in the stage.",
    grain: "one row per open stage",
    pipeline: "stageProbabilities, learnStageProbabilities"
  }
];
