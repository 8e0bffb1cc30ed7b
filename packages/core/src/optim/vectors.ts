// Small dense-vector helpers shared by the optimisers (tight loops over Float64Array).

/** An objective: returns f(x) and writes ∇f(x) into `grad`. */
export type ObjectiveFn = (x: Float64Array, grad: Float64Array) => number;

/** Σ aᵢbᵢ. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** maxᵢ |aᵢ| (0 for an empty vector). */
export function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    if (v > m) m = v;
  }
  return m;
}
