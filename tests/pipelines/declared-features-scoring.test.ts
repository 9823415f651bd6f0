import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import type {Design} from "../../pipelines/scoring/logistic-regression.ts";
import {scoring, type ScoringResults} from "../../pipelines/scoring.ts";
import {scoreLeads, type LeadScoring} from "../../pipelines/scoring/score-leads.ts";
import {dealsCsv, writeDealExport} from "./deal-export-fixture.ts";
import {independentLogisticAuc} from "./independent-logistic.ts";
import {
  EXPORTED_AT,
  generateLeads,
  writeLeadExport,
  writeUndatedLeadExport,
  type FixtureLead
} from "./lead-export-fixture.ts";
import {randomSplit} from "../../pipelines/scoring/held-out-split.ts";

/** Ingests an export written into a new folder and runs `score` on the warehouse, opened read-only. */
async function scoreExport<T>(
  write: (folder: string) => void,
  score: (ctx: Parameters<typeof scoreLeads>[0]) => Promise<T>
): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), "shangji-features-"));
  try {
    write(folder);
    await ingest({paths: [folder], warehouse: join(folder, "warehouse.duckdb")});
    const warehouse = await openWarehouse(join(folder, "warehouse.duckdb"), {readOnly: true});
    try {
      return await score({
        connection: warehouse.connection,
        period: {start: "2020-01-01", end: "2027-01-01"},
        now: EXPORTED_AT
      });
    } finally {
      warehouse.close();
    }
  } finally {
    rmSync(folder, {recursive: true, force: true});
  }
}

const range = (from: number, to: number) => Array.from({length: to - from}, (_, k) => from + k);

/**
 * The fixture's leads encoded by hand for the rows of `train` and `test`: a category keeps the values of at least
 * 20 training leads (missing is a value of its own) and pools the others with the unseen ones; a number's missing
 * values take the training median, with a 0/1 column for "missing" when a training lead lacks it. The built-in
 * campaign and rating are blank in every lead, so they are left out: a constant column adds nothing.
 */
function encodeByHand(leads: FixtureLead[], train: number[], test: number[]): [Design, Design] {
  const parts = [train, test];
  const designs = parts.map((rows): Design => ({rows: rows.length, numeric: [], categorical: [], levels: []}));
  const category = (value: (lead: FixtureLead) => string | null) => {
    const counts = new Map<string, number>();
    for (const i of train)
      counts.set(value(leads[i]) ?? "missing", (counts.get(value(leads[i]) ?? "missing") ?? 0) + 1);
    const kept = [...counts].filter(([, n]) => n >= 20).map(([key]) => key);
    parts.forEach((rows, p) => {
      designs[p].categorical.push(Int32Array.from(rows, (i) => kept.indexOf(value(leads[i]) ?? "missing") + 1));
      designs[p].levels.push(kept.length + 1);
    });
  };
  const number = (value: (lead: FixtureLead) => number) => {
    const seen = train.map((i) => value(leads[i])).filter((v) => !Number.isNaN(v));
    const sorted = seen.sort((a, b) => a - b);
    const half = sorted.length / 2;
    const median = sorted.length % 2 ? sorted[Math.floor(half)] : (sorted[half - 1] + sorted[half]) / 2;
    parts.forEach((rows, p) => {
      designs[p].numeric.push(
        Float64Array.from(rows, (i) => (Number.isNaN(value(leads[i])) ? median : value(leads[i])))
      );
      if (seen.length < train.length)
        designs[p].numeric.push(Float64Array.from(rows, (i) => (Number.isNaN(value(leads[i])) ? 1 : 0)));
    });
  };
  category((lead) => lead.source);
  category((lead) => lead.owner);
  category((lead) => lead.origin);
  category((lead) => lead.occupation);
  number((lead) => lead.time_on_site);
  number((lead) => lead.visits);
  return designs as [Design, Design];
}

describe("scoreLeads(ctx) on a lead export with declared features", () => {
  const leads = generateLeads();
  let withFeatures: LeadScoring;
  let without: LeadScoring;
  beforeAll(async () => {
    withFeatures = await scoreExport((folder) => writeLeadExport(folder, leads, true), scoreLeads);
    without = await scoreExport((folder) => writeLeadExport(folder, leads, false), scoreLeads);
  });

  const regression = (result: LeadScoring) =>
    result.evaluation.rows.find((row) => row.method === "logistic_regression")!;

  it("reports the test AUC an independent fit on the same split and features gets", () => {
    // 2 400 leads with a known outcome, captured at distinct times: train the oldest 1 440, test from the 1 920th
    const labelled = leads.filter((lead) => !lead.is_open);
    const reported = regression(withFeatures);
    expect([reported.n_train_leads, reported.n_validation_leads, reported.n_test_leads]).toEqual([1440, 480, 480]);
    const train = range(0, 1440);
    const test = range(1920, 2400);
    const [trainDesign, testDesign] = encodeByHand(labelled, train, test);
    const y = (rows: number[]) => Float64Array.from(rows, (i) => (labelled[i].converted ? 1 : 0));
    const independent = independentLogisticAuc(trainDesign, y(train), testDesign, y(test), 1);
    expect(Math.abs(reported.auc! - independent)).toBeLessThanOrEqual(0.01);
  });

  it("ranks the leads clearly better with the declared features than without them", () => {
    expect(regression(withFeatures).is_used).toBe(true);
    expect(regression(withFeatures).auc! - regression(without).auc!).toBeGreaterThan(0.2);
  });

  it("recalibrates without making the test Brier score worse", () => {
    const used = withFeatures.evaluation.rows.find((row) => row.is_used)!;
    expect(used.calibrated_brier_score!).toBeLessThanOrEqual(used.brier_score!);
  });

  it("names a declared feature and the lead's value of it among the reasons", () => {
    const byId = new Map(leads.map((lead) => [lead.lead_id, lead]));
    const named = withFeatures.scores.rows.filter((row) => row.reason_1?.startsWith("Time on site "));
    expect(named.length).toBeGreaterThan(0);
    for (const row of named) {
      const seconds = byId.get(row.lead_id)!.time_on_site.toLocaleString("en-US");
      expect(row.reason_1).toMatch(new RegExp(`^Time on site ${seconds}: (raises|lowers) the odds of converting \\(×`));
      expect(row.reason_1_zh).toMatch(new RegExp(`^time on site为${seconds}，转化几率(提高|降低)`));
    }
    const reasons = withFeatures.scores.rows.flatMap((row) => [row.reason_1, row.reason_2]);
    expect(reasons.some((reason) => reason?.startsWith("Occupation "))).toBe(true);
  });
});

describe("scoreLeads(ctx) on a lead export without dates that only flags conversions", () => {
  const leads = generateLeads();
  let result: LeadScoring;
  beforeAll(async () => {
    result = await scoreExport((folder) => writeUndatedLeadExport(folder, leads), scoreLeads);
  });

  it("reads the flag, splits at random and says so, and reports the test AUC an independent fit gets", () => {
    // without dates every lead is history: the 2 520 (open ones flagged 0 too) split 60/20/20 by the seeded shuffle
    const reported = result.evaluation.rows.find((row) => row.method === "logistic_regression")!;
    expect(result.evaluation.rows.every((row) => row.split_kind === "random")).toBe(true);
    expect([reported.n_train_leads, reported.n_validation_leads, reported.n_test_leads]).toEqual([1512, 504, 504]);
    const split = randomSplit(leads.length, range(0, leads.length), {testShare: 0.2, validationShare: 0.2}, 1);
    expect(reported.n_test_converted).toBe(split.test.filter((i) => leads[i].converted).length);
    const [trainDesign, testDesign] = encodeByHand(leads, split.train, split.test);
    const y = (rows: number[]) => Float64Array.from(rows, (i) => (leads[i].converted ? 1 : 0));
    const independent = independentLogisticAuc(trainDesign, y(split.train), testDesign, y(split.test), 1);
    expect(Math.abs(reported.auc! - independent)).toBeLessThanOrEqual(0.01);
    expect(result.scores.rows).toEqual([]);
  });
});

describe("scoring(ctx) on a deals export with declared features", () => {
  let withFeatures: ScoringResults;
  let without: ScoringResults;
  beforeAll(async () => {
    withFeatures = await scoreExport((folder) => writeDealExport(folder, true), scoring);
    without = await scoreExport((folder) => writeDealExport(folder, false), scoring);
  });

  const regression = (result: ScoringResults) =>
    result.evaluation.rows.find((row) => row.method === "logistic_regression")!;

  it("ranks the deals clearly better with the declared features than without them", () => {
    expect(regression(withFeatures).is_used).toBe(true);
    expect(regression(withFeatures).auc! - regression(without).auc!).toBeGreaterThan(0.2);
  });

  it("names a declared feature and the deal's value of it among the reasons", () => {
    const scores = new Map(
      dealsCsv()
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => line.split(","))
        .map((fields) => [fields[0], fields[7]])
    );
    const named = withFeatures.scores.rows.filter((row) => row.reason_1?.startsWith("Lead score "));
    expect(named.length).toBeGreaterThan(0);
    for (const row of named) {
      // a blank lead score is named as unknown
      const score = scores.get(row.opportunity_id);
      const [en, zh] = score
        ? [`Lead score ${score}`, `lead score为${score}`]
        : ["Lead score unknown", "lead score未知"];
      expect(row.reason_1).toMatch(new RegExp(`^${en}: (raises|lowers) the odds of winning \\(×`));
      expect(row.reason_1_zh).toMatch(new RegExp(`^${zh}，赢单几率(提高|降低)`));
    }
    const coefficients = withFeatures.coefficients.rows.map((row) => [row.feature, row.level]);
    expect(coefficients).toContainEqual(["lead_score", null]);
    expect(coefficients).toContainEqual(["deal_type", "Renewal"]);
  });
});
