import type {GlossaryEntry} from "../lib/glossary-entry.ts";

export const serviceGlossary: GlossaryEntry[] = [
  {
    metric: "n_tickets",
    title: "Tickets and complaints by month",
    title_zh: "每月服务工单与投诉",
    definition:
      "Tickets opened in the month by category; a complaint is a ticket of the complaint category; " +
      "n_open counts those unresolved at now.",
    grain: "one row per month and category",
    pipeline: "ticketsByMonth"
  },
  {
    metric: "resolution_hours_median",
    title: "Resolution time (median, p90)",
    title_zh: "处理时长（中位数、P90）",
    definition:
      "Hours from opened_at to resolved_at of tickets opened in the period and resolved by now; median and 90th " +
      "percentile by linear interpolation (R type 7). Unresolved tickets are counted apart, not in the times.",
    grain: "one row per ticket category",
    pipeline: "resolutionTimes"
  },
  {
    metric: "satisfaction_mean",
    title: "Service satisfaction",
    title_zh: "服务满意度",
    definition: "Mean satisfaction score (1–5) of rated tickets opened in the period, and the count per whole score.",
    grain: "one row per ticket category",
    pipeline: "satisfactionScores"
  },
  {
    metric: "complaints_per_100_active",
    title: "Complaints per 100 active customers",
    title_zh: "每百名活跃客户投诉数",
    definition:
      "Complaints opened in the period × 100 / active accounts; active = a won deal in the 12 months before the " +
      "earlier of period end and now, or an opportunity open at that moment.",
    grain: "one row",
    pipeline: "complaintRate"
  },
  {
    metric: "complaint_risk",
    title: "Complaint risk list",
    title_zh: "投诉风险客户",
    definition: "Accounts with a complaint unresolved at now and an open opportunity, with the open amount.",
    grain: "one row per account",
    pipeline: "complaintRiskList"
  },
  {
    metric: "repurchase_rate",
    title: "Repeat purchase after a complaint",
    title_zh: "投诉后复购率",
    definition:
      "Share of customers who won another deal within 12 months after a reference date: their first complaint, or for " +
      "customers who never complained their first won deal plus the median time to a first complaint; windows " +
      "ending after now are excluded. 95% Wilson intervals.",
    grain: "one row per group (complained, no_complaint)",
    pipeline: "repurchaseAfterComplaint"
  }
];
