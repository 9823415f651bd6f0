import type {GlossaryEntry} from "../lib/glossary-entry.ts";

export const pipelineGlossary: GlossaryEntry[] = [
  {
    metric: "amount",
    title: "Open pipeline",
    title_zh: "在手商机",
    definition: "Count and Σ amount of the opportunities open now, by stage and expected close month.",
    grain: "one row per open stage × expected close month × currency",
    pipeline: "openPipeline"
  },
  {
    metric: "weighted_amount",
    title: "Weighted pipeline",
    title_zh: "加权商机金额",
    definition:
      "Σ open amount × stage probability, the probability learned from opportunities closed in the last 365 days " +
      "(share of those that reached the stage and were won; the configured probability where none reached it).",
    grain: "one row per open stage × currency",
    pipeline: "weightedPipeline"
  },
  {
    metric: "coverage_ratio",
    title: "Pipeline coverage",
    title_zh: "商机覆盖率",
    definition:
      "Open pipeline expected to close in the period / remaining quota, remaining quota = Σ quota of the months " +
      "starting in the period − revenue won in the period so far; none without quotas or once the quota is met. " +
      "On the site the period is the quarter under way (the overview, quarter to date) or the year under way (year " +
      "to date); a closed period has nothing left to close, so coverage does not apply to it.",
    grain: "one row per currency",
    pipeline: "pipelineCoverage"
  },
  {
    metric: "velocity_per_day",
    title: "Sales velocity",
    title_zh: "销售速度",
    definition:
      "Open opportunities (at the period end, or now) × average won deal × win rate / average sales cycle in days, " +
      "the last three over the opportunities closed in the period.",
    grain: "one row per currency",
    pipeline: "salesVelocity"
  },
  {
    metric: "running_amount",
    title: "Pipeline changes (waterfall)",
    title_zh: "商机变动瀑布图",
    definition:
      "Between two ingest snapshots, the open pipeline expected to close in the period: start, new, won, lost, " +
      "removed (a later full export no longer holds it), pushed out, pulled in, amount up, amount down, end; start + Σ changes = end.",
    grain: "one row per step per currency",
    pipeline: "pipelineChanges"
  },
  {
    metric: "amount",
    title: "Pipeline as of a date",
    title_zh: "历史时点商机",
    definition:
      "The open pipeline at the start of a past day, by stage: the stage each opportunity was in then (stage history " +
      "or snapshots), its amount then where a snapshot or history row recorded it, else today's.",
    grain: "one row per open stage × currency",
    pipeline: "pipelineAsOf"
  }
];
