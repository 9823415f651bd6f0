import type {GlossaryEntry} from "../lib/glossary-entry.ts";

const SCOPE = " Only quotes in the reporting currency are counted.";

export const quotesGlossary: GlossaryEntry[] = [
  {
    metric: "acceptance_rate",
    title: "Quote acceptance rate",
    title_zh: "报价接受率",
    definition:
      "Of the quotes issued in the period that were decided, the share accepted: accepted / (accepted + rejected + " +
      "expired); draft and sent quotes are pending. 95% Wilson interval." +
      SCOPE,
    grain: "one row",
    pipeline: "quoteAcceptance"
  },
  {
    metric: "win_rate",
    title: "Discount depth vs win rate and deal size",
    title_zh: "折扣深度与赢率、成交金额",
    definition:
      "Opportunities closed in the period, banded by their last quote's discount (0–5%, 5–10%, 10–20%, 20–30%, " +
      "30%+): won / closed with a 95% Wilson interval, and the mean won amount with mean ± 1.96·s/√n." +
      SCOPE,
    grain: "one row per discount band",
    pipeline: "discountBands"
  },
  {
    metric: "n_quotes",
    title: "Quotes per opportunity",
    title_zh: "每个商机的报价次数",
    definition:
      "Opportunities closed in the period by the number of quotes they received, with the win rate of each." + SCOPE,
    grain: "one row per number of quotes",
    pipeline: "quoteRevisions"
  },
  {
    metric: "days_median",
    title: "Days from first quote to close",
    title_zh: "首次报价到结单天数",
    definition:
      "closed_at − the first quote's created_at, in days, for opportunities closed in the period; median and p75 " +
      "(R type 7) and mean, for won and lost apart." +
      SCOPE,
    grain: "one row per outcome",
    pipeline: "quoteToClose"
  },
  {
    metric: "contracted_to_quoted",
    title: "Quoted vs contracted amount",
    title_zh: "报价金额与合同金额",
    definition:
      "For won deals closed in the period with a contract not cancelled: Σ contract amounts / Σ final quote amounts " +
      "(the last accepted quote, else the last), and how many contracts came in below, at or above the quote." +
      SCOPE,
    grain: "one row",
    pipeline: "quotedVsContracted"
  }
];
