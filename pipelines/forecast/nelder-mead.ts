/**
 * Minimises f over Rⁿ by the Nelder–Mead simplex method (Nelder & Mead 1965; the coefficients of Lagarias et
 * al. 1998: reflection 1, expansion 2, contraction ½, shrink ½). Derivative-free, so it suits a sum of squared
 * one-step errors that a smoothing model's recursions produce. Deterministic: the simplex starts at `start`
 * and `start` with each coordinate moved by `step`.
 *
 * Input: the function, a start point, the initial step and an iteration cap. Output: the best point found and
 * its value. Cost: about n + 2 evaluations per iteration.
 *
 * @example
 * nelderMead(([x, y]) => (x - 1) ** 2 + (y + 2) ** 2, [0, 0]).point; // ≈ [1, −2]
 */
export function nelderMead(
  f: (x: number[]) => number,
  start: readonly number[],
  options: {step?: number; maxIterations?: number; tolerance?: number} = {}
): {point: number[]; value: number} {
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 400;
  const tolerance = options.tolerance ?? 1e-8;
  const n = start.length;
  const evaluate = (x: number[]) => {
    const value = f(x);
    return {x, value: Number.isFinite(value) ? value : Infinity};
  };
  let simplex = [evaluate([...start])];
  for (let i = 0; i < n; i++) simplex.push(evaluate(start.map((v, j) => (j === i ? v + step : v))));
  const along = (a: number[], b: number[], t: number) => a.map((v, j) => v + t * (b[j] - v));
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0];
    const worst = simplex[n];
    if (Math.abs(worst.value - best.value) <= tolerance * (Math.abs(best.value) + tolerance)) break;
    const centroid = Array.from({length: n}, (_, j) => simplex.slice(0, n).reduce((s, p) => s + p.x[j], 0) / n);
    const reflected = evaluate(along(centroid, worst.x, -1));
    if (reflected.value < best.value) {
      const expanded = evaluate(along(centroid, worst.x, -2));
      simplex[n] = expanded.value < reflected.value ? expanded : reflected;
    } else if (reflected.value < simplex[n - 1].value) simplex[n] = reflected;
    else {
      const outside = reflected.value < worst.value;
      const contracted = evaluate(along(centroid, outside ? reflected.x : worst.x, 0.5));
      if (contracted.value < (outside ? reflected.value : worst.value)) simplex[n] = contracted;
      else simplex = simplex.map((p, i) => (i === 0 ? p : evaluate(along(best.x, p.x, 0.5))));
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return {point: simplex[0].x, value: simplex[0].value};
}
