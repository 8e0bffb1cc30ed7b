// The small standardised dataset reference.py builds with numpy, rebuilt formula for formula.
import { Float64Matrix } from '../../data/index.js';

const n = 60;
const d = 4;

function standardize(x: Float64Matrix): Float64Matrix {
  for (let j = 0; j < x.cols; j++) {
    let mean = 0;
    for (let i = 0; i < x.rows; i++) mean += x.get(i, j);
    mean /= x.rows;
    let v = 0;
    for (let i = 0; i < x.rows; i++) v += (x.get(i, j) - mean) ** 2;
    const sd = Math.sqrt(v / x.rows);
    for (let i = 0; i < x.rows; i++) x.set(i, j, (x.get(i, j) - mean) / sd);
  }
  return x;
}

/** X (60×4, standardised), a regression target, binary and 3-class labels, and row weights. */
export function referenceData() {
  const X = Float64Matrix.zeros(n, d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X.set(i, j, Math.sin(0.37 * (i + 1) * (j + 1)) + 0.1 * Math.cos(1.3 * i + j));
  }
  standardize(X);
  const yReg = new Float64Array(n);
  const yBin: number[] = [];
  const y3: number[] = [];
  const weights = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const [a, b, c] = [X.get(k, 0), X.get(k, 1), X.get(k, 2)];
    yReg[k] = 1.5 * a - 2 * b + 0.5 * c + 0.3 * Math.sin(7.1 * k) + 3;
    yBin.push(a - b + 0.8 * Math.sin(3.3 * k) > 0 ? 1 : 0);
    let cls = a + b > 0.3 ? 2 : a - c > 0 ? 1 : 0;
    if (Math.sin(5.3 * k) > 0.8) cls = (cls + 1) % 3;
    y3.push(cls);
    weights[k] = 1 + (k % 3);
  }
  const XDup = Float64Matrix.zeros(n, d + 1);
  for (let i = 0; i < n; i++) {
    XDup.data.set(X.row(i), i * (d + 1));
    XDup.set(i, d, X.get(i, 0));
  }
  return { X, XDup, yReg, yBin, y3, weights };
}

/** max |aᵢ − bᵢ|. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
