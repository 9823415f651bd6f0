import type {GlossaryEntry} from "../lib/glossary-entry.ts";

export const customersGlossary: GlossaryEntry[] = [
  {
    metric: "win_rate",
    title: "Win rate by customer segment",
    title_zh: "客户细分赢单率",
    definition:
      "Won / (won + lost) among opportunities closed in the period, per segment (province, city, industry, size band, " +
      "purchase frequency = won deals before the period: 0 / 1 / 2-3 / 4+, membership tier), with a 95% Wilson interval.",
    grain: "one row per segment value of one dimension",
    pipeline: "customerSegments"
  },
  {
    metric: "average_deal_amount",
    title: "Average deal by customer segment",
    title_zh: "客户细分平均成交金额",
    definition:
      "Won amount / won deals with an amount among opportunities won in the period, per segment (a deal exported " +
      "without an amount, n_won_without_amount, is left out).",
    grain: "one row per segment value of one dimension",
    pipeline: "customerSegments"
  },
  {
    metric: "rfm_score",
    title: "RFM score",
    title_zh: "RFM 评分",
    definition:
      "Recency (days since the latest won deal, at now), frequency (won deals) and monetary (their amount) on deals won " +
      "in the period, each scored 1–5 as min(5, 1 + ⌊5 · percent_rank⌋) among accounts that bought (ties share a score).",
    grain: "one row per account with a won deal",
    pipeline: "accountRfm"
  },
  {
    metric: "rfm_segment",
    title: "RFM segment",
    title_zh: "RFM 客户分群",
    definition:
      "First match of: champions (R ≥ 4, F ≥ 4), loyal (R ≥ 3, F ≥ 3), new (R ≥ 4, one deal), promising (R ≥ 3), " +
      "at risk (R ≤ 2, F ≥ 3), hibernating (R = 2), lost (R = 1).",
    grain: "one row per account (accountRfm) or per segment (rfmSegments)",
    pipeline: "accountRfm, rfmSegments"
  },
  {
    metric: "repeat_purchase_rate",
    title: "Repeat-purchase rate",
    title_zh: "复购率",
    definition:
      "Accounts with ≥ 2 won deals / accounts with ≥ 1, on deals won in the period, with a 95% Wilson interval.",
    grain: "one row",
    pipeline: "repeatPurchaseRate"
  },
  {
    metric: "care_list",
    title: "Care list",
    title_zh: "客户关怀清单",
    definition:
      "For the next 30 days from now: contact birthdays (MM-DD, year wrap, 02-29 on 02-28), customers not visited in " +
      "90 days (never visited: since the first won deal), and configured holidays. Ids only, no names or phones.",
    grain: "one row per occasion",
    pipeline: "careList"
  },
  {
    metric: "points_median",
    title: "Loyalty points by tier",
    title_zh: "会员等级积分分布",
    definition: "Accounts per membership tier and the total, mean, quartiles and maximum of their points, as exported.",
    grain: "one row per membership tier",
    pipeline: "loyaltyTiers"
  }
];
