import type {CategoricalColumn, FeatureTable} from "./read-features.ts";
import {sigmoid} from "./logistic-regression.ts";

/** The CRM fields the naive-Bayes baseline reads, as Odoo's predictive lead scoring reads its lead fields. */
export const NAIVE_BAYES_FIELDS = [
  "stage",
  "source",
  "industry",
  "province",
  "size_band",
  "credit_rating",
  "owner_rep_id"
] as const satisfies readonly CategoricalColumn[];

export type NaiveBayesField = (typeof NAIVE_BAYES_FIELDS)[number];

/** A fitted naive-Bayes scorer: the prior log-odds and, per field, the log-likelihood ratio of each value. */
export interface NaiveBayesModel {
  prior_log_odds: number;
  /** per field, indexed by table code (0 = unknown): log P(value | won) − log P(value | lost) */
  log_ratios: Record<NaiveBayesField, Float64Array>;
}

/**
 * A naive-Bayes scorer of the kind Odoo's predictive lead scoring uses: each CRM field's value is taken
 * as independent evidence, its frequency among won and among lost opportunities giving a likelihood
 * ratio, smoothed by Laplace's rule (add one to every count):
 *
 *   P(v | won) = (won with v + 1) / (won + K),   K = number of values of the field (unknown included)
 *   log-odds(won | fields) = log(won / lost) + Σ_fields log(P(v | won) / P(v | lost))
 *
 * Why it matters: it is the baseline a CRM ships; the logistic model has to beat it on held-out deals to
 * earn its place. Its independence assumption double-counts correlated fields (stage and rep, say), so it
 * ranks reasonably but tends to be overconfident. Input: training rows (positions in the table).
 *
 * @example
 * const model = fitNaiveBayes(table, trainRows);
 * const probabilities = predictNaiveBayes(model, table, testRows);
 */
export function fitNaiveBayes(table: FeatureTable, train: readonly number[]): NaiveBayesModel {
  let won = 0;
  for (const i of train) won += table.numbers.is_won[i];
  const lost = train.length - won;
  const logRatios = Object.fromEntries(
    NAIVE_BAYES_FIELDS.map((field) => {
      const values = table.levels[field].length + 1;
      const wonCounts = new Float64Array(values);
      const lostCounts = new Float64Array(values);
      for (const i of train) (table.numbers.is_won[i] === 1 ? wonCounts : lostCounts)[table.codes[field][i]]++;
      const ratios = wonCounts.map(
        (w, v) => Math.log((w + 1) / (won + values)) - Math.log((lostCounts[v] + 1) / (lost + values))
      );
      return [field, ratios];
    })
  ) as Record<NaiveBayesField, Float64Array>;
  return {prior_log_odds: Math.log((won + 0.5) / (lost + 0.5)), log_ratios: logRatios};
}

/** Each field's log-likelihood ratio for table row i: the naive-Bayes "reasons". */
export function naiveBayesContributions(model: NaiveBayesModel, table: FeatureTable, i: number): number[] {
  return NAIVE_BAYES_FIELDS.map((field) => model.log_ratios[field][table.codes[field][i]]);
}

/** The naive-Bayes win probability of each row (positions in the table). */
export function predictNaiveBayes(model: NaiveBayesModel, table: FeatureTable, rows: readonly number[]): Float64Array {
  return Float64Array.from(rows, (i) =>
    sigmoid(model.prior_log_odds + naiveBayesContributions(model, table, i).reduce((sum, c) => sum + c, 0))
  );
}

/** The stage-only baseline: the share won among training opportunities in each stage at their cut-off. */
export interface StageRateModel {
  /** indexed by table stage code (0 = unknown); null where no training row was in the stage */
  rates: (number | null)[];
  /** the overall share won, for stages without training rows */
  overall: number;
}

/**
 * Stage-only probability: of the training opportunities that were in stage s at their cut-off, the share
 * won. It is the historical stage probability a weighted pipeline multiplies by (the stage an opportunity
 * is in, and nothing else); a stage no training row was in gets the overall share won.
 *
 * @example
 * const model = fitStageRates(table, trainRows);
 * predictStageRates(model, table, testRows); // e.g. 0.22 in potential, 0.41 in intent, 0.63 in negotiation
 */
export function fitStageRates(table: FeatureTable, train: readonly number[]): StageRateModel {
  const size = table.levels.stage.length + 1;
  const won = new Array<number>(size).fill(0);
  const all = new Array<number>(size).fill(0);
  let totalWon = 0;
  for (const i of train) {
    const code = table.codes.stage[i];
    all[code]++;
    won[code] += table.numbers.is_won[i];
    totalWon += table.numbers.is_won[i];
  }
  return {
    rates: all.map((n, code) => (n ? won[code] / n : null)),
    overall: train.length ? totalWon / train.length : 0.5
  };
}

export function predictStageRates(model: StageRateModel, table: FeatureTable, rows: readonly number[]): Float64Array {
  return Float64Array.from(rows, (i) => model.rates[table.codes.stage[i]] ?? model.overall);
}
