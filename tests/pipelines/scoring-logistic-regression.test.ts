import {describe, expect, it} from "vitest";
import {fitLogisticRegression, predictLogistic, type Design} from "../../pipelines/scoring/logistic-regression.ts";
import {solveSymmetric} from "../../pipelines/scoring/solve-symmetric.ts";

// sixteen rows: two numeric features and a three-level category; classes overlap (not separable)
const X1 = [0.5, 1.2, 2.3, 3.1, 0.8, 2.9, 4.0, 1.7, 3.6, 2.2, 0.3, 4.4, 1.1, 3.3, 2.7, 0.9];
const X2 = [10, 12, 9, 14, 11, 8, 13, 15, 9, 10, 12, 11, 14, 8, 13, 10];
const G = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0];
const Y = Float64Array.from([0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0]);

const design = (categories = true): Design => ({
  rows: 16,
  numeric: [Float64Array.from(X1), Float64Array.from(X2)],
  categorical: categories ? [Int32Array.from(G)] : [],
  levels: categories ? [3] : []
});

describe("fitLogisticRegression(design, y, {lambda})", () => {
  it("matches scikit-learn's LogisticRegression(C = 1/λ) on standardised one-hot features", () => {
    // Python (scikit-learn 1.9.1):
    //   X = np.column_stack([x1, x2, np.eye(3)[g]]); Z = StandardScaler().fit_transform(X)
    //   LogisticRegression(C=1.0, tol=1e-12, max_iter=10000).fit(Z, y)
    //   intercept_ -0.023208396595938142, coef_ [1.2195270810371734, -0.18698726683762273,
    //   0.13825840465966274, -0.3267789049740658, 0.18237271097809538]
    const model = fitLogisticRegression(design(), Y, {lambda: 1});
    expect(model.converged).toBe(true);
    expect(model.intercept).toBeCloseTo(-0.023208396595938142, 7);
    const expected = [
      1.2195270810371734, -0.18698726683762273, 0.13825840465966274, -0.3267789049740658, 0.18237271097809538
    ];
    expected.forEach((value, j) => expect(model.coefficients[j]).toBeCloseTo(value, 7));
    // C = 0.1 (λ = 10): intercept_ -8.760952795283203e-05, coef_ [0.37014482492788514, -0.08325412429624385,
    //   0.017191517722574986, -0.17035380529209326, 0.15239785064729308]
    const strong = fitLogisticRegression(design(), Y, {lambda: 10});
    expect(strong.intercept).toBeCloseTo(-8.760952795283203e-5, 7);
    [
      0.37014482492788514, -0.08325412429624385, 0.017191517722574986, -0.17035380529209326, 0.15239785064729308
    ].forEach((value, j) => expect(strong.coefficients[j]).toBeCloseTo(value, 7));
  });

  it("tends to R's unpenalised glm as λ → 0", () => {
    // R: glm(y ~ x1 + x2, family = binomial) → (Intercept) -2.66097240666171, x1 1.756965427677498,
    //   x2 -0.102948159316905; on the standardised scale (× population sd; intercept + Σ β·mean):
    //   0.0306569340249436, 2.2144691814358533, -0.2190485190288036
    const model = fitLogisticRegression(design(false), Y, {lambda: 1e-9});
    expect(model.intercept).toBeCloseTo(0.0306569340249436, 6);
    expect(model.coefficients[0]).toBeCloseTo(2.2144691814358533, 6);
    expect(model.coefficients[1]).toBeCloseTo(-0.2190485190288036, 6);
  });

  it("keeps the coefficients finite on separable data", () => {
    // x = 1 … 8, y = 0 0 0 0 1 1 1 1: unpenalised, the slope would run off to infinity.
    // scikit-learn: LogisticRegression(C=1) on StandardScaler(x) → intercept 0, coef 1.335650586558451;
    //   C=100 → coef 7.716585720978532
    const separable: Design = {
      rows: 8,
      numeric: [Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8])],
      categorical: [],
      levels: []
    };
    const y = Float64Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const model = fitLogisticRegression(separable, y, {lambda: 1});
    expect(model.intercept).toBeCloseTo(0, 9);
    expect(model.coefficients[0]).toBeCloseTo(1.335650586558451, 7);
    expect(fitLogisticRegression(separable, y, {lambda: 0.01}).coefficients[0]).toBeCloseTo(7.716585720978532, 6);
  });

  it("fits a column that is the same in every row as if it were not there", () => {
    // 0.1 summed 835 times is not 83.5 in floating point: the column's spread comes out near 1e-17, not 0
    const n = 835;
    const x = Float64Array.from({length: n}, (_, i) => (i % 7) - 3);
    const y = Float64Array.from({length: n}, (_, i) => ((i * 5) % 11 < 5 + (i % 7) - 3 ? 1 : 0));
    const constant = new Float64Array(n).fill(0.1);
    const alone = fitLogisticRegression({rows: n, numeric: [x], categorical: [], levels: []}, y, {lambda: 1});
    const withConstant = fitLogisticRegression({rows: n, numeric: [x, constant], categorical: [], levels: []}, y, {
      lambda: 1
    });
    expect(withConstant.intercept).toBeCloseTo(alone.intercept, 9);
    expect(withConstant.coefficients[0]).toBeCloseTo(alone.coefficients[0], 9);
    expect(withConstant.coefficients[1]).toBeCloseTo(0, 9);
  });

  it("is deterministic: the same rows give bit-identical coefficients and probabilities", () => {
    const a = fitLogisticRegression(design(), Y, {lambda: 1});
    const b = fitLogisticRegression(design(), Y, {lambda: 1});
    expect([...b.coefficients]).toEqual([...a.coefficients]);
    expect([...predictLogistic(b, design())]).toEqual([...predictLogistic(a, design())]);
  });

  it("reaches the same optimum from the warm start it uses above 200 000 rows", () => {
    // 250 000 rows from a fixed linear congruential generator: two numbers and a four-level category
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const rows = 250_000;
    const a = Float64Array.from({length: rows}, () => next() * 4 - 2);
    const b = Float64Array.from({length: rows}, () => next());
    const g = Int32Array.from({length: rows}, () => Math.floor(next() * 4));
    const y = Float64Array.from({length: rows}, (_, i) =>
      next() < 1 / (1 + Math.exp(-(a[i] - b[i] + 0.3 * g[i] - 0.5))) ? 1 : 0
    );
    const big: Design = {rows, numeric: [a, b], categorical: [g], levels: [4]};
    const warm = fitLogisticRegression(big, y, {lambda: 1});
    const cold = fitLogisticRegression(big, y, {lambda: 1, warmStart: false});
    expect(warm.iterations).toBeLessThan(cold.iterations);
    expect(warm.intercept).toBeCloseTo(cold.intercept, 9);
    cold.coefficients.forEach((value, j) => expect(warm.coefficients[j]).toBeCloseTo(value, 9));
  });

  it("predicts each row's probability from the standardised linear predictor", () => {
    const model = fitLogisticRegression(design(false), Y, {lambda: 1});
    const [p0] = predictLogistic(model, design(false));
    const z1 = (X1[0] - model.means[0]) / model.scales[0];
    const z2 = (X2[0] - model.means[1]) / model.scales[1];
    const eta = model.intercept + model.coefficients[0] * z1 + model.coefficients[1] * z2;
    expect(p0).toBeCloseTo(1 / (1 + Math.exp(-eta)), 12);
  });

  it("rejects a non-positive λ and mismatched outcomes", () => {
    expect(() => fitLogisticRegression(design(), Y, {lambda: 0})).toThrow(
      "fitLogisticRegression requires a positive lambda, got 0"
    );
    expect(() => fitLogisticRegression(design(), Y.subarray(1))).toThrow(
      "fitLogisticRegression requires one outcome per row"
    );
  });
});

describe("solveSymmetric(matrix, rhs, size)", () => {
  it("solves a positive-definite system", () => {
    // [[4, 2], [2, 3]] x = [2, 1] → x = [0.5, 0] (4·0.5 + 2·0 = 2, 2·0.5 + 3·0 = 1)
    expect([...solveSymmetric(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2)]).toEqual([0.5, 0]);
  });
});
