import type {GlossaryEntry} from "../lib/glossary-entry.ts";

const SCOPE =
  " Cancelled contracts are left out; a contract without a payment plan is one instalment of its amount, due at " +
  "due_at and paid by paid_amount; receipts pay a contract's earliest instalments first. Only amounts in the " +
  "reporting currency are summed.";

export const collectionsGlossary: GlossaryEntry[] = [
  {
    metric: "signed_amount",
    title: "Signed vs collected by month",
    title_zh: "每月签约与回款",
    definition:
      "Contract amounts signed in each month of the period against the money received in it (payments.received_at)." +
      SCOPE,
    grain: "one row per month",
    pipeline: "signedVsCollected"
  },
  {
    metric: "collection_rate",
    title: "Collection rate",
    title_zh: "回款率",
    definition:
      "Of the contracts signed in the period, the amount received by now ÷ the amount signed; due_collection_rate: " +
      "the share of the instalments due before now that was paid." +
      SCOPE,
    grain: "one row",
    pipeline: "collectionRate"
  },
  {
    metric: "overdue_amount",
    title: "Receivables ageing",
    title_zh: "应收账龄",
    definition:
      "What is unpaid at now of every contract signed by then, by days past its planned date: 0–30, 31–60, 61–90, " +
      "over 90, and not yet due; by account, owner rep (the opportunity's owner, else the account's) or team." +
      SCOPE,
    grain: "one row per account, rep or team",
    pipeline: "receivablesAgeing"
  },
  {
    metric: "days_overdue",
    title: "Overdue receivables",
    title_zh: "逾期应收款",
    definition:
      "Contracts with an instalment past its planned date and unpaid at now: the overdue amount, the oldest due " +
      "date and its days overdue, with the owner; largest, then oldest first." +
      SCOPE,
    grain: "one row per contract",
    pipeline: "overdueReceivables"
  },
  {
    metric: "expected_amount",
    title: "Expected collections",
    title_zh: "预计回款",
    definition:
      "Unpaid instalments planned from now on, by month, for now's month and the two after it; overdue ones are in " +
      "the ageing, not here." +
      SCOPE,
    grain: "one row per month",
    pipeline: "expectedCollections"
  },
  {
    metric: "dso_days",
    title: "Days sales outstanding (DSO)",
    title_zh: "应收账款周转天数（DSO）",
    definition:
      "Receivables on the period's last day (or now, if earlier) ÷ contract amounts signed in the period × the " +
      "period's days up to then." +
      SCOPE,
    grain: "one row",
    pipeline: "daysSalesOutstanding"
  }
];
