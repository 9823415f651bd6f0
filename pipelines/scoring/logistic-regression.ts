import {solveSymmetric} from "./solve-symmetric.ts";

/**
 * A design matrix kept compact: dense numeric columns and categorical columns given as one level index per
 * row (one-hot encoded implicitly: level l of categorical c is the column `1[row's level = l]`). A million
 * rows with 8 numbers and 8 categories take ~100 MB instead of the gigabytes a dense one-hot matrix would.
 */
export interface Design {
  rows: number;
  numeric: Float64Array[];
  /** per categorical column, the level index 0 … levels − 1 of each row */
  categorical: Int32Array[];
  /** per categorical column, its number of levels */
  levels: number[];
}

/** A fitted model; coefficients are on the standardised scale, in column order (numeric, then each level). */
export interface LogisticModel {
  /** log-odds of an opportunity whose every standardised feature is 0 (the training mean) */
  intercept: number;
  coefficients: Float64Array;
  /** training mean and population standard deviation of each column (a level's: its share and √(share(1 − share))) */
  means: Float64Array;
  scales: Float64Array;
  lambda: number;
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  /** L2 penalty λ on the standardised coefficients (not the intercept); scikit-learn's C = 1 / λ */
  lambda?: number;
  maxIterations?: number;
  /** stop when no parameter moves by more than this in an iteration */
  tolerance?: number;
  /** start a large fit from a subsample's fit (default true; see warmStart) */
  warmStart?: boolean;
}

/** Number of columns of a design: the numeric ones plus one per level of each categorical one. */
export function designColumns(design: Design): number {
  return design.numeric.length + design.levels.reduce((sum, n) => sum + n, 0);
}

/**
 * L2-regularised logistic regression on standardised features, fitted by Newton's method (iteratively
 * reweighted least squares). It minimises
 *
 *   −Σᵢ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] + (λ/2) Σⱼ βⱼ²,   pᵢ = 1 / (1 + exp(−(β₀ + Σⱼ βⱼ x̃ᵢⱼ)))
 *
 * where x̃ᵢⱼ = (xᵢⱼ − meanⱼ) / sdⱼ is each column standardised with its training mean and population
 * standard deviation, one-hot level columns included; the intercept β₀ is not penalised. That is the
 * objective of scikit-learn's `LogisticRegression(C = 1/λ)` after `StandardScaler()`. Standardising puts
 * every feature's penalty on the same footing (a coefficient per standard deviation); the penalty keeps
 * the fit finite on separable data and with collinear one-hot columns (all levels are kept, none is
 * dropped as reference), and shrinks rare levels towards the average.
 *
 * The one-hot columns are never materialised: the Gram matrix Σ wᵢ xᵢ xᵢᵀ is accumulated over the raw
 * 0/1 entries (k² updates per row for k non-zero entries) and centred and scaled afterwards, so a
 * million rows take about a second per iteration. Newton steps are halved while they fail to lower the
 * objective; above 200 000 rows Newton starts from the fit on an evenly spaced subsample (warmStart).
 * Deterministic: no random start, sums in row order.
 *
 * Why it matters: the score of each opportunity is this model's probability, and the coefficients are
 * what the "reasons" of a score report. Cost: O(n k² + p³) per iteration, p = number of columns.
 *
 * @example
 * const design = {rows: 4, numeric: [Float64Array.from([1, 2, 3, 4])], categorical: [], levels: []};
 * const model = fitLogisticRegression(design, Float64Array.from([0, 1, 0, 1]), {lambda: 1});
 * predictLogistic(model, design); // probabilities, one per row
 */
export function fitLogisticRegression(design: Design, y: Float64Array, options: LogisticOptions = {}): LogisticModel {
  const {lambda = 1, maxIterations = 50, tolerance = 1e-9} = options;
  if (!(lambda > 0)) throw new RangeError(`fitLogisticRegression requires a positive lambda, got ${lambda}`);
  if (y.length !== design.rows) throw new RangeError("fitLogisticRegression requires one outcome per row");
  if (design.rows === 0) throw new RangeError("fitLogisticRegression requires at least one row");
  const p = designColumns(design);
  const {means, scales} = standardisation(design);
  const start = options.warmStart === false ? null : warmStart(design, y, lambda, maxIterations);
  const beta = start?.coefficients.slice() ?? new Float64Array(p);
  const meanY = y.reduce((sum, v) => sum + v, 0) / design.rows;
  let intercept = start?.intercept ?? Math.log(Math.max(meanY, 1e-6) / Math.max(1 - meanY, 1e-6));
  let eta = linearPredictor(design, intercept, beta, means, scales);
  let objective = penalisedLoss(eta, y, beta, lambda);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const {hessian, gradient} = newtonSystem(design, y, eta, beta, means, scales, lambda);
    const step = solveSymmetric(hessian, gradient, p + 1);
    let scale = 1;
    for (let halving = 0; halving < 30; halving++) {
      const nextIntercept = intercept - scale * step[0];
      const nextBeta = beta.map((b, j) => b - scale * step[j + 1]);
      const nextEta = linearPredictor(design, nextIntercept, nextBeta, means, scales);
      const next = penalisedLoss(nextEta, y, nextBeta, lambda);
      if (next <= objective + 1e-12 * Math.abs(objective)) {
        intercept = nextIntercept;
        beta.set(nextBeta);
        eta = nextEta;
        objective = next;
        break;
      }
      scale /= 2;
    }
    converged = step.every((s) => Math.abs(s * scale) < tolerance);
  }
  return {intercept, coefficients: beta, means, scales, lambda, iterations, converged};
}

/** Above this many rows, Newton starts from a fit on an evenly spaced subsample of about WARM_START_SAMPLE rows. */
const WARM_START_ROWS = 200_000;
const WARM_START_SAMPLE = 100_000;

/**
 * A starting point for a large fit: the fit on every k-th row (λ / k, so the penalty weighs as much against
 * the smaller sample). Newton then needs two or three iterations on all rows instead of six; the result
 * is the same optimum (the stopping rule is unchanged), and the sample is fixed, so it stays deterministic.
 */
function warmStart(design: Design, y: Float64Array, lambda: number, maxIterations: number): LogisticModel | null {
  if (design.rows <= WARM_START_ROWS) return null;
  const k = Math.ceil(design.rows / WARM_START_SAMPLE);
  const rows = Math.ceil(design.rows / k);
  const pick = <T extends Float64Array | Int32Array>(column: T): T => {
    const out = new (column.constructor as new (n: number) => T)(rows);
    for (let r = 0; r < rows; r++) out[r] = column[r * k];
    return out;
  };
  const sample: Design = {
    rows,
    numeric: design.numeric.map(pick),
    categorical: design.categorical.map(pick),
    levels: design.levels
  };
  return fitLogisticRegression(sample, pick(y), {lambda: lambda / k, maxIterations, tolerance: 1e-6});
}

/** The model's win probability for each row of a design encoded like the training one. */
export function predictLogistic(model: LogisticModel, design: Design): Float64Array {
  const eta = linearPredictor(design, model.intercept, model.coefficients, model.means, model.scales);
  return eta.map(sigmoid);
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

function standardisation(design: Design): {means: Float64Array; scales: Float64Array} {
  const p = designColumns(design);
  const means = new Float64Array(p);
  const scales = new Float64Array(p);
  const n = design.rows;
  design.numeric.forEach((column, j) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += column[i];
    const mean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (column[i] - mean) ** 2;
    means[j] = mean;
    // a constant column's spread is rounding error: dividing by it would swamp the Hessian with noise
    const scale = Math.sqrt(squares / n);
    scales[j] = scale > 1e-9 * Math.max(1, Math.abs(mean)) ? scale : 0;
  });
  let offset = design.numeric.length;
  design.categorical.forEach((column, c) => {
    const counts = new Float64Array(design.levels[c]);
    for (let i = 0; i < n; i++) counts[column[i]]++;
    counts.forEach((count, l) => {
      const share = count / n;
      means[offset + l] = share;
      scales[offset + l] = Math.sqrt(share * (1 - share));
    });
    offset += design.levels[c];
  });
  // a constant column standardises to 0 whatever its scale; 1 avoids dividing by 0
  for (let j = 0; j < p; j++) if (!(scales[j] > 0)) scales[j] = 1;
  return {means, scales};
}

/** η = β₀ + Σ βⱼ (xⱼ − meanⱼ)/sdⱼ for every row, computed from the raw entries. */
function linearPredictor(
  design: Design,
  intercept: number,
  beta: Float64Array,
  means: Float64Array,
  scales: Float64Array
): Float64Array {
  const raw = beta.map((b, j) => b / scales[j]);
  let constant = intercept;
  for (let j = 0; j < beta.length; j++) constant -= raw[j] * means[j];
  const eta = new Float64Array(design.rows).fill(constant);
  design.numeric.forEach((column, j) => {
    const b = raw[j];
    for (let i = 0; i < design.rows; i++) eta[i] += b * column[i];
  });
  let offset = design.numeric.length;
  design.categorical.forEach((column, c) => {
    for (let i = 0; i < design.rows; i++) eta[i] += raw[offset + column[i]];
    offset += design.levels[c];
  });
  return eta;
}

/** The penalised loss at linear predictors `eta` (from linearPredictor) and coefficients `beta`. */
function penalisedLoss(eta: Float64Array, y: Float64Array, beta: Float64Array, lambda: number): number {
  let loss = 0;
  // −log-likelihood written stably: log(1 + e^η) − yη
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i];
    loss += (e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e))) - y[i] * e;
  }
  let penalty = 0;
  for (const b of beta) penalty += b * b;
  return loss + (lambda / 2) * penalty;
}

/**
 * The Newton system in the parameters (β₀, β): Hessian Zᵀ W Z + λ I (no penalty on β₀) and gradient
 * Zᵀ (p − y) + λ β of the penalised loss at the linear predictors `eta`, Z the standardised design with a
 * leading column of ones.
 */
function newtonSystem(
  design: Design,
  y: Float64Array,
  eta: Float64Array,
  beta: Float64Array,
  means: Float64Array,
  scales: Float64Array,
  lambda: number
): {hessian: Float64Array; gradient: Float64Array} {
  const p = beta.length;
  const n = design.rows;
  const q = design.numeric.length;
  const weight = new Float64Array(n);
  const residual = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const probability = sigmoid(eta[i]);
    weight[i] = probability * (1 - probability);
    residual[i] = probability - y[i];
  }
  // raw sums: S0 = Σ w, S1 = Σ w x, S2 = Σ w x xᵀ, G0 = Σ r, G1 = Σ r x
  const s1 = new Float64Array(p);
  const s2 = new Float64Array(p * p);
  const g1 = new Float64Array(p);
  let s0 = 0;
  let g0 = 0;
  const offsets: number[] = [];
  let offset = q;
  for (const levels of design.levels) {
    offsets.push(offset);
    offset += levels;
  }
  const c = design.categorical.length;
  for (let i = 0; i < n; i++) {
    s0 += weight[i];
    g0 += residual[i];
  }
  // one tight pass per pair of columns: numeric × numeric sums, numeric × level and level × level scatters
  const weighted = new Float64Array(n);
  for (let a = 0; a < q; a++) {
    const xa = design.numeric[a];
    for (let i = 0; i < n; i++) weighted[i] = weight[i] * xa[i];
    let sum = 0;
    let gradient = 0;
    for (let i = 0; i < n; i++) {
      sum += weighted[i];
      gradient += residual[i] * xa[i];
    }
    s1[a] = sum;
    g1[a] = gradient;
    for (let b = a; b < q; b++) {
      const xb = design.numeric[b];
      let cross = 0;
      for (let i = 0; i < n; i++) cross += weighted[i] * xb[i];
      s2[a * p + b] = cross;
    }
    for (let b = 0; b < c; b++) {
      const levels = design.categorical[b];
      const row = a * p + offsets[b];
      for (let i = 0; i < n; i++) s2[row + levels[i]] += weighted[i];
    }
  }
  for (let a = 0; a < c; a++) {
    const la = design.categorical[a];
    const oa = offsets[a];
    for (let i = 0; i < n; i++) {
      s1[oa + la[i]] += weight[i];
      g1[oa + la[i]] += residual[i];
    }
    for (let b = a; b < c; b++) {
      const lb = design.categorical[b];
      const ob = offsets[b];
      // levels of a later column have higher indices, so each lands in the upper triangle
      for (let i = 0; i < n; i++) s2[(oa + la[i]) * p + ob + lb[i]] += weight[i];
    }
  }
  // the loop filled one triangle per pair of entries; mirror so that s2 is symmetric
  for (let a = 0; a < p; a++)
    for (let b = a + 1; b < p; b++) {
      const sum = s2[a * p + b] + s2[b * p + a];
      s2[a * p + b] = sum;
      s2[b * p + a] = sum;
    }
  const size = p + 1;
  const hessian = new Float64Array(size * size);
  const gradient = new Float64Array(size);
  hessian[0] = s0;
  gradient[0] = g0;
  for (let a = 0; a < p; a++) {
    const za = (s1[a] - means[a] * s0) / scales[a];
    hessian[(a + 1) * size] = za;
    hessian[a + 1] = za;
    gradient[a + 1] = (g1[a] - means[a] * g0) / scales[a] + lambda * beta[a];
    for (let b = 0; b < p; b++) {
      const centred = s2[a * p + b] - means[a] * s1[b] - means[b] * s1[a] + means[a] * means[b] * s0;
      hessian[(a + 1) * size + b + 1] = centred / (scales[a] * scales[b]) + (a === b ? lambda : 0);
    }
  }
  return {hessian, gradient};
}
