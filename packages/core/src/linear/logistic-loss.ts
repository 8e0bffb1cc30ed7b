// The logistic-regression objective (binary log-loss or multinomial cross-entropy) with its
// gradient, and the decision/probability maps, as tight loops over typed arrays.
import { Float64Matrix } from '../data/index.js';
import type { ObjectiveFn } from '../optim/index.js';

/** The data term and smooth penalty of the problem, in sklearn's normalised form. */
export interface LogisticProblem {
  x: Float64Matrix;
  /** Class code per row: 0/1 for binary, 0..K-1 for multinomial. */
  y: Int32Array;
  /** Per-row weights (sample × class weights). */
  weights: Float64Array;
  /** 1 (binary, score of class 1) or K (multinomial). */
  nOut: number;
  fitIntercept: boolean;
  /** L2 strength on the normalised objective: (1 − l1Ratio)/(C·Σw). */
  l2: number;
}

/** Length of the parameter vector: nOut·d weights, then nOut intercepts when fitted. */
export function parameterCount(d: number, nOut: number, fitIntercept: boolean): number {
  return nOut * (d + (fitIntercept ? 1 : 0));
}

/**
 * f(θ) = (1/Σw)·Σ wᵢ·lossᵢ + (l2/2)·‖W‖² (intercepts unpenalised) and its gradient.
 * Binary uses y ∈ {0, 1} and the sigmoid; multinomial the softmax over nOut scores.
 */
export function logisticObjective(pr: LogisticProblem): ObjectiveFn {
  const { x, y, weights, nOut, fitIntercept, l2 } = pr;
  const { rows: n, cols: d, data } = x;
  let wSum = 0;
  for (let i = 0; i < n; i++) wSum += weights[i]!;
  const z = new Float64Array(nOut);
  const nw = nOut * d;
  return (theta, grad) => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const wi = weights[i]!;
      if (wi === 0) continue;
      const base = i * d;
      for (let k = 0; k < nOut; k++) {
        let s = fitIntercept ? theta[nw + k]! : 0;
        const row = k * d;
        for (let j = 0; j < d; j++) s += data[base + j]! * theta[row + j]!;
        z[k] = s;
      }
      const yi = y[i]!;
      if (nOut === 1) {
        const zi = z[0]!;
        const e = Math.exp(-Math.abs(zi));
        loss += wi * (Math.max(zi, 0) + Math.log1p(e) - (yi === 1 ? zi : 0));
        z[0] = wi * ((zi >= 0 ? 1 / (1 + e) : e / (1 + e)) - yi);
      } else {
        const zy = z[yi]!;
        let m = z[0]!;
        for (let k = 1; k < nOut; k++) if (z[k]! > m) m = z[k]!;
        let sum = 0;
        for (let k = 0; k < nOut; k++) {
          const e = Math.exp(z[k]! - m);
          sum += e;
          z[k] = e;
        }
        loss += wi * (m + Math.log(sum) - zy);
        for (let k = 0; k < nOut; k++) z[k] = wi * (z[k]! / sum - (k === yi ? 1 : 0));
      }
      // z now holds each output's residual weight; accumulate Xᵀ·residual.
      for (let k = 0; k < nOut; k++) {
        const r = z[k]!;
        const row = k * d;
        for (let j = 0; j < d; j++) grad[row + j]! += r * data[base + j]!;
        if (fitIntercept) grad[nw + k]! += r;
      }
    }
    let penalty = 0;
    const np = grad.length;
    for (let t = 0; t < np; t++) grad[t]! /= wSum;
    for (let t = 0; t < nw; t++) {
      const v = theta[t]!;
      penalty += v * v;
      grad[t]! += l2 * v;
    }
    return loss / wSum + 0.5 * l2 * penalty;
  };
}

/** Scores X·Wᵀ + b, one column per output. */
export function decisionScores(x: Float64Matrix, coef: Float64Array, intercept: Float64Array): Float64Matrix {
  const nOut = intercept.length;
  const { rows: n, cols: d, data } = x;
  const out = Float64Matrix.zeros(n, nOut);
  const o = out.data;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let k = 0; k < nOut; k++) {
      let s = intercept[k]!;
      const row = k * d;
      for (let j = 0; j < d; j++) s += data[base + j]! * coef[row + j]!;
      o[i * nOut + k] = s;
    }
  }
  return out;
}

/** Probabilities from scores: [1 − σ(z), σ(z)] for one column, a row-wise softmax otherwise. */
export function scoresToProba(scores: Float64Matrix): Float64Matrix {
  const { rows: n, cols: m, data } = scores;
  if (m === 1) {
    const out = Float64Matrix.zeros(n, 2);
    for (let i = 0; i < n; i++) {
      const zi = data[i]!;
      const e = Math.exp(-Math.abs(zi));
      const p = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
      out.data[2 * i] = 1 - p;
      out.data[2 * i + 1] = p;
    }
    return out;
  }
  const out = Float64Matrix.zeros(n, m);
  for (let i = 0; i < n; i++) {
    const base = i * m;
    let mx = data[base]!;
    for (let k = 1; k < m; k++) mx = Math.max(mx, data[base + k]!);
    let sum = 0;
    for (let k = 0; k < m; k++) {
      const e = Math.exp(data[base + k]! - mx);
      out.data[base + k] = e;
      sum += e;
    }
    for (let k = 0; k < m; k++) out.data[base + k]! /= sum;
  }
  return out;
}
