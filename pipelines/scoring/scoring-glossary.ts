import type {GlossaryEntry} from "../lib/glossary-entry.ts";

const SCORE = "one row per opportunity open at now";
const EVALUATION = "one row per scoring method (logistic regression, naive Bayes, stage-only)";

/** The scoring family's metrics, as the glossary page shows them. */
export const scoringGlossary: GlossaryEntry[] = [
  {
    metric: "win_probability",
    title: "Win probability",
    title_zh: "赢单概率",
    definition:
      "Chance the open opportunity will be won, 0–1: from an L2-regularised logistic regression on standardised features as of now (source, log amount, industry, province, size, credit rating, stage, age, days since last touch, activities, follow-up plan status, the owner's shrunk win rate overall and in the industry, returning customer), trained on older closed opportunities (of the newest 100,000 closed) cut at landmark ages (1, 7, 30, 90, 180 days) while still undecided; the better baseline when the model does not beat both on the held-out period; learned stage probabilities below 40 won and 40 lost training opportunities (score_method says which).",
    grain: SCORE,
    pipeline: "scoreOpportunities"
  },
  {
    metric: "expected_value",
    title: "Expected value",
    title_zh: "期望价值",
    definition:
      "amount × expected margin × win probability: the gross margin the opportunity is worth today. A missing margin is the open opportunities' average (is_margin_imputed).",
    grain: SCORE,
    pipeline: "scoreOpportunities"
  },
  {
    metric: "priority_rank",
    title: "Priority rank",
    title_zh: "优先级排名",
    definition: "Rank by expected value, highest first (ties: higher probability, then opportunity id).",
    grain: SCORE,
    pipeline: "scoreOpportunities"
  },
  {
    metric: "reason_1",
    title: "Main reasons",
    title_zh: "主要原因",
    definition:
      "The three features that move the score most, in plain words with the factor they multiply the odds of winning by: for the logistic regression each feature's contribution β(x − mean)/sd to the log-odds against an average opportunity; for naive Bayes each field's log-likelihood ratio; for stage probabilities the stage.",
    grain: SCORE,
    pipeline: "scoreOpportunities"
  },
  {
    metric: "is_low_credit",
    title: "Risk: low credit",
    title_zh: "风险：信用低",
    definition: "The account's credit rating is one of the low ratings (default C, D).",
    grain: SCORE,
    pipeline: "scoreOpportunities"
  },
  {
    metric: "has_strong_competitor",
    title: "Risk: strong competitor",
    title_zh: "风险：强劲竞争对手",
    definition:
      "A competitor is named against whom our win rate on closed deals is significantly below our overall win rate (the upper bound of its 95 % Wilson interval lies below the overall rate).",
    grain: SCORE,
    pipeline: "scoreOpportunities"
  },
  {
    metric: "is_cycle_overdue",
    title: "Risk: cycle far beyond the median",
    title_zh: "风险：周期远超中位数",
    definition: "Open for longer than 2 × the median sales cycle (creation to close) of the won deals.",
    grain: SCORE,
    pipeline: "scoreOpportunities"
  },
  {
    metric: "is_untouched",
    title: "Risk: no touch in N days",
    title_zh: "风险：N天未跟进",
    definition: "No follow-up activity for more than N days (default 14) — since creation when never touched.",
    grain: SCORE,
    pipeline: "scoreOpportunities"
  },
  {
    metric: "is_close_date_pushed",
    title: "Risk: close date pushed twice",
    title_zh: "风险：成交日期两次推迟",
    definition:
      "The expected close date moved later at least twice from one export snapshot to the next; unknown with fewer than two exports.",
    grain: SCORE,
    pipeline: "scoreOpportunities"
  },
  {
    metric: "auc",
    title: "AUC (held-out)",
    title_zh: "AUC（留出检验）",
    definition:
      "Area under the ROC curve on the newest closed opportunities (not used in training): the probability that a won cut-off scores higher than a lost one, ties half (Mann–Whitney). 0.5 is chance, 1 perfect.",
    grain: EVALUATION,
    pipeline: "scoringEvaluation"
  },
  {
    metric: "brier_score",
    title: "Brier score (held-out)",
    title_zh: "Brier评分（留出检验）",
    definition: "Mean of (probability − outcome)² on the held-out cut-offs, outcome 1 won, 0 lost. Lower is better.",
    grain: EVALUATION,
    pipeline: "scoringEvaluation"
  },
  {
    metric: "log_loss",
    title: "Log loss (held-out)",
    title_zh: "对数损失（留出检验）",
    definition:
      "−mean[y ln p + (1 − y) ln(1 − p)] on the held-out cut-offs, p clipped to [1e-15, 1 − 1e-15]. Lower is better.",
    grain: EVALUATION,
    pipeline: "scoringEvaluation"
  },
  {
    metric: "observed_rate",
    title: "Calibration",
    title_zh: "校准",
    definition:
      "Held-out predictions in ten bins of predicted probability; per bin the mean prediction beside the share actually won (95 % Wilson interval).",
    grain: "one row per scoring method per probability bin",
    pipeline: "scoringCalibration"
  },
  {
    metric: "odds_ratio",
    title: "Odds ratio per standard deviation",
    title_zh: "每个标准差的胜算比",
    definition:
      "exp(coefficient) of the logistic regression: the factor on the odds of winning per standard deviation of a standardised feature (a category level: of its 0/1 indicator).",
    grain: "one row per model coefficient",
    pipeline: "scoringCoefficients"
  }
];
