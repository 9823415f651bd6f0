import type {GlossaryEntry} from "../lib/glossary-entry.ts";

export const dataQualityGlossary: GlossaryEntry[] = [
  {
    metric: "n_rows",
    title: "Rows per table",
    title_zh: "各表行数",
    definition:
      "Rows loaded per warehouse table, beside the source rows with a problem in the quarantine over all ingests: " +
      "rejected (no key, a repeated key, unreadable), or loaded without the values set aside.",
    grain: "one row per core table",
    pipeline: "tableRowCounts"
  },
  {
    metric: "n_quarantined_rows",
    title: "Quarantined rows",
    title_zh: "隔离的行",
    definition:
      "Problems ingest found, by file, rule (invalid_amount, unknown_stage …), column and scope: rows rejected because " +
      "they cannot be placed (no key, a repeated key, unreadable), and values set aside from rows loaded without them " +
      "(every metric that needs such a value leaves the row out).",
    grain: "one row per file, rule and column",
    pipeline: "quarantineSummary"
  },
  {
    metric: "n_extra",
    title: "Duplicates",
    title_zh: "重复记录",
    definition:
      "Records beyond the first of each shared value: ids exported twice (quarantined as duplicate_key), and leads " +
      "created in the period sharing a phone (digits), e-mail (lower case) or company name (no spaces).",
    grain: "one row per check and table",
    pipeline: "duplicateRecords"
  },
  {
    metric: "n_orphans",
    title: "Orphan references",
    title_zh: "孤立引用",
    definition:
      "Values of a reference column (e.g. opportunities.account_id) that match no row of the referenced table.",
    grain: "one row per reference column",
    pipeline: "orphanReferences"
  },
  {
    metric: "probable_name",
    title: "Products not in the catalogue",
    title_zh: "产品目录中没有的产品",
    definition:
      "Products of opportunities and quotes that match no catalogue id or name, but match one product once case, " +
      "spaces and punctuation are ignored (GTXPro for GTX Pro); with the opportunities and quotes that carry each.",
    grain: "one row per product value",
    pipeline: "productNearMisses"
  },
  {
    metric: "coverage_pct",
    title: "Key field coverage",
    title_zh: "关键字段完整率",
    definition:
      "Rows where a key column is filled / rows that should have it × 100 (closed_at on closed opportunities, " +
      "lost_reason on lost ones, satisfaction on resolved tickets, otherwise all rows).",
    grain: "one row per key field",
    pipeline: "keyFieldCoverage"
  },
  {
    metric: "late_stage_gaps",
    title: "Late-stage deals without amount or date",
    title_zh: "谈判阶段缺金额或预计成交日",
    definition: "Open opportunities in the last open stage (negotiation) with no amount or no expected close date.",
    grain: "one row per opportunity",
    pipeline: "lateStageGaps"
  },
  {
    metric: "days_overdue",
    title: "Expected close date passed",
    title_zh: "预计成交日已过",
    definition: "Open opportunities whose expected close date is before today (now); days from that date to now.",
    grain: "one row per opportunity",
    pipeline: "pastCloseDates"
  },
  {
    metric: "days_before_now",
    title: "Freshness",
    title_zh: "数据新鲜度",
    definition: "The latest date in each table's date column, and the latest ingest's export date; days before now.",
    grain: "one row per table and date column",
    pipeline: "tableFreshness"
  },
  {
    metric: "n_moves",
    title: "Stage regressions",
    title_zh: "阶段倒退",
    definition:
      "Consecutive stage_history entries of an opportunity where the next stage is earlier in the stage model.",
    grain: "one row per backward from → to pair",
    pipeline: "stageRegressions"
  }
];
