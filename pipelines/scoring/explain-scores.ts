import {NAIVE_BAYES_FIELDS, naiveBayesContributions, predictStageRates, type NaiveBayesModel} from "./baselines.ts";
import type {StageRateModel} from "./baselines.ts";
import type {Calibrator} from "./calibrator.ts";
import {contributionsOf} from "./column-contributions.ts";
import {declaredContributions} from "./declared-encoder.ts";
import {encodeRows, type Encoder} from "./encode-features.ts";
import {sigmoid, type LogisticModel} from "./logistic-regression.ts";
import type {FeatureTable} from "./read-features.ts";
import {topReasons, type Reason, type ReasonInput} from "./reasons.ts";

/** The score of one open opportunity and its three main reasons. */
export interface OpenScore {
  probability: number;
  reasons: Reason[];
}

/** A fitted scorer, ready to score the open opportunities. */
export type OpenScorer =
  | {kind: "logistic"; encoder: Encoder; model: LogisticModel}
  | {kind: "naive_bayes"; model: NaiveBayesModel}
  | {kind: "stage_rates"; model: StageRateModel}
  | {kind: "learned_stages"; probability: (stage: string) => number | null};

const STAGE_ZH: Record<string, string> = {potential: "潜在", intent: "意向", negotiation: "谈判"};

/**
 * Scores the open opportunities of the table (table.open order) and explains each score:
 * - logistic regression: the contribution of each feature to the log-odds relative to an average
 *   training cut-off, Σⱼ βⱼ (xⱼ − meanⱼ)/sdⱼ over the feature's columns (a category's levels together, a
 *   declared feature's value and missing indicator together), declared features named as the mapping file does;
 * - naive Bayes: each field's log-likelihood ratio;
 * - stage probabilities: the stage, and the share of past deals in it that were won.
 * With a calibrator the probability is recalibrated, and Platt's slope scales every contribution (the
 * calibrated log-odds are slope × log-odds + intercept).
 */
export function explainOpen(scorer: OpenScorer, table: FeatureTable, calibrator?: Calibrator): OpenScore[] {
  const slope = calibrator?.slope ?? 1;
  const scores = explainUncalibrated(scorer, table, slope);
  return calibrator ? scores.map((score) => ({...score, probability: calibrator.apply(score.probability)})) : scores;
}

/** Probabilities before recalibration; reasons with contributions scaled by `slope`. */
function explainUncalibrated(scorer: OpenScorer, table: FeatureTable, slope: number): OpenScore[] {
  const rows = table.open.index;
  if (scorer.kind === "logistic") return explainLogistic(scorer.encoder, scorer.model, table, rows, slope);
  if (scorer.kind === "naive_bayes")
    return rows.map((i) => {
      const values = naiveBayesContributions(scorer.model, table, i);
      const contributions = NAIVE_BAYES_FIELDS.map((feature, k) => ({feature, contribution: values[k] * slope}));
      const logOdds = scorer.model.prior_log_odds + values.reduce((sum, c) => sum + c, 0);
      return {probability: sigmoid(logOdds), reasons: topReasons(table, i, contributions, {rep: 0, repSegment: 0})};
    });
  const probabilities =
    scorer.kind === "stage_rates"
      ? predictStageRates(scorer.model, table, rows)
      : rows.map((i) => {
          const code = table.codes.stage[i];
          return code === 0 ? null : scorer.probability(table.levels.stage[code - 1]);
        });
  return rows.map((i, r) => {
    const code = table.codes.stage[i];
    const stage = code === 0 ? "unknown" : table.levels.stage[code - 1];
    const probability = probabilities[r] ?? 0;
    const pct = Math.round(probability * 100);
    return {
      probability,
      reasons: [
        {
          feature: "stage",
          contribution: 0,
          text: `Stage ${stage}: ${pct} % of past deals in it were won`,
          text_zh: `阶段${STAGE_ZH[stage] ?? stage}：以往处于该阶段的商机${pct}%赢单`
        }
      ]
    };
  });
}

function explainLogistic(
  encoder: Encoder,
  model: LogisticModel,
  table: FeatureTable,
  rows: number[],
  slope: number
): OpenScore[] {
  const design = encodeRows(encoder, table, rows);
  const contributionsAt = contributionsOf(model, design);
  // the declared features' columns follow the built-in ones
  const offset = {numeric: encoder.numeric.length, categorical: encoder.categorical.length};
  const repColumn = encoder.numeric.indexOf("rep_win_rate");
  const segmentColumn = encoder.numeric.indexOf("rep_segment_win_rate");
  return rows.map((i, r) => {
    const columns = contributionsAt(r);
    const contributions: ReasonInput[] = [
      ...encoder.numeric.map((feature, j) => ({feature, contribution: columns.numeric[j]})),
      ...encoder.categorical.map(({column}, k) => ({feature: column, contribution: columns.categorical[k]})),
      ...declaredContributions(encoder.declared, design.declared, table.declared, columns, offset, i)
    ];
    const logOdds = contributions.reduce((total, item) => total + item.contribution, model.intercept);
    const rates = {
      rep: repColumn >= 0 ? design.numeric[repColumn][r] : 0,
      repSegment: segmentColumn >= 0 ? design.numeric[segmentColumn][r] : 0
    };
    const scaled = contributions.map((item) => ({...item, contribution: item.contribution * slope}));
    return {probability: sigmoid(logOdds), reasons: topReasons(table, i, scaled, rates)};
  });
}

/** One coefficient of the logistic regression — grain: one row per numeric feature or category level. */
export interface ScoringCoefficientRow {
  feature: string;
  /** the category's level; null for a numeric feature */
  level: string | null;
  /** change in log-odds per standard deviation of the column (a level: of its 0/1 indicator) */
  coefficient: number;
  /** exp(coefficient): the factor on the odds of winning per standard deviation */
  odds_ratio: number;
  /** training mean and population standard deviation of the column before standardising */
  mean: number;
  scale: number;
  /** whether the model scores the open opportunities (it beat both baselines) */
  is_used: boolean;
}

/**
 * The logistic regression's coefficients on the standardised scale: the intercept (log-odds of an average
 * training cut-off), the numeric features (a declared one's missing indicator as `<name>_missing`), then each
 * level of each category — the built-in ones first, then the declared ones.
 */
export function modelCoefficients(encoder: Encoder, model: LogisticModel, isUsed: boolean): ScoringCoefficientRow[] {
  const names: [string, string | null][] = [
    ...encoder.numeric.map((feature): [string, null] => [feature, null]),
    ...encoder.declared.flatMap((e): [string, null][] =>
      e.kind === "numeric"
        ? [[e.name, null], ...(e.indicator ? [[`${e.name}_missing`, null] as [string, null]] : [])]
        : []
    ),
    ...encoder.categorical.flatMap(({column, levels}) => levels.map((level): [string, string] => [column, level])),
    ...encoder.declared.flatMap((e) =>
      e.kind === "categorical" ? e.levels.map((level): [string, string] => [e.name, level]) : []
    )
  ];
  const intercept: ScoringCoefficientRow = {
    feature: "(intercept)",
    level: null,
    coefficient: model.intercept,
    odds_ratio: Math.exp(model.intercept),
    mean: 0,
    scale: 1,
    is_used: isUsed
  };
  return [
    intercept,
    ...names.map(([feature, level], j) => ({
      feature,
      level,
      coefficient: model.coefficients[j],
      odds_ratio: Math.exp(model.coefficients[j]),
      mean: model.means[j],
      scale: model.scales[j],
      is_used: isUsed
    }))
  ];
}
