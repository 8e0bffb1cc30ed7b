// Boosting losses: baseline prediction, per-row gradients and hessians (weighted), the loss value
// for early stopping, and leaf-value updates for the losses whose Newton step is not exact.
import type { GrowNode } from './grower.js';

/** Per-row targets: regression values, or class codes (kept in the classifier's Int32Array). */
export type Targets = Float64Array | Int32Array;

/** A differentiable loss over raw predictions (n × nOutputs, row-major). */
export interface BoostingLoss {
  readonly name: string;
  /** Constant raw prediction per output that minimises the loss. */
  baseline(y: Targets, w: Float64Array | undefined, nOutputs: number): Float64Array;
  /**
   * Fills g and h (output-major: g[k * n + i]) from the current raw predictions. h is null when
   * the hessians are all 1 and the caller does not read them (hessianIsWeight, no weights).
   */
  gradients(
    y: Targets,
    raw: Float64Array,
    w: Float64Array | undefined,
    g: Float64Array,
    h: Float64Array | null,
  ): void;
  /** Weighted mean loss. */
  loss(y: Targets, raw: Float64Array, w: Float64Array | undefined): number;
  /** When set, leaf values are recomputed from the residuals of the leaf's rows (before the tree's update). */
  leafQuantile?: number;
  /** Whether every hessian is the row's weight (1 without weights): histograms then count instead of summing them. */
  readonly hessianIsWeight?: boolean;
  /** A WebAssembly kernel (kernels.wat) that computes `gradients` to the same bits. */
  readonly kernel?: 'logistic';
}

/** 2^k for k in [-1021, 1023], built from the exponent bits (exact, like the kernel's). */
const POW2 = (() => {
  const bits = new BigInt64Array(2045);
  for (let k = -1021; k <= 1023; k++) bits[k + 1021] = BigInt(k + 1023) << 52n;
  return new Float64Array(bits.buffer);
})();

/**
 * e^x for x clamped to [-708, 709] (within 2 ulp of Math.exp there): x = k ln 2 + r, then e^r
 * by its Taylor series to r^13. The logistic kernel in kernels.wat does the same operations in
 * the same order, so gradients are the same to the bit with or without it.
 */
export function expSeries(x: number): number {
  // The kernel's pmin/pmax: the same as Math.min/max for these constants, NaN kept.
  const c = Math.min(Math.max(x, -708), 709);
  // Rounded to nearest, ties to even, as the kernel does it (adding and subtracting 1.5 * 2^52).
  const k = c * Math.LOG2E + 6755399441055744 - 6755399441055744;
  const r = c - k * 0.6931471803691238 - k * 1.9082149292705877e-10;
  const r2 = r * r;
  const r4 = r2 * r2;
  const r8 = r4 * r4;
  const a = 1 + r + r2 * (0.5 + r * 0.16666666666666666);
  const b =
    0.041666666666666664 + r * 0.008333333333333333 + r2 * (0.001388888888888889 + r * 0.0001984126984126984);
  const cc =
    0.0000248015873015873 +
    r * 0.0000027557319223985893 +
    r2 * (2.755731922398589e-7 + r * 2.505210838544172e-8);
  const d = 2.08767569878681e-9 + r * 1.6059043836821613e-10;
  return (a + r4 * b + r8 * (cc + r4 * d)) * POW2[k + 1021]!;
}

/** Weighted q-quantile; the midpoint when the cumulative weight lands exactly on q (np.median for unit weights). */
export function weightedQuantile(values: Targets, w: Float64Array | undefined, q: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  let total = 0;
  for (let i = 0; i < n; i++) total += w ? w[i]! : 1;
  const target = q * total;
  let cum = 0;
  for (let k = 0; k < n; k++) {
    cum += w ? w[order[k]!]! : 1;
    if (cum >= target - 1e-12 * total) {
      if (Math.abs(cum - target) <= 1e-12 * total && k + 1 < n)
        return (values[order[k]!]! + values[order[k + 1]!]!) / 2;
      return values[order[k]!]!;
    }
  }
  return values[order[n - 1]!]!;
}

function weightedMean(y: Targets, w: Float64Array | undefined): number {
  let s = 0;
  let t = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    s += wi * y[i]!;
    t += wi;
  }
  return s / t;
}

function meanLoss(n: number, w: Float64Array | undefined, term: (i: number) => number): number {
  let s = 0;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    s += wi * term(i);
    t += wi;
  }
  return s / t;
}

/** The hessians of the losses whose hessian is the row's weight. */
function weightHessians(h: Float64Array, w: Float64Array | undefined): void {
  if (w) h.set(w);
  else h.fill(1);
}

/** A loss with a hessian of its own needs somewhere to write it. */
function need(h: Float64Array | null): Float64Array {
  if (h === null) throw new Error('this loss computes hessians: pass an array for them');
  return h;
}

/** Half squared error (scikit-learn's 'squared_error'). */
export const squaredError: BoostingLoss = {
  name: 'squaredError',
  hessianIsWeight: true,
  baseline: (y, w) => Float64Array.of(weightedMean(y, w)),
  gradients(y, raw, w, g, h) {
    for (let i = 0; i < y.length; i++) g[i] = (w ? w[i]! : 1) * (raw[i]! - y[i]!);
    if (h) weightHessians(h, w);
  },
  loss: (y, raw, w) => meanLoss(y.length, w, (i) => 0.5 * (y[i]! - raw[i]!) ** 2),
};

/** Pinball loss at quantile q; q = 0.5 is the absolute error (leaf values are residual quantiles). */
export function pinballLoss(q: number, name = q === 0.5 ? 'absoluteError' : 'quantile'): BoostingLoss {
  return {
    name,
    hessianIsWeight: true,
    leafQuantile: q,
    baseline: (y, w) => Float64Array.of(weightedQuantile(y, w, q)),
    gradients(y, raw, w, g, h) {
      for (let i = 0; i < y.length; i++) g[i] = (w ? w[i]! : 1) * (y[i]! > raw[i]! ? -q : 1 - q);
      if (h) weightHessians(h, w);
    },
    loss: (y, raw, w) =>
      meanLoss(y.length, w, (i) => {
        const r = y[i]! - raw[i]!;
        return r >= 0 ? q * r : (q - 1) * r;
      }),
  };
}

/** Huber loss; its threshold is the q-quantile of the absolute residuals, updated every iteration. */
export function huberLoss(q: number): BoostingLoss {
  let scratch = new Float64Array(0);
  const delta = (y: Targets, raw: Float64Array, w: Float64Array | undefined): number => {
    if (scratch.length !== y.length) scratch = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) scratch[i] = Math.abs(y[i]! - raw[i]!);
    return weightedQuantile(scratch, w, q);
  };
  return {
    name: 'huber',
    hessianIsWeight: true,
    baseline: (y, w) => Float64Array.of(weightedQuantile(y, w, 0.5)),
    gradients(y, raw, w, g, h) {
      const d = delta(y, raw, w);
      for (let i = 0; i < y.length; i++) {
        const r = raw[i]! - y[i]!;
        g[i] = (w ? w[i]! : 1) * (Math.abs(r) <= d ? r : r > 0 ? d : -d);
      }
      if (h) weightHessians(h, w);
    },
    loss(y, raw, w) {
      const d = delta(y, raw, w);
      return meanLoss(y.length, w, (i) => {
        const r = Math.abs(y[i]! - raw[i]!);
        return r <= d ? 0.5 * r * r : d * (r - 0.5 * d);
      });
    },
  };
}

/** Binary log loss on the logit (y in {0, 1}). */
export const binaryLogLoss: BoostingLoss = {
  name: 'logLoss',
  baseline(y, w) {
    const p = Math.min(Math.max(weightedMean(y, w), 1e-15), 1 - 1e-15);
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  kernel: 'logistic',
  gradients(y, raw, w, g, hessians) {
    const h = need(hessians);
    for (let i = 0; i < y.length; i++) {
      const wi = w ? w[i]! : 1;
      const p = 1 / (1 + expSeries(-raw[i]!));
      g[i] = wi * (p - y[i]!);
      h[i] = wi * p * (1 - p);
    }
  },
  loss: (y, raw, w) =>
    meanLoss(y.length, w, (i) => {
      const r = raw[i]!;
      // log(1 + e^r) - y r, computed stably
      return (r > 0 ? r + Math.log1p(Math.exp(-r)) : Math.log1p(Math.exp(r))) - y[i]! * r;
    }),
};

/** Multinomial log loss on K raw scores per row (softmax), y holds class codes. */
export const multinomialLogLoss: BoostingLoss = {
  name: 'logLoss',
  baseline(y, w, k) {
    const p = new Float64Array(k);
    let t = 0;
    for (let i = 0; i < y.length; i++) {
      const wi = w ? w[i]! : 1;
      p[y[i]!] = p[y[i]!]! + wi;
      t += wi;
    }
    let mean = 0;
    for (let c = 0; c < k; c++) {
      p[c] = Math.log(Math.max(p[c]! / t, 1e-15));
      mean += p[c]! / k;
    }
    for (let c = 0; c < k; c++) p[c] = p[c]! - mean;
    return p;
  },
  gradients(y, raw, w, g, hessians) {
    const h = need(hessians);
    const n = y.length;
    const k = raw.length / n;
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i]! : 1;
      let m = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) m = Math.max(m, raw[i * k + c]!);
      let s = 0;
      for (let c = 0; c < k; c++) s += Math.exp(raw[i * k + c]! - m);
      for (let c = 0; c < k; c++) {
        const p = Math.exp(raw[i * k + c]! - m) / s;
        g[c * n + i] = wi * (p - (y[i] === c ? 1 : 0));
        h[c * n + i] = wi * p * (1 - p);
      }
    }
  },
  loss(y, raw, w) {
    const n = y.length;
    const k = raw.length / n;
    return meanLoss(n, w, (i) => {
      let m = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) m = Math.max(m, raw[i * k + c]!);
      let s = 0;
      for (let c = 0; c < k; c++) s += Math.exp(raw[i * k + c]! - m);
      return m + Math.log(s) - raw[i * k + y[i]!]!;
    });
  },
};

/** Sets each leaf's value to learningRate × the q-quantile of its rows' residuals y − raw. */
export function updateLeafQuantiles(
  nodes: GrowNode[],
  rows: Int32Array,
  y: Targets,
  raw: Float64Array,
  w: Float64Array | undefined,
  q: number,
  learningRate: number,
): void {
  for (const n of nodes) {
    if (n.left >= 0) continue;
    const m = n.end - n.start;
    const res = new Float64Array(m);
    const ws = w ? new Float64Array(m) : undefined;
    for (let k = 0; k < m; k++) {
      const r = rows[n.start + k]!;
      res[k] = y[r]! - raw[r]!;
      if (ws) ws[k] = w![r]!;
    }
    n.value = learningRate * weightedQuantile(res, ws, q);
  }
}
