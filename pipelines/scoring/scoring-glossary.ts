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
      "Chance the open opportunity will be won, 0–1: from an L2-regularised logistic regression on standardised features as of now (source, log amount, industry, province, size, credit rating, stage, age, days since last touch, activities, follow-up plan status, the owner's shrunk win rate overall and in the industry, returning customer, and any features a mapping file declares for opportunities — numbers with a missing value given the training median and flagged, categories one-hot with rare levels pooled, both fitted on the training part alone), trained on older closed opportunities (of the newest 100,000 closed) cut at landmark ages (1, 7, 30, 90, 180 days) while still undecided; the better baseline when the model does not beat both on the validation part; recalibrated on the validation part; learned stage probabilities below 40 won and 40 lost training opportunities (score_method says which).",
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
      "The three features that move the score most, in plain words with the factor they multiply the odds of winning by: for the logistic regression each feature's contribution β(x − mean)/sd to the log-odds against an average opportunity (a declared feature named as the mapping file names it, with its value); for naive Bayes each field's log-likelihood ratio; for stage probabilities the stage.",
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
    metric: "split_kind",
    title: "Training, validation and test split",
    title_zh: "训练、验证与测试划分",
    definition:
      "The closed opportunities are cut in three by close time (time_ordered): the oldest 60 % train every method, the next 20 % (validation) choose the method and recalibrate it, the newest 20 % (test) are scored once after every choice is made, so the test figures were never used to pick anything. An opportunity's cut-offs stay on one side. Data without dates to order by is shuffled instead, with a fixed seed (random), and the page says so.",
    definition_zh:
      "已关闭的商机按结束时间分为三部分（time_ordered，按时间顺序）：最早的 60% 用于训练各方法，随后的 20%（验证集）用于选择方法并校准，最新的 20%（测试集）在所有选择完成后只评分一次，因此测试集的数字从未参与任何选择。同一商机的各截取点始终在同一部分。没有可排序日期的数据改为用固定随机种子打乱（random，随机划分），页面会注明。",
    grain: EVALUATION,
    pipeline: "scoringEvaluation"
  },
  {
    metric: "validation_auc",
    title: "AUC and Brier on validation",
    title_zh: "验证集上的AUC与Brier",
    definition:
      "The same measures on the validation part, where the method is chosen: the logistic regression is used when it beats both baselines there on both AUC and Brier score, otherwise the baseline with the lower Brier score.",
    definition_zh:
      "在验证集上计算的相同指标，方法在这里选出：逻辑回归在验证集上的AUC和Brier均优于两个基线时采用，否则采用Brier更低的基线。",
    grain: EVALUATION,
    pipeline: "scoringEvaluation"
  },
  {
    metric: "auc",
    title: "AUC (test)",
    title_zh: "AUC（测试集）",
    definition:
      "Area under the ROC curve on the test part (the newest closed opportunities, used for nothing else): the chance that a won cut-off scores higher than a lost one, ties counting half (Mann–Whitney). 0.5 is a coin toss, 1 perfect.",
    definition_zh:
      "测试集（最新关闭、未用于其他任何用途的商机）上的ROC曲线下面积：随机取一个赢单和一个输单截取点，赢单得分更高的概率，得分相同算一半（Mann–Whitney）。0.5相当于抛硬币，1为完美。",
    grain: EVALUATION,
    pipeline: "scoringEvaluation"
  },
  {
    metric: "brier_score",
    title: "Brier score (test)",
    title_zh: "Brier评分（测试集）",
    definition:
      "Mean of (probability − outcome)² on the test cut-offs, outcome 1 won, 0 lost. Lower is better; always saying 50 % scores 0.25.",
    definition_zh: "测试集截取点上（概率 − 结果）²的平均值，赢单结果为1、输单为0。越低越好；始终预测50%得0.25。",
    grain: EVALUATION,
    pipeline: "scoringEvaluation"
  },
  {
    metric: "auc_lower",
    title: "95 % range of AUC and Brier",
    title_zh: "AUC与Brier的95%区间",
    definition:
      "How much the test figures could move by chance: the test opportunities are redrawn with replacement 1,000 times (an opportunity's cut-offs together, seeded so a rebuild gives the same range), the figure recomputed each time, and the middle 95 % of the results kept (2.5th to 97.5th percentile).",
    definition_zh:
      "测试集数字可能因偶然而变动的幅度：对测试集商机有放回地重抽1000次（同一商机的截取点一起抽取，固定随机种子，重建时区间不变），每次重新计算指标，取中间95%的结果（第2.5到第97.5百分位）。",
    grain: EVALUATION,
    pipeline: "scoringEvaluation"
  },
  {
    metric: "log_loss",
    title: "Log loss (test)",
    title_zh: "对数损失（测试集）",
    definition:
      "−mean[y ln p + (1 − y) ln(1 − p)] on the test cut-offs, p clipped to [1e-15, 1 − 1e-15]. Lower is better.",
    definition_zh: "测试集截取点上的 −mean[y ln p + (1 − y) ln(1 − p)]，p限制在[1e-15, 1 − 1e-15]。越低越好。",
    grain: EVALUATION,
    pipeline: "scoringEvaluation"
  },
  {
    metric: "calibrated_brier_score",
    title: "Recalibration",
    title_zh: "概率校准",
    definition:
      "The chosen method's probabilities are put back on the scale of what happens, using the validation part only: Platt scaling fits won ~ a × log-odds + b (two numbers; the order of the scores does not change), isotonic regression fits any non-decreasing step curve. The win probabilities shown are recalibrated; the Brier score after recalibration is measured on the test part.",
    definition_zh:
      "只用验证集把所选方法的概率调回与实际结果一致的尺度：Platt缩放拟合 赢单 ~ a × 对数几率 + b（两个参数，不改变得分的先后顺序），保序回归拟合任意单调不减的阶梯曲线。页面显示的赢单概率是校准后的；校准后的Brier评分在测试集上计算。",
    grain: EVALUATION,
    pipeline: "scoringEvaluation"
  },
  {
    metric: "observed_rate",
    title: "Reliability (calibration) plot",
    title_zh: "可靠性（校准）图",
    definition:
      "Test predictions in ten bins of predicted probability, before and after recalibration; per bin the mean prediction beside the share actually won (95 % Wilson interval). On the diagonal a predicted 40 % wins 40 % of the time.",
    definition_zh:
      "按预测概率把测试集的预测分成十组，校准前后各一组；每组显示平均预测值和实际赢单比例（95% Wilson区间）。落在对角线上表示预测40%的商机实际有40%赢单。",
    grain: "one row per scoring method per probability bin, before or after recalibration",
    pipeline: "scoringCalibration"
  },
  {
    metric: "conversion_probability",
    title: "Lead score (chance of converting)",
    title_zh: "线索评分（转化概率）",
    definition:
      "Chance an open lead (captured in the last 90 days, not converted yet) becomes an opportunity, 0–1: from a logistic regression on its source, campaign, rating and owner and any features a mapping file declares for leads, or the better of two baselines (each source's past conversion rate, the overall rate), chosen on validation leads and recalibrated there; the test AUC and Brier score with 95 % ranges are shown beside it. A lead counts as converted when it names its opportunity or conversion time, or an opportunity names it; as not converted once 90 days pass without. Leads without capture dates are split at random (seeded) instead of by time.",
    definition_zh:
      "进行中的线索（最近90天内获取、尚未转化）转化为商机的概率，0–1：来自基于来源、活动、评级、负责人以及映射文件为线索声明的特征的逻辑回归，或两个基线（各来源的历史转化率、总体转化率）中较好的一个，在验证集线索上选出并校准；旁边显示测试集AUC和Brier评分及其95%区间。线索注明了对应商机或转化时间、或有商机注明该线索时算作已转化；90天内未转化算作未转化。没有获取日期的线索改为随机划分（固定随机种子）而非按时间划分。",
    grain: "one row per open lead",
    pipeline: "scoreLeads"
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
