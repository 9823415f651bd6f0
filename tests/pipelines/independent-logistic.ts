import type {Design} from "../../pipelines/scoring/logistic-regression.ts";

/** The design as dense rows: numeric columns, then a 0/1 column per level of each category. */
function dense(design: Design): number[][] {
  return Array.from({length: design.rows}, (_, i) => [
    ...design.numeric.map((column) => column[i]),
    ...design.categorical.flatMap((column, c) =>
      Array.from({length: design.levels[c]}, (_, l) => (column[i] === l ? 1 : 0))
    )
  ]);
}

/** Solves A x = b by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i][k]) > Math.abs(m[pivot][k])) pivot = i;
    [m[k], m[pivot]] = [m[pivot], m[k]];
    for (let i = k + 1; i < n; i++) {
      const f = m[i][k] / m[k][k];
      for (let j = k; j <= n; j++) m[i][j] -= f * m[k][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = m[i][n];
    for (let j = i + 1; j < n; j++) sum -= m[i][j] * x[j];
    x[i] = sum / m[i][i];
  }
  return x;
}

/**
 * A plain, independent L2 logistic regression — dense one-hot columns standardised with the training mean
 * and population sd, unpenalised intercept, penalty λ/2 Σβ², fitted by textbook IRLS (no step halving, no
 * warm start) — and the AUC of its test predictions by counting won-over-lost pairs (ties one half).
 */
export function independentLogisticAuc(
  train: Design,
  yTrain: Float64Array,
  test: Design,
  yTest: Float64Array,
  lambda: number
): number {
  const x = dense(train);
  const p = x[0].length;
  const mean = Array.from({length: p}, (_, j) => x.reduce((s, row) => s + row[j], 0) / x.length);
  const sd = mean.map((m, j) => Math.sqrt(x.reduce((s, row) => s + (row[j] - m) ** 2, 0) / x.length) || 1);
  const z = (rows: number[][]) => rows.map((row) => [1, ...row.map((v, j) => (v - mean[j]) / sd[j])]);
  const zTrain = z(x);
  let beta = new Array<number>(p + 1).fill(0);
  for (let iteration = 0; iteration < 100; iteration++) {
    const hessian = Array.from({length: p + 1}, (_, a) =>
      Array.from({length: p + 1}, (_, b) => (a === b && a > 0 ? lambda : 0))
    );
    const gradient = beta.map((b, j) => (j > 0 ? lambda * b : 0));
    zTrain.forEach((row, i) => {
      const eta = row.reduce((s, v, j) => s + v * beta[j], 0);
      const prob = 1 / (1 + Math.exp(-eta));
      const w = prob * (1 - prob);
      for (let a = 0; a <= p; a++) {
        gradient[a] += (prob - yTrain[i]) * row[a];
        for (let b = 0; b <= p; b++) hessian[a][b] += w * row[a] * row[b];
      }
    });
    const step = solve(hessian, gradient);
    beta = beta.map((b, j) => b - step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  const predicted = z(dense(test)).map((row) => row.reduce((s, v, j) => s + v * beta[j], 0));
  let pairs = 0;
  let won = 0;
  let lost = 0;
  predicted.forEach((score, i) => {
    if (yTest[i] !== 1) return;
    won++;
    predicted.forEach((other, k) => {
      if (yTest[k] === 1) return;
      pairs += score > other ? 1 : score === other ? 0.5 : 0;
    });
  });
  for (const y of yTest) if (y === 0) lost++;
  return pairs / (won * lost);
}
