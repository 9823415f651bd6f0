/** An ordinary least-squares fit of y on the columns of X (X includes the intercept column if wanted). */
export interface LeastSquaresFit {
  /** β̂ = (X'X)⁻¹ X'y, one per column of X */
  coefficients: number[];
  fitted: number[];
  /** y − Xβ̂ */
  residuals: number[];
  /** residual sum of squares Σ residual² */
  rss: number;
  /** residual degrees of freedom n − p */
  df: number;
  /** residual variance s² = rss / (n − p); NaN when n = p (no degrees of freedom left) */
  sigma2: number;
  /** (X'X)⁻¹, p × p: s² (X'X)⁻¹ is the covariance of β̂, and x₀'(X'X)⁻¹x₀ the leverage of a new row x₀ */
  xtxInverse: number[][];
}

/**
 * Ordinary least squares with several predictors: the β minimising Σ (y − Xβ)², from the normal equations
 * β̂ = (X'X)⁻¹ X'y, with (X'X)⁻¹ kept for the standard errors and the leverage of new rows that prediction
 * intervals need (simple-statistics' linearRegression has one predictor and no covariance).
 *
 * X'X is inverted by Gauss–Jordan elimination with partial pivoting; a design whose columns are linearly
 * dependent (a month dummy with no month in the data, two identical columns) throws rather than returning
 * an arbitrary solution. The forecast's designs are small (≤ 13 columns, a few dozen rows), so forming X'X
 * costs nothing and loses no accuracy that matters; for ill-conditioned designs a QR solver would be better.
 *
 * Input: n rows of p predictors and n responses. Output: the fit. Cost: O(n p² + p³).
 *
 * @example
 * // y = 1 + 2x exactly: intercept 1, slope 2
 * leastSquares([[1, 0], [1, 1], [1, 2]], [1, 3, 5]).coefficients; // [1, 2]
 */
export function leastSquares(x: readonly (readonly number[])[], y: readonly number[]): LeastSquaresFit {
  const n = x.length;
  if (n === 0 || n !== y.length)
    throw new RangeError(`leastSquares requires as many rows as responses, got ${n}/${y.length}`);
  const p = x[0].length;
  if (p === 0 || x.some((row) => row.length !== p))
    throw new RangeError("leastSquares requires rows of equal, non-zero length");
  if (n < p) throw new RangeError(`leastSquares requires at least as many rows as columns, got ${n} < ${p}`);
  const xtx = Array.from({length: p}, (_, i) =>
    Array.from({length: p}, (_, j) => sumOver(n, (k) => x[k][i] * x[k][j]))
  );
  const xty = Array.from({length: p}, (_, i) => sumOver(n, (k) => x[k][i] * y[k]));
  const xtxInverse = invert(xtx);
  const coefficients = xtxInverse.map((row) => row.reduce((sum, value, j) => sum + value * xty[j], 0));
  const fitted = x.map((row) => dot(row, coefficients));
  const residuals = y.map((value, i) => value - fitted[i]);
  const rss = residuals.reduce((sum, r) => sum + r * r, 0);
  const df = n - p;
  return {coefficients, fitted, residuals, rss, df, sigma2: df > 0 ? rss / df : NaN, xtxInverse};
}

/**
 * The leverage of a row x₀ — x₀'(X'X)⁻¹x₀ — how far it sits from the data the fit was made on, in units
 * the variance of a prediction scales by: Var(x₀'β̂) = σ² · leverage. For a fitted row it is the hat value
 * hᵢᵢ; for a new row (a future month) it grows with the distance from the centre of the trend.
 *
 * @example
 * leverage(leastSquares([[1, 0], [1, 1], [1, 2]], [1, 3, 5]), [1, 1]); // 1/3: the centre of three points
 */
export function leverage(fit: Pick<LeastSquaresFit, "xtxInverse">, row: readonly number[]): number {
  const m = fit.xtxInverse;
  if (row.length !== m.length) throw new RangeError(`leverage requires a row of ${m.length} values, got ${row.length}`);
  return row.reduce((sum, xi, i) => sum + xi * dot(m[i], row), 0);
}

function invert(matrix: number[][]): number[][] {
  const p = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({length: p}, (_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...matrix.map((row, i) => Math.abs(row[i])), Number.MIN_VALUE);
  for (let column = 0; column < p; column++) {
    let pivot = column;
    for (let r = column + 1; r < p; r++) if (Math.abs(a[r][column]) > Math.abs(a[pivot][column])) pivot = r;
    if (Math.abs(a[pivot][column]) <= 1e-12 * scale)
      throw new RangeError("leastSquares requires linearly independent columns (X'X is singular)");
    [a[column], a[pivot]] = [a[pivot], a[column]];
    const lead = a[column][column];
    for (let j = 0; j < 2 * p; j++) a[column][j] /= lead;
    for (let r = 0; r < p; r++) {
      if (r === column || a[r][column] === 0) continue;
      const factor = a[r][column];
      for (let j = 0; j < 2 * p; j++) a[r][j] -= factor * a[column][j];
    }
  }
  return a.map((row) => row.slice(p));
}

function sumOver(n: number, term: (k: number) => number): number {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += term(k);
  return sum;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
