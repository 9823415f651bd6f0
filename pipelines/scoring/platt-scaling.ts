import {sigmoid} from "./logistic-regression.ts";

/** A Platt calibration: calibrated = sigmoid(slope × logit(p) + intercept). */
export interface PlattScaling {
  slope: number;
  intercept: number;
}

/** Probabilities are clipped to [ε, 1 − ε] before the logit, so a certain 0 or 1 keeps a finite log-odds. */
const EPSILON = 1e-12;

export function logit(p: number): number {
  const q = Math.min(1 - EPSILON, Math.max(EPSILON, p));
  return Math.log(q / (1 - q));
}

/**
 * Platt scaling (Platt 1999, "Probabilistic outputs for support vector machines"): a one-feature logistic
 * regression of the outcome on the score's log-odds, fitted on data the score was not trained on (the
 * validation part). The targets are Platt's smoothed ones — (N₊ + 1)/(N₊ + 2) for a won row, 1/(N₋ + 2)
 * for a lost one — so the fit stays finite when the score separates the classes; scikit-learn's
 * `CalibratedClassifierCV(method="sigmoid")` fits the same. Newton's method on (slope, intercept), steps
 * halved while the loss does not fall.
 *
 * Why it matters: a model trained with a penalty, or on cut-offs whose mix differs from today's, ranks
 * well but says 70 % where 55 % happen; two numbers fitted on held-out deals put it back on the scale the
 * weighted pipeline multiplies by, without changing the order of the scores.
 *
 * @example
 * // four rows at log-odds −1 (one won), four at +1 (three won): targets 5/6 and 1/6 give group means 1/3 and 2/3
 * fitPlatt({predicted: [a, a, a, a, b, b, b, b], actual: [1, 0, 0, 0, 1, 1, 1, 0]}); // {slope: ln 2, intercept: 0}
 */
export function fitPlatt({predicted, actual}: {predicted: ArrayLike<number>; actual: ArrayLike<number>}): PlattScaling {
  const n = predicted.length;
  if (n !== actual.length) throw new RangeError("fitPlatt requires one outcome per prediction");
  let won = 0;
  for (let i = 0; i < n; i++) won += actual[i];
  const high = (won + 1) / (won + 2);
  const low = 1 / (n - won + 2);
  const x = Float64Array.from({length: n}, (_, i) => logit(predicted[i]));
  const t = Float64Array.from({length: n}, (_, i) => (actual[i] === 1 ? high : low));
  const loss = (a: number, b: number) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const eta = a * x[i] + b;
      sum += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - t[i] * eta;
    }
    return sum;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let gA = 0;
    let gB = 0;
    let hAA = 0;
    let hAB = 0;
    let hBB = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(a * x[i] + b);
      const w = p * (1 - p);
      gA += (p - t[i]) * x[i];
      gB += p - t[i];
      hAA += w * x[i] * x[i];
      hAB += w * x[i];
      hBB += w;
    }
    const det = hAA * hBB - hAB * hAB;
    if (!(Math.abs(det) > 1e-300)) break;
    const stepA = (hBB * gA - hAB * gB) / det;
    const stepB = (hAA * gB - hAB * gA) / det;
    let scale = 1;
    let moved = false;
    for (let halving = 0; halving < 40; halving++) {
      const next = loss(a - scale * stepA, b - scale * stepB);
      if (next <= current) {
        a -= scale * stepA;
        b -= scale * stepB;
        current = next;
        moved = true;
        break;
      }
      scale /= 2;
    }
    if (!moved || Math.max(Math.abs(scale * stepA), Math.abs(scale * stepB)) < 1e-12) break;
  }
  return {slope: a, intercept: b};
}

export function applyPlatt(platt: PlattScaling, p: number): number {
  return sigmoid(platt.slope * logit(p) + platt.intercept);
}
