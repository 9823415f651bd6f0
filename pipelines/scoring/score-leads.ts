import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readColumns} from "./read-columns.ts";
import type {CalibrationMethod} from "./calibrator.ts";
import {chooseAndCalibrate, type MethodCalibrationBin, type ValidationMetrics} from "./choose-and-calibrate.ts";
import {checkShares, randomSplit, timeOrderedSplit, type SplitKind} from "./held-out-split.ts";
import {beatsBaselines, NO_METRICS, type HeldOutMetrics} from "./held-out-metrics.ts";
import {DEFAULT_CONVERSION_WINDOW_DAYS, LEAD_FEATURES, LEAD_FEATURES_SQL, type LeadFeature} from "./lead-features.ts";
import {contributionsOf, joinDesigns} from "./column-contributions.ts";
import {declaredContributions, encodeDeclared, fitDeclaredEncoder, type DeclaredColumn} from "./declared-encoder.ts";
import {encodeLeads, fitLeadEncoder, type LeadColumns} from "./lead-model.ts";
import {fitLogisticRegression, predictLogistic} from "./logistic-regression.ts";
import {leadReasons, type LeadReasonInput, type LeadScoreMethod} from "./lead-reasons.ts";
import {declaredValuesSql, readDeclaredFeatures} from "./read-declared-features.ts";

export type {LeadScoreMethod} from "./lead-reasons.ts";

/** The conversion score of one open lead — grain: one row per lead captured within the window, not converted. */
export interface LeadScoreRow {
  lead_id: string;
  created_at: string | null;
  source: string | null;
  campaign: string | null;
  rating: string | null;
  owner_rep_id: string | null;
  /** chance the lead converts into an opportunity, 0–1, recalibrated */
  conversion_probability: number;
  score_method: LeadScoreMethod;
  /** the main reasons in plain words, English and Chinese (null where fewer) */
  reason_1: string | null;
  reason_2: string | null;
  reason_1_zh: string | null;
  reason_2_zh: string | null;
}

/** Test-part accuracy of one lead-scoring method — grain: one row per method. */
export interface LeadEvaluationRow extends HeldOutMetrics {
  method: LeadScoreMethod;
  is_used: boolean;
  /** time_ordered by capture time, or random (seeded) when the leads carry no capture dates to order by */
  split_kind: SplitKind;
  n_train_leads: number;
  n_validation_leads: number;
  n_test_leads: number;
  n_test_converted: number;
  validation_auc: number | null;
  validation_brier_score: number | null;
  /** the used method only: its recalibration and the test Brier score after it */
  calibration_method: CalibrationMethod | null;
  calibrated_brier_score: number | null;
  calibrated_brier_score_lower: number | null;
  calibrated_brier_score_upper: number | null;
  note: string;
  note_zh: string;
}

export interface LeadScoring {
  scores: PipelineResult<LeadScoreRow>;
  evaluation: PipelineResult<LeadEvaluationRow>;
  calibration: MethodCalibrationBin<LeadScoreMethod>[];
}

export interface LeadScoringOptions {
  /** days a lead has to convert before it counts as not converted (default 90) */
  windowDays?: number;
  testShare?: number;
  validationShare?: number;
  calibration?: CalibrationMethod;
  /** the seed of the random split, when one is needed (default 1) */
  seed?: number;
  /** below this many converted or not-converted training leads no model is fitted (default 40 each) */
  minEach?: number;
  lambda?: number;
}

/**
 * Lead scores (docs/method.md §2, screening leads): the chance each open lead — captured within the
 * conversion window and not converted yet — converts, from the same machinery as the opportunity scores.
 * Leads whose outcome is known (converted, or not converted within `windowDays`) are split three ways by
 * capture time (random, seeded, when they carry no capture dates); a logistic regression on the lead's
 * source, campaign, rating and owner and the features a mapping file declared for leads (encoded on the
 * training part alone: fitDeclaredEncoder), a source-only rate and the overall rate are fitted on the oldest
 * part; the method is chosen on the validation part (the regression when it beats both there on AUC and
 * Brier), recalibrated there, and measured once on the newest part with 95 % bootstrap intervals.
 *
 * Output grain: scores, one row per open lead by probability; evaluation, one row per method.
 *
 * @example
 * const {scores, evaluation} = await scoreLeads(ctx);
 * // scores.rows[0]: {lead_id: "L007301", conversion_probability: 0.41, reason_1: "Source referral: raises …", …}
 */
export async function scoreLeads(ctx: PipelineContext, options: LeadScoringOptions = {}): Promise<LeadScoring> {
  const {testShare = 0.2, validationShare = 0.2, seed = 1, minEach = 40, lambda = 1} = options;
  checkShares({testShare, validationShare});
  const missing = await missingTables(ctx.connection, ["leads"]);
  const empty = {scores: {rows: [], missing}, evaluation: {rows: [], missing}, calibration: []};
  if (missing.length) return empty;
  const features = await readDeclaredFeatures(ctx.connection, "leads");
  const declaredSql = declaredValuesSql("leads", features);
  // the labelled leads first, then the open ones (is_converted null), each by capture time: read column by column
  const read = await readColumns(
    ctx.connection,
    `SELECT l.lead_id, l.is_converted, l.created_epoch, l.created_at, ${LEAD_FEATURES.map((f) => `l.${f}`).join(", ")}
       ${features.map(({kind}, k) => `, d.declared_${k}::${kind === "numeric" ? "DOUBLE" : "VARCHAR"} AS declared_${k}`).join("")}
     FROM (${LEAD_FEATURES_SQL}) l ${features.length ? `LEFT JOIN (${declaredSql.sql}) d ON d.id = l.lead_id` : ""}
     ORDER BY l.is_converted IS NULL, l.created_epoch NULLS FIRST, l.lead_id`,
    {now: ctx.now, window_days: options.windowDays ?? DEFAULT_CONVERSION_WINDOW_DAYS, ...declaredSql.params}
  );
  const converted = read.numbers.is_converted;
  const epochs = read.numbers.created_epoch;
  let labelledCount = 0;
  while (labelledCount < read.length && !Number.isNaN(converted[labelledCount])) labelledCount++;
  const columns = Object.fromEntries(LEAD_FEATURES.map((f) => [f, read.strings[f]])) as LeadColumns<LeadFeature>;
  const declared = features.map(({name, kind}, k): DeclaredColumn => {
    const column = `declared_${k}`;
    return kind === "numeric" ? {name, kind, values: read.numbers[column]} : {name, kind, values: read.strings[column]};
  });
  const y = converted.subarray(0, labelledCount);
  const starts = Array.from({length: labelledCount}, (_, i) => i);
  const labelledEpochs = epochs.subarray(0, labelledCount);
  const dated = labelledEpochs.every((epoch) => !Number.isNaN(epoch));
  const shares = {testShare, validationShare};
  const split =
    dated && new Set(labelledEpochs).size > 1
      ? timeOrderedSplit(labelledEpochs, starts, shares)
      : randomSplit(labelledCount, starts, shares, seed);
  const count = (part: number[]) => part.reduce((sum, i) => sum + y[i], 0);
  const trainConverted = count(split.train);
  const bothClasses = (part: number[]) => count(part) > 0 && count(part) < part.length;
  const counts = {
    split_kind: split.kind,
    n_train_leads: split.train.length,
    n_validation_leads: split.validation.length,
    n_test_leads: split.test.length,
    n_test_converted: count(split.test)
  };
  if (
    trainConverted < minEach ||
    split.train.length - trainConverted < minEach ||
    !bothClasses(split.validation) ||
    !bothClasses(split.test)
  )
    return {
      ...empty,
      evaluation: {rows: [tooFewRow(counts, trainConverted, split.train.length - trainConverted, minEach)], missing}
    };
  const encoder = fitLeadEncoder(columns, LEAD_FEATURES, split.train);
  const declaredEncoder = fitDeclaredEncoder(declared, split.train);
  // the built-in categories, then the declared features' columns
  const encode = (part: number[]) => {
    const extra = encodeDeclared(declaredEncoder, declared, part);
    return {...joinDesigns(encodeLeads(encoder, columns, part), extra), groups: extra.groups};
  };
  const model = fitLogisticRegression(
    encode(split.train),
    Float64Array.from(split.train, (i) => y[i]),
    {lambda}
  );
  const overall = trainConverted / split.train.length;
  const bySource = new Map<string | null, [number, number]>();
  for (const i of split.train) {
    const tally = bySource.get(columns.source[i]) ?? [0, 0];
    bySource.set(columns.source[i], [tally[0] + y[i], tally[1] + 1]);
  }
  const sourceRate = (i: number) => {
    const tally = bySource.get(columns.source[i]);
    return tally ? tally[0] / tally[1] : overall;
  };
  const predict = (part: number[]): Record<LeadScoreMethod, Float64Array> => ({
    logistic_regression: predictLogistic(model, encode(part)),
    source_rate: Float64Array.from(part, sourceRate),
    overall_rate: new Float64Array(part.length).fill(overall)
  });
  const methods: LeadScoreMethod[] = ["logistic_regression", "source_rate", "overall_rate"];
  const validation = predict(split.validation);
  const test = predict(split.test);
  const chosen = chooseAndCalibrate(
    Object.fromEntries(methods.map((m) => [m, {validation: validation[m], test: test[m]}])) as Record<
      LeadScoreMethod,
      {validation: Float64Array; test: Float64Array}
    >,
    {validation: Float64Array.from(split.validation, (i) => y[i]), test: Float64Array.from(split.test, (i) => y[i])},
    Int32Array.from(split.test, (i) => split.groupOf[i]),
    chooseLeadMethod,
    options.calibration ?? "platt"
  );
  const openRows = Array.from({length: read.length - labelledCount}, (_, k) => labelledCount + k);
  const openDesign = encode(openRows);
  const contributionsAt = contributionsOf(model, openDesign);
  // the declared features' columns follow the built-in categories
  const offset = {numeric: 0, categorical: LEAD_FEATURES.length};
  const raw = predict(openRows)[chosen.method];
  const reasonInputs = (k: number): LeadReasonInput[] => {
    const contributions = contributionsAt(k);
    return [
      ...LEAD_FEATURES.map((feature, c) => ({feature, contribution: contributions.categorical[c]})),
      ...declaredContributions(declaredEncoder, openDesign.groups, declared, contributions, offset, openRows[k])
    ];
  };
  const text = (column: string, i: number) => read.strings[column][i];
  const scores = openRows.map((i, k): LeadScoreRow => {
    const row = Object.fromEntries(LEAD_FEATURES.map((f) => [f, columns[f][i]])) as Record<LeadFeature, string | null>;
    const reasons = leadReasons(chosen.method, {
      contributions: chosen.method === "logistic_regression" ? reasonInputs(k) : null,
      slope: chosen.calibrator.slope,
      row,
      rate: chosen.method === "source_rate" ? sourceRate(openRows[k]) : overall
    });
    return {
      lead_id: text("lead_id", i)!,
      created_at: text("created_at", i),
      source: row.source,
      campaign: row.campaign,
      rating: row.rating,
      owner_rep_id: row.owner_rep_id,
      conversion_probability: chosen.calibrator.apply(raw[k]),
      score_method: chosen.method,
      reason_1: reasons[0]?.[0] ?? null,
      reason_2: reasons[1]?.[0] ?? null,
      reason_1_zh: reasons[0]?.[1] ?? null,
      reason_2_zh: reasons[1]?.[1] ?? null
    };
  });
  scores.sort((a, b) => b.conversion_probability - a.conversion_probability || (a.lead_id < b.lead_id ? -1 : 1));
  const evaluation = methods.map((method): LeadEvaluationRow => {
    const isUsed = method === chosen.method;
    return {
      method,
      is_used: isUsed,
      ...counts,
      ...chosen.test[method],
      validation_auc: chosen.validation[method].auc,
      validation_brier_score: chosen.validation[method].brier_score,
      calibration_method: isUsed ? chosen.calibrator.method : null,
      calibrated_brier_score: isUsed ? chosen.calibrated.brier_score : null,
      calibrated_brier_score_lower: isUsed ? chosen.calibrated.brier_score_lower : null,
      calibrated_brier_score_upper: isUsed ? chosen.calibrated.brier_score_upper : null,
      ...(isUsed
        ? {note: "Used: chosen on the validation leads.", note_zh: "采用：在验证集线索上选出。"}
        : {note: "Not used.", note_zh: "未采用。"})
    };
  });
  return {scores: {rows: scores, missing}, evaluation: {rows: evaluation, missing}, calibration: chosen.calibration};
}

/** The regression when it beats both baselines on the validation AUC and Brier; else the baseline with the lower Brier. */
export function chooseLeadMethod(metrics: Record<LeadScoreMethod, ValidationMetrics>): LeadScoreMethod {
  if (beatsBaselines(metrics, "logistic_regression", ["source_rate", "overall_rate"])) return "logistic_regression";
  return (metrics.source_rate.brier_score ?? Infinity) < (metrics.overall_rate.brier_score ?? Infinity)
    ? "source_rate"
    : "overall_rate";
}

function tooFewRow(
  counts: Pick<
    LeadEvaluationRow,
    "split_kind" | "n_train_leads" | "n_validation_leads" | "n_test_leads" | "n_test_converted"
  >,
  converted: number,
  notConverted: number,
  minEach: number
): LeadEvaluationRow {
  return {
    method: "overall_rate",
    is_used: false,
    ...counts,
    ...NO_METRICS,
    validation_auc: null,
    validation_brier_score: null,
    calibration_method: null,
    calibrated_brier_score: null,
    calibrated_brier_score_lower: null,
    calibrated_brier_score_upper: null,
    note: `Leads are not scored: ${converted} converted and ${notConverted} not converted training leads (at least ${minEach} of each are needed), or a validation or test part with one outcome only.`,
    note_zh: `未对线索评分：训练集中已转化${converted}条、未转化${notConverted}条（各至少需要${minEach}条），或验证集、测试集只有一种结果。`
  };
}
