// Contingency table of two clusterings and the entropy / information helpers built on it.
import { InvalidParameterError } from '../errors/index.js';
import { checkLengths, encodeLabelArrays, type LabelArray } from './validation.js';

/** Sparse contingency table: the non-zero cells plus row and column totals. */
export interface Contingency {
  n: number;
  rowSums: Float64Array;
  colSums: Float64Array;
  /** Non-zero cell counts, with the row and column of each. */
  cells: Float64Array;
  cellRow: Int32Array;
  cellCol: Int32Array;
}

const DENSE_LIMIT = 1 << 22;

/** Validates two labelings (encoded independently, as sklearn does) and tabulates them. */
export function contingency(fn: string, labelsTrue: LabelArray, labelsPred: LabelArray): Contingency {
  checkLengths(fn, labelsTrue, 'labelsTrue', labelsPred, 'labelsPred');
  const t = encodeLabelArrays(fn, [labelsTrue], ['labelsTrue'], false);
  const p = encodeLabelArrays(fn, [labelsPred], ['labelsPred'], false);
  const a = t.codes[0]!;
  const b = p.codes[0]!;
  const ka = t.classes.length;
  const kb = p.classes.length;
  const n = a.length;
  const rowSums = new Float64Array(ka);
  const colSums = new Float64Array(kb);
  for (let i = 0; i < n; i++) {
    rowSums[a[i]!] = rowSums[a[i]!]! + 1;
    colSums[b[i]!] = colSums[b[i]!]! + 1;
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = a[i]! * kb + b[i]!;
  if (ka * kb <= DENSE_LIMIT) {
    // Counting sort of the cell keys: O(n + ka·kb).
    const dense = new Float64Array(ka * kb);
    for (let i = 0; i < n; i++) dense[keys[i]!] = dense[keys[i]!]! + 1;
    let r = 0;
    for (let c = 0; c < dense.length; c++) for (let m = dense[c]!; m > 0; m--) keys[r++] = c;
  } else keys.sort();
  let runs = 0;
  for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[i - 1]) runs++;
  const cells = new Float64Array(runs);
  const cellRow = new Int32Array(runs);
  const cellCol = new Int32Array(runs);
  let r = -1;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (i === 0 || key !== keys[i - 1]) {
      r++;
      cellRow[r] = Math.floor(key / kb);
      cellCol[r] = key - cellRow[r]! * kb;
    }
    cells[r] = cells[r]! + 1;
  }
  return { n, rowSums, colSums, cells, cellRow, cellCol };
}

/** Entropy (natural log) of a labeling given its class counts; 0 for a single class. */
export function entropyOf(counts: Float64Array): number {
  let total = 0;
  let nonZero = 0;
  for (let i = 0; i < counts.length; i++) {
    total += counts[i]!;
    if (counts[i]! > 0) nonZero++;
  }
  if (nonZero <= 1) return 0;
  const logTotal = Math.log(total);
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0) h -= (c / total) * (Math.log(c) - logTotal);
  }
  return h;
}

/** Mutual information (natural log) of a contingency table, as sklearn's `mutual_info_score`. */
export function mutualInfoOf(ct: Contingency): number {
  if (ct.rowSums.length === 1 || ct.colSums.length === 1) return 0;
  const { n, cells } = ct;
  const logN = Math.log(n);
  let mi = 0;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c]!;
    const p = v / n;
    const outer = ct.rowSums[ct.cellRow[c]!]! * ct.colSums[ct.cellCol[c]!]!;
    const term = p * (Math.log(v) - logN) + p * (-Math.log(outer) + logN + logN);
    if (Math.abs(term) >= Number.EPSILON) mi += term;
  }
  return Math.max(mi, 0);
}

/** Log of n! via a short table and Stirling's series (accurate to rounding for all n). */
export function logFactorial(n: number): number {
  if (n < 20) {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  }
  const x = n;
  const x2 = x * x;
  return (
    x * Math.log(x) -
    x +
    0.5 * Math.log(2 * Math.PI * x) +
    1 / (12 * x) -
    1 / (360 * x * x2) +
    1 / (1260 * x * x2 * x2) -
    1 / (1680 * x * x2 * x2 * x2)
  );
}

/** Combines two entropies as sklearn's `_generalized_average`. */
export function generalizedAverage(fn: string, u: number, v: number, method: string): number {
  if (method === 'min') return Math.min(u, v);
  if (method === 'geometric') return Math.sqrt(u * v);
  if (method === 'arithmetic') return (u + v) / 2;
  if (method === 'max') return Math.max(u, v);
  throw new InvalidParameterError(
    `${fn}: averageMethod must be 'min', 'geometric', 'arithmetic' or 'max'; got ${JSON.stringify(method)}`,
  );
}
