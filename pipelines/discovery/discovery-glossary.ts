import type {GlossaryEntry} from "../lib/glossary-entry.ts";

/** The discovery family's metrics, as the glossary page shows them. */
export const discoveryGlossary: GlossaryEntry[] = [
  {
    metric: "profile_customer_rate_shrunk",
    title: "Look-alike: share of the profile that bought",
    title_zh: "相似客户：同类客户成交比例",
    definition:
      "Of the accounts with the same industry, size band and province, the share that won a deal in the period, shrunk towards the overall share by empirical Bayes (beta-binomial, method of moments); listed for accounts that did not buy and have no open opportunity.",
    grain: "one row per candidate account (no purchase in the period, nothing open)",
    pipeline: "lookalikeAccounts"
  },
  {
    metric: "lift",
    title: "Look-alike lift",
    title_zh: "相似客户提升度",
    definition: "The profile's shrunk share of buyers / the share of all accounts that bought.",
    grain: "one row per candidate account (no purchase in the period, nothing open)",
    pipeline: "lookalikeAccounts"
  },
  {
    metric: "median_interval_days",
    title: "Purchase interval",
    title_zh: "采购间隔",
    definition:
      "Median days between an account's consecutive purchases (won deals closed on different days in the period); due_at = last purchase + the interval.",
    grain: "one row per account with two purchases or more, nothing open, due by now + 30 days",
    pipeline: "repeatPurchaseDue"
  },
  {
    metric: "days_overdue",
    title: "Repeat purchase overdue",
    title_zh: "复购逾期天数",
    definition:
      "now − due_at in days (negative: due within the horizon); lapsed (is_lapsed) when overdue by more than two purchase intervals.",
    grain: "one row per account with two purchases or more, nothing open, due by now + 30 days",
    pipeline: "repeatPurchaseDue"
  }
];
