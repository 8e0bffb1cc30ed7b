// Greedy ensemble selection with replacement (Caruana et al., 2004): repeatedly add the member
// whose inclusion most lowers the loss of the averaged out-of-fold predictions.

/**
 * Weights (summing to 1) over `predictions` (each a flat array of equal length) chosen by
 * `iterations` greedy steps minimising `loss` of their average. Ties keep the earlier member.
 */
export function caruanaWeights(
  predictions: readonly Float64Array[],
  loss: (averaged: Float64Array) => number,
  iterations: number,
): Float64Array {
  const m = predictions.length;
  const len = predictions[0]!.length;
  const counts = new Float64Array(m);
  const sum = new Float64Array(len);
  const candidate = new Float64Array(len);
  for (let t = 0; t < iterations; t++) {
    let best = 0;
    let bestLoss = Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      const p = predictions[j]!;
      for (let i = 0; i < len; i++) candidate[i] = (sum[i]! + p[i]!) / (t + 1);
      const l = loss(candidate);
      if (l < bestLoss) {
        bestLoss = l;
        best = j;
      }
    }
    const p = predictions[best]!;
    for (let i = 0; i < len; i++) sum[i]! += p[i]!;
    counts[best]!++;
  }
  for (let j = 0; j < m; j++) counts[j]! /= iterations;
  return counts;
}

/** Mean log loss of row-major probabilities (n × k) against class codes. */
export function probaLogLoss(proba: Float64Array, codes: Int32Array, k: number): number {
  let s = 0;
  for (let i = 0; i < codes.length; i++)
    s -= Math.log(Math.min(1 - 1e-15, Math.max(1e-15, proba[i * k + codes[i]!]!)));
  return s / codes.length;
}

/** Mean squared error. */
export function squaredError(pred: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (pred[i]! - y[i]!) ** 2;
  return s / y.length;
}
