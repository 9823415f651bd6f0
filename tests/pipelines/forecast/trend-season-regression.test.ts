import {describe, expect, it} from "vitest";
import {
  designRow,
  fitTrendSeason,
  predictTrendSeason,
  type Prediction
} from "../../../pipelines/forecast/trend-season-regression.ts";

/** 26 months from March: trend + season + noise (also in least-squares.test.ts). */
const SERIES = [
  106, 119, 120, 130, 117, 123, 123, 127, 158, 191, 135, 107, 134, 157, 160, 171, 149, 150, 147, 157, 190, 226, 172,
  138, 182, 190
];

function expectPrediction(actual: Prediction, expected: Prediction, digits = 9) {
  for (const key of Object.keys(expected) as (keyof Prediction)[])
    expect(actual[key]!).toBeCloseTo(expected[key]!, digits);
}

describe("designRow(index, firstMonthOfYear, hasMonthTerms)", () => {
  it("puts a trend t = index + 1 and a 0/1 column for February … December", () => {
    expect(designRow(0, 3, false)).toEqual([1, 1]);
    // index 0 from March: the March column (third of the dummies)
    expect(designRow(0, 3, true)).toEqual([1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // index 10 from March is January, the baseline: no dummy
    expect(designRow(10, 3, true)).toEqual([1, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(designRow(9, 3, true).slice(2)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
});

describe("fitTrendSeason(values, firstMonthOfYear, form) and predictTrendSeason(model, steps)", () => {
  it("forecasts a trend with the prediction interval computed by hand", () => {
    // y = 2 4 5 4 5 at t = 1…5: ŷ(6) = 2.2 + 0.6·6 = 5.8; leverage = 1/5 + (6 − 3)²/10 = 1.1;
    // se = √(0.8 · (1 + 1.1)) = √1.68; 95 %: ± qt(0.975, 3) · se = ± 3.182446305284263 · 1.296148139681572
    // R: predict(lm(yy ~ x), data.frame(x = 6), interval = "prediction", level = 0.8 and 0.95)
    const model = fitTrendSeason([2, 4, 5, 4, 5], 1, "additive")!;
    expect(model.has_month_terms).toBe(false);
    expectPrediction(predictTrendSeason(model, [1]), {
      point: 5.8,
      lower_80: 3.67724070268266,
      upper_80: 7.92275929731734,
      lower_95: 1.67507814177003,
      upper_95: 9.92492185822997
    });
  });

  it("matches R's predict(lm(y ~ t + month), interval = 'prediction') with month terms", () => {
    // R: new <- data.frame(t = 27:29, month = factor(c(5, 6, 7), levels = 1:12))
    //    predict(fit, new, interval = "prediction", level = 0.8) and level = 0.95
    const model = fitTrendSeason(SERIES, 3, "additive")!;
    expect(model.has_month_terms).toBe(true);
    expectPrediction(predictTrendSeason(model, [1]), {
      point: 191.916666666667,
      lower_80: 184.202887294942,
      upper_80: 199.630446038391,
      lower_95: 179.574079236445,
      upper_95: 204.259254096888
    });
    expectPrediction(predictTrendSeason(model, [3]), {
      point: 184.916666666667,
      lower_80: 177.202887294942,
      upper_80: 192.630446038391,
      lower_95: 172.574079236445,
      upper_95: 197.259254096888
    });
  });

  it("forecasts a quarter as the sum of its months with the covariance of their errors", () => {
    // R: X <- model.matrix(fit); X0 <- model.matrix(~ t + month, new); s <- colSums(X0)
    //    se <- sqrt(sigma^2 * (3 + t(s) %*% solve(t(X) %*% X) %*% s)); sum(predict(fit, new)) ∓ qt(0.975, 13) * se
    const model = fitTrendSeason(SERIES, 3, "additive")!;
    const quarter = predictTrendSeason(model, [1, 2, 3]);
    expect(quarter.point).toBeCloseTo(579.25, 9);
    expect(quarter.lower_95!).toBeCloseTo(555.009639498314, 9);
    expect(quarter.upper_95!).toBeCloseTo(603.490360501686, 9);
  });

  it("weights the months of a sum: a month in progress enters with the share of it still to come", () => {
    // y = 2 4 5 4 5: half of month 6 → 0.5 · ŷ(6) = 2.9 ± qt(0.975, 3) · 0.5 · √1.68 = 2.9 ± 2.0624609 (half the width)
    const model = fitTrendSeason([2, 4, 5, 4, 5], 1, "additive")!;
    const half = predictTrendSeason(model, [1], [0.5]);
    expect(half.point).toBeCloseTo(2.9, 12);
    expect(half.lower_95!).toBeCloseTo(0.837539070885015, 9);
    expect(half.upper_95!).toBeCloseTo(4.962460929114985, 9);
    // half of month 6 + month 7: 0.5 · 5.8 + 6.4 = 9.3; S = 0.5 · (1, 6) + (1, 7) = (1.5, 10), (X'X)⁻¹ = [[1.1, −0.3], [−0.3, 0.1]]:
    // S'(X'X)⁻¹S = 2.475 − 9 + 10 = 3.475, Σw² = 1.25; se = √(0.8 · 4.725) = 1.9442222; ± 3.1824463 · se = ± 6.1873828
    // R: s <- 0.5 * c(1, 6) + c(1, 7); sqrt(0.8 * (1.25 + t(s) %*% solve(crossprod(cbind(1, 1:5))) %*% s)) * qt(0.975, 3)
    const rest = predictTrendSeason(model, [1, 2], [0.5, 1]);
    expect(rest.point).toBeCloseTo(9.3, 12);
    expect(rest.lower_95!).toBeCloseTo(3.112617212655045, 9);
    expect(rest.upper_95!).toBeCloseTo(15.487382787344956, 9);
    // weights of 1 are the plain sum
    expect(predictTrendSeason(model, [1, 2], [1, 1])).toEqual(predictTrendSeason(model, [1, 2]));
    // multiplicative: each month's point and bounds times its weight
    const log = fitTrendSeason(SERIES, 3, "multiplicative")!;
    const [first, second] = [1, 2].map((step) => predictTrendSeason(log, [step]));
    const weighted = predictTrendSeason(log, [1, 2], [0.25, 1]);
    expect(weighted.point).toBeCloseTo(0.25 * first.point + second.point, 9);
    expect(weighted.upper_80!).toBeCloseTo(0.25 * first.upper_80! + second.upper_80!, 9);
    expect(() => predictTrendSeason(model, [1, 2], [0.5])).toThrow(
      "predictTrendSeason requires one weight ≥ 0 per step"
    );
  });

  it("back-transforms the multiplicative form: median and exact quantiles", () => {
    // R: lfit <- lm(log(y) ~ t + month); exp(predict(lfit, new[1, ], interval = "prediction", level = 0.8 / 0.95))
    const model = fitTrendSeason(SERIES, 3, "multiplicative")!;
    expectPrediction(predictTrendSeason(model, [1]), {
      point: 197.594547409496,
      lower_80: 186.740002789939,
      upper_80: 209.080028824263,
      lower_95: 180.514912310758,
      upper_95: 216.290192683636
    });
    // a sum of months adds the monthly bounds (conservative)
    const months = [1, 2, 3].map((step) => predictTrendSeason(model, [step]));
    const quarter = predictTrendSeason(model, [1, 2, 3]);
    expect(quarter.point).toBeCloseTo(
      months.reduce((sum, m) => sum + m.point, 0),
      9
    );
    expect(quarter.upper_95!).toBeCloseTo(
      months.reduce((sum, m) => sum + m.upper_95!, 0),
      9
    );
  });

  it("returns no model for fewer than 3 months or a multiplicative form over a month without revenue", () => {
    expect(fitTrendSeason([1, 2], 1, "additive")).toBeNull();
    expect(fitTrendSeason([5, 0, 7, 8], 1, "multiplicative")).toBeNull();
    expect(fitTrendSeason([5, 0, 7, 8], 1, "additive")).not.toBeNull();
  });

  it("uses month terms from 24 months of history on, not before", () => {
    expect(fitTrendSeason(SERIES.slice(0, 23), 3, "additive")!.has_month_terms).toBe(false);
    expect(fitTrendSeason(SERIES.slice(0, 24), 3, "additive")!.has_month_terms).toBe(true);
  });

  it("gives no interval without a residual degree of freedom", () => {
    // three points on a line fit exactly but leave one df: s² = 0, a zero-width interval
    const exact = predictTrendSeason(fitTrendSeason([1, 3, 5], 1, "additive")!, [1]);
    expect(exact.point).toBeCloseTo(7, 12);
    expect(exact.upper_95! - exact.lower_95!).toBeCloseTo(0, 9);
    expect(() => predictTrendSeason(fitTrendSeason([1, 3, 5], 1, "additive")!, [0])).toThrow(
      "predictTrendSeason requires steps ≥ 1"
    );
  });
});
