/**
 * Solves A x = b for a symmetric positive-definite A (size × size, row-major) by Cholesky decomposition,
 * A = L Lᵀ, then two triangular solves. The Newton step of the logistic regression is such a system (its
 * Hessian plus the L2 penalty is positive definite). Cost: O(size³).
 *
 * @example
 * solveSymmetric(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2); // [0.5, 0]
 */
export function solveSymmetric(matrix: Float64Array, rhs: Float64Array, size: number): Float64Array {
  const l = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * size + j];
      for (let k = 0; k < j; k++) sum -= l[i * size + k] * l[j * size + k];
      if (i === j) {
        if (!(sum > 0)) throw new RangeError("solveSymmetric requires a positive-definite matrix");
        l[i * size + i] = Math.sqrt(sum);
      } else {
        l[i * size + j] = sum / l[j * size + j];
      }
    }
  }
  const z = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let sum = rhs[i];
    for (let k = 0; k < i; k++) sum -= l[i * size + k] * z[k];
    z[i] = sum / l[i * size + i];
  }
  const x = new Float64Array(size);
  for (let i = size - 1; i >= 0; i--) {
    let sum = z[i];
    for (let k = i + 1; k < size; k++) sum -= l[k * size + i] * x[k];
    x[i] = sum / l[i * size + i];
  }
  return x;
}
