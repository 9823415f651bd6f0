import {describe, expect, it} from "vitest";
import {contributionsOf} from "../../pipelines/scoring/column-contributions.ts";
import {
  describeDeclared,
  encodeDeclared,
  fitDeclaredEncoder,
  type DeclaredColumn
} from "../../pipelines/scoring/declared-encoder.ts";
import {fitLogisticRegression, predictLogistic} from "../../pipelines/scoring/logistic-regression.ts";

// rows 0–3 train, rows 4–5 are scored
const visits: DeclaredColumn = {name: "visits", kind: "numeric", values: Float64Array.of(1, NaN, 3, 10, 7, NaN)};
const occupation: DeclaredColumn = {
  name: "occupation",
  kind: "categorical",
  values: ["Student", "Student", "Housewife", null, null, "Pilot"]
};
const train = [0, 1, 2, 3];

describe("fitDeclaredEncoder(columns, train, minLevelCount)", () => {
  it("imputes the training median, adds a missing indicator, and keeps the levels frequent in training", () => {
    const encodings = fitDeclaredEncoder([visits, occupation], train, 1);
    // median of 1, 3 and 10 (not 5, which row 4's 7 would make it); row 1 lacks the value
    expect(encodings).toEqual([
      {name: "visits", kind: "numeric", column: 0, median: 3, indicator: true},
      {name: "occupation", kind: "categorical", column: 1, levels: ["(other)", "(unknown)", "Housewife", "Student"]}
    ]);
    // at 2 rows the levels of 1 training row, Housewife and the unknown one, are pooled
    expect(fitDeclaredEncoder([occupation], train, 2)[0]).toMatchObject({levels: ["(other)", "Student"]});
  });

  it("adds no indicator when every training row has the value, and leaves out a feature no training row has", () => {
    const full: DeclaredColumn = {name: "pages", kind: "numeric", values: Float64Array.of(2, 4, 6, 8, NaN, 1)};
    const empty: DeclaredColumn = {name: "score", kind: "numeric", values: Float64Array.of(NaN, NaN, NaN, NaN, 5, 6)};
    expect(fitDeclaredEncoder([full, empty], train)).toEqual([
      {name: "pages", kind: "numeric", column: 0, median: 5, indicator: false}
    ]);
  });
});

describe("encodeDeclared(encodings, columns, rows)", () => {
  it("fills a missing number with the training median and pools an unseen level into (other)", () => {
    const encodings = fitDeclaredEncoder([visits, occupation], train, 2);
    const design = encodeDeclared(encodings, [visits, occupation], [4, 5, 3, 0]);
    expect(design.numeric.map((column) => [...column])).toEqual([
      [7, 3, 10, 1],
      [0, 1, 0, 0]
    ]);
    // levels (other) and Student: Pilot was never seen in training, an unknown occupation is rare there
    expect([...design.categorical[0]]).toEqual([0, 0, 0, 1]);
    expect(design.levels).toEqual([2]);
    expect(design.groups).toEqual([
      {name: "visits", kind: "numeric", numeric: [0, 1], categorical: []},
      {name: "occupation", kind: "categorical", numeric: [], categorical: [0]}
    ]);
  });
});

describe("describeDeclared(feature, i)", () => {
  it("names the feature readably with its value as exported, or says it is unknown", () => {
    const time: DeclaredColumn = {name: "time_on_site", kind: "numeric", values: Float64Array.of(1532.5, NaN)};
    expect(describeDeclared(time, 0)).toEqual(["time on site 1,532.5", "time on site为1,532.5"]);
    expect(describeDeclared(time, 1)).toEqual(["time on site unknown", "time on site未知"]);
    expect(describeDeclared(occupation, 0)).toEqual(["occupation Student", "occupation为Student"]);
  });
});

describe("contributionsOf(model, design)", () => {
  it("splits each row's log-odds, less the intercept, among its columns", () => {
    const design = {
      rows: 6,
      numeric: [Float64Array.of(1, 2, 3, 4, 5, 6)],
      categorical: [Int32Array.of(0, 1, 2, 0, 1, 2)],
      levels: [3]
    };
    const model = fitLogisticRegression(design, Float64Array.of(0, 1, 0, 1, 1, 1));
    const probabilities = predictLogistic(model, design);
    const at = contributionsOf(model, design);
    for (let r = 0; r < 6; r++) {
      const {numeric, categorical} = at(r);
      const logOdds = model.intercept + numeric[0] + categorical[0];
      expect(logOdds).toBeCloseTo(Math.log(probabilities[r] / (1 - probabilities[r])), 10);
    }
  });
});
