import {DuckDBInstance} from "@duckdb/node-api";
import {linearRegression} from "simple-statistics";
import {describe, expect, it} from "vitest";
import {leastSquares, leverage} from "../../../pipelines/forecast/least-squares.ts";
import {designRow} from "../../../pipelines/forecast/trend-season-regression.ts";

/** 26 months from March: trend + season + noise (the series of trend-season-regression.test.ts). */
const SERIES = [
  106, 119, 120, 130, 117, 123, 123, 127, 158, 191, 135, 107, 134, 157, 160, 171, 149, 150, 147, 157, 190, 226, 172,
  138, 182, 190
];

describe("leastSquares(x, y)", () => {
  it("fits a line on hand data", () => {
    // x = 1…5, y = 2 4 5 4 5: x̄ = 3, ȳ = 4, Sxy = (−2)(−2) + (−1)(0) + 0 + (1)(0) + (2)(1) = 6, Sxx = 10
    // slope = 0.6, intercept = 4 − 0.6·3 = 2.2; fitted 2.8 3.4 4.0 4.6 5.2, residuals −0.8 0.6 1 −0.6 −0.2
    // RSS = 0.64 + 0.36 + 1 + 0.36 + 0.04 = 2.4, df = 3, s² = 0.8
    const fit = leastSquares(
      [1, 2, 3, 4, 5].map((x) => [1, x]),
      [2, 4, 5, 4, 5]
    );
    expect(fit.coefficients[0]).toBeCloseTo(2.2, 12);
    expect(fit.coefficients[1]).toBeCloseTo(0.6, 12);
    expect(fit.residuals.map((r) => Number(r.toFixed(10)))).toEqual([-0.8, 0.6, 1, -0.6, -0.2]);
    expect(fit.rss).toBeCloseTo(2.4, 12);
    expect(fit.df).toBe(3);
    expect(fit.sigma2).toBeCloseTo(0.8, 12);
    // (X'X)⁻¹ = [[Σx², −Σx], [−Σx, n]] / (nΣx² − (Σx)²) = [[55, −15], [−15, 5]] / 50
    expect(fit.xtxInverse[0][0]).toBeCloseTo(1.1, 12);
    expect(fit.xtxInverse[0][1]).toBeCloseTo(-0.3, 12);
    expect(fit.xtxInverse[1][1]).toBeCloseTo(0.1, 12);
  });

  it("agrees with DuckDB's regr_slope / regr_intercept and simple-statistics on one predictor", async () => {
    const xs = SERIES.map((_, i) => i + 1);
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const values = SERIES.map((y, i) => `(${xs[i]}, ${y})`).join(", ");
    const reader = await connection.runAndReadAll(
      `SELECT regr_slope(y, x), regr_intercept(y, x) FROM (VALUES ${values}) v(x, y)`
    );
    const [slope, intercept] = reader.getRows()[0] as number[];
    connection.closeSync();
    instance.closeSync();
    const fit = leastSquares(
      xs.map((x) => [1, x]),
      SERIES
    );
    expect(fit.coefficients[1]).toBeCloseTo(slope, 10);
    expect(fit.coefficients[0]).toBeCloseTo(intercept, 10);
    const {m, b} = linearRegression(xs.map((x, i) => [x, SERIES[i]]));
    expect(fit.coefficients[1]).toBeCloseTo(m, 10);
    expect(fit.coefficients[0]).toBeCloseTo(b, 10);
  });

  it("matches R's lm on a trend with month terms", () => {
    // R: y <- SERIES; t <- 1:26; month <- factor(((2 + (t - 1)) %% 12) + 1, levels = 1:12)
    //    fit <- lm(y ~ t + month); coef(fit); summary(fit)$sigma^2; hatvalues(fit)[1:3]
    const x = SERIES.map((_, i) => designRow(i, 3, true));
    const fit = leastSquares(x, SERIES);
    const r = [
      104.4675925925926, 2.88425925925926, -33.88425925925927, -1.2962962962963, 10.48611111111111, 9.57407407407407,
      17.1898148148148, -3.19444444444445, -2.57870370370371, -6.96296296296296, -2.84722222222223, 26.26851851851852,
      57.88425925925926
    ];
    fit.coefficients.forEach((b, i) => expect(b).toBeCloseTo(r[i], 9));
    expect(fit.df).toBe(13);
    expect(fit.sigma2).toBeCloseTo(18.6517094017094, 9);
    expect(leverage(fit, x[0])).toBeCloseTo(0.444444444444444, 12);
    expect(leverage(fit, x[2])).toBeCloseTo(0.527777777777778, 12);
  });

  it("gives the centre of the data the smallest leverage", () => {
    // three points x = 0, 1, 2: h(x) = 1/3 + (x − 1)² / 2 → 1/3 at the centre, 1/3 + 4/2 at x = 3
    const fit = leastSquares(
      [
        [1, 0],
        [1, 1],
        [1, 2]
      ],
      [1, 3, 5]
    );
    expect(leverage(fit, [1, 1])).toBeCloseTo(1 / 3, 14);
    expect(leverage(fit, [1, 3])).toBeCloseTo(1 / 3 + 2, 14);
    expect(fit.sigma2).toBeCloseTo(0, 14);
  });

  it("refuses a design whose columns are dependent, and mismatched input", () => {
    expect(() =>
      leastSquares(
        [
          [1, 2],
          [1, 2],
          [1, 2]
        ],
        [1, 2, 3]
      )
    ).toThrow("leastSquares requires linearly independent columns");
    expect(() => leastSquares([[1, 1]], [1, 2])).toThrow("leastSquares requires as many rows as responses");
    expect(() => leastSquares([[1, 1, 1]], [1])).toThrow("leastSquares requires at least as many rows as columns");
  });

  it("leaves no degree of freedom when n = p", () => {
    const fit = leastSquares(
      [
        [1, 0],
        [1, 1]
      ],
      [3, 5]
    );
    expect(fit.coefficients.map((b) => Number(b.toFixed(12)))).toEqual([3, 2]);
    expect(fit.df).toBe(0);
    expect(fit.sigma2).toBeNaN();
  });
});
