import {DEFAULT_FOLLOW_UP_OPTIONS} from "../follow-up/follow-up-options.ts";
import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import type {FeatureTable} from "./read-features.ts";
import {readRiskContext, type RiskContext} from "./risk-context.ts";
import {trainScorer, type ScoreMethod, type ScorerOptions, type TrainedScorer} from "./train-scorer.ts";

/** The score of one open opportunity — grain: one row per opportunity open at now. */
export interface OpportunityScoreRow {
  opportunity_id: string;
  account_id: string | null;
  owner_rep_id: string | null;
  rep_name: string | null;
  team: string | null;
  source: string | null;
  industry: string | null;
  product: string | null;
  stage: string | null;
  created_at: string;
  expected_close_at: string | null;
  amount: number | null;
  /** expected gross margin as exported, 0–1 */
  expected_margin: number | null;
  /** the margin the value uses: the exported one, else the average over the open opportunities (is_margin_imputed) */
  margin_used: number | null;
  is_margin_imputed: boolean;
  /** win probability 0–1, from score_method */
  win_probability: number;
  /** amount × margin_used × win_probability; null without an amount or any margin */
  expected_value: number | null;
  /** 1 = the highest expected value (then the higher probability, then opportunity_id) */
  priority_rank: number;
  score_method: ScoreMethod;
  reason_1: string | null;
  reason_2: string | null;
  reason_3: string | null;
  reason_1_zh: string | null;
  reason_2_zh: string | null;
  reason_3_zh: string | null;
  age_days: number;
  /** null without an activities export */
  activity_count: number | null;
  days_since_touch: number | null;
  follow_up: string | null;
  credit_rating: string | null;
  competitor: string | null;
  /** credit rating among the low ones (options.lowCreditRatings); null when the rating is unknown */
  is_low_credit: boolean | null;
  /** the named competitor is a strong one (readRiskContext) */
  has_strong_competitor: boolean;
  /** open longer than cycleMultiple × the median won cycle; null without won deals */
  is_cycle_overdue: boolean | null;
  /** no activity for more than untouchedDays; null without an activities export */
  is_untouched: boolean | null;
  /** times the expected close date moved later between exports; null with fewer than two exports */
  count_close_date_pushes: number | null;
  /** pushed at least twice; null with fewer than two exports */
  is_close_date_pushed: boolean | null;
  /** number of flags raised */
  risk_count: number;
  /** the raised flags in words, "; "-separated, English and Chinese ("" when none) */
  risks: string;
  risks_zh: string;
}

export interface ScoringOptions extends ScorerOptions {
  /** credit ratings counted as low (default C and D) */
  lowCreditRatings?: readonly string[];
  /** days without a touch that raise the untouched flag (default 14, the follow-up overdue threshold) */
  untouchedDays?: number;
  /** an opportunity open longer than this multiple of the median won cycle is overdue (default 2) */
  cycleMultiple?: number;
  /** a training run to reuse (trainScorer), so the page's pipelines train once */
  scorer?: TrainedScorer;
}

/**
 * Opportunity scores (docs/method.md §3, "is it worth following up?"): for each opportunity open at now, its win
 * probability, its value = amount × margin × probability, a priority rank by value, the three main reasons
 * for its score in plain words (English and Chinese) and its risk flags — low credit, a strong competitor
 * named, open far beyond the median won cycle, untouched for N days, close date pushed twice.
 *
 * The probability comes from trainScorer: an L2 logistic regression trained on older closed opportunities
 * when it beats the stage-only and naive-Bayes baselines on the validation part, else the better baseline,
 * recalibrated on the validation part and tested on the newest deals (scoringEvaluation shows the
 * figures); the learned stage probabilities below 40 won and 40 lost training opportunities; score_method
 * says which. The competitor field is left out of the model by
 * default: CRMs (and the sample) fill it in when a deal is lost to a competitor, so it would leak the
 * outcome; it still raises the strong-competitor flag on open deals, where it is current.
 *
 * Input: opportunities with accounts, reps, activities, stage history and snapshots where exported.
 * Output grain: one row per open opportunity, by priority rank. `missing` names the optional tables the
 * features or flags lacked (their columns are null), "opportunity_snapshots" with fewer than two exports,
 * and "opportunities.expected_margin" when no margin was exported.
 *
 * @example
 * const {rows} = await scoreOpportunities(ctx);
 * // [{opportunity_id: "O001203", win_probability: 0.71, expected_value: 182000, priority_rank: 1,
 * //   reason_1: "Stage negotiation raises the odds of winning (×2.10)", is_untouched: false, …}, …]
 */
export async function scoreOpportunities(
  ctx: PipelineContext,
  options: ScoringOptions = {}
): Promise<PipelineResult<OpportunityScoreRow>> {
  const scorer = options.scorer ?? (await trainScorer(ctx, options));
  const risk = await readRiskContext(ctx);
  const missing: string[] = await missingTables(ctx.connection, ["accounts", "activities", "stage_history"]);
  if (risk.close_date_pushes === null) missing.push("opportunity_snapshots");
  const {table} = scorer;
  const margins = table.open.details.map((d) => d.expected_margin).filter((m): m is number => m !== null);
  const averageMargin = margins.length ? margins.reduce((sum, m) => sum + m, 0) / margins.length : null;
  if (averageMargin === null && table.open.details.length) missing.push("opportunities.expected_margin");
  const rows = table.open.index.map((i, r) =>
    scoreRow(table, i, r, scorer, risk, averageMargin, missing.includes("activities"), options)
  );
  rows.sort(
    (a, b) =>
      (b.expected_value ?? -Infinity) - (a.expected_value ?? -Infinity) ||
      b.win_probability - a.win_probability ||
      (a.opportunity_id < b.opportunity_id ? -1 : 1)
  );
  rows.forEach((row, k) => (row.priority_rank = k + 1));
  return {rows, missing};
}

function level(table: FeatureTable, column: keyof FeatureTable["codes"], i: number): string | null {
  const code = table.codes[column][i];
  return code === 0 ? null : table.levels[column][code - 1];
}

function scoreRow(
  table: FeatureTable,
  i: number,
  r: number,
  scorer: TrainedScorer,
  risk: RiskContext,
  averageMargin: number | null,
  noActivities: boolean,
  options: ScoringOptions
): OpportunityScoreRow {
  const {
    lowCreditRatings = ["C", "D"],
    untouchedDays = DEFAULT_FOLLOW_UP_OPTIONS.overdueDays,
    cycleMultiple = 2
  } = options;
  const detail = table.open.details[r];
  const {probability, reasons} = scorer.open[r];
  const margin = detail.expected_margin ?? averageMargin;
  const credit = level(table, "credit_rating", i);
  const competitor = level(table, "competitor", i);
  const age = table.numbers.age_days[i];
  const idle = noActivities ? null : table.numbers.days_since_touch[i];
  const pushes = risk.close_date_pushes === null ? null : (risk.close_date_pushes.get(detail.opportunity_id) ?? 0);
  const overdueAfter = risk.median_won_cycle_days === null ? null : cycleMultiple * risk.median_won_cycle_days;
  const flags = {
    is_low_credit: credit === null ? null : lowCreditRatings.includes(credit),
    has_strong_competitor: competitor !== null && risk.strong_competitors.has(competitor),
    is_cycle_overdue: overdueAfter === null ? null : age > overdueAfter,
    is_untouched: idle === null ? null : idle > untouchedDays,
    is_close_date_pushed: pushes === null ? null : pushes >= 2
  };
  const words: [boolean | null, string, string][] = [
    [flags.is_low_credit, `low credit (${credit})`, `信用等级低（${credit}）`],
    [flags.has_strong_competitor, `strong competitor ${competitor}`, `强劲竞争对手${competitor}`],
    [
      flags.is_cycle_overdue,
      `open ${Math.round(age)} days, beyond ${Math.round(overdueAfter ?? 0)}`,
      `已开启${Math.round(age)}天，超过${Math.round(overdueAfter ?? 0)}天`
    ],
    [flags.is_untouched, `no touch in ${Math.round(idle ?? 0)} days`, `${Math.round(idle ?? 0)}天未跟进`],
    [flags.is_close_date_pushed, `close date pushed ${pushes} times`, `预计成交日期推迟${pushes}次`]
  ];
  const raised = words.filter(([flag]) => flag === true);
  return {
    opportunity_id: detail.opportunity_id,
    account_id: detail.account_id,
    owner_rep_id: level(table, "owner_rep_id", i),
    rep_name: detail.rep_name,
    team: detail.team,
    source: level(table, "source", i),
    industry: level(table, "industry", i),
    product: detail.product,
    stage: level(table, "stage", i),
    created_at: detail.created_at,
    expected_close_at: detail.expected_close_at,
    amount: detail.amount,
    expected_margin: detail.expected_margin,
    margin_used: margin,
    is_margin_imputed: detail.expected_margin === null && margin !== null,
    win_probability: probability,
    expected_value: detail.amount === null || margin === null ? null : detail.amount * margin * probability,
    priority_rank: 0,
    score_method: scorer.method,
    reason_1: reasons[0]?.text ?? null,
    reason_2: reasons[1]?.text ?? null,
    reason_3: reasons[2]?.text ?? null,
    reason_1_zh: reasons[0]?.text_zh ?? null,
    reason_2_zh: reasons[1]?.text_zh ?? null,
    reason_3_zh: reasons[2]?.text_zh ?? null,
    age_days: age,
    activity_count: noActivities ? null : table.numbers.activity_count[i],
    days_since_touch: idle,
    follow_up: noActivities ? null : level(table, "follow_up", i),
    credit_rating: credit,
    competitor,
    ...flags,
    count_close_date_pushes: pushes,
    risk_count: raised.length,
    risks: raised.map(([, en]) => en).join("; "),
    risks_zh: raised.map(([, , zh]) => zh).join("；")
  };
}
