// The validated, row-major numeric matrix every estimator computes on.
import { ShapeError } from '../errors/index.js';

/** A dense row-major matrix of float64 values. NaN marks a missing value. */
export class Float64Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;

  constructor(data: Float64Array, rows: number, cols: number) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new ShapeError(`Matrix dimensions must be non-negative integers, got ${rows} x ${cols}`);
    }
    if (data.length !== rows * cols) {
      throw new ShapeError(
        `Matrix data has ${data.length} values but ${rows} x ${cols} needs ${rows * cols}`,
      );
    }
    this.data = data;
    this.rows = rows;
    this.cols = cols;
  }

  /** A zero-filled matrix. */
  static zeros(rows: number, cols: number): Float64Matrix {
    return new Float64Matrix(new Float64Array(rows * cols), rows, cols);
  }

  /** Copies nested arrays into a matrix (no validation beyond shape; see `validateInput`). */
  static fromRows(rows: ArrayLike<ArrayLike<number>>): Float64Matrix {
    const n = rows.length;
    const d = n === 0 ? 0 : rows[0]!.length;
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      if (row.length !== d) throw new ShapeError(`Row ${i} has ${row.length} values, row 0 has ${d}`);
      for (let j = 0; j < d; j++) out[i * d + j] = row[j]!;
    }
    return new Float64Matrix(out, n, d);
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** A view of row i (shares memory). */
  row(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** A copy of column j. */
  column(j: number): Float64Array {
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j]!;
    return out;
  }

  /** A new matrix with the given rows, in the given order. */
  takeRows(indices: ArrayLike<number>): Float64Matrix {
    const d = this.cols;
    const out = new Float64Array(indices.length * d);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      out.set(this.data.subarray(i * d, (i + 1) * d), k * d);
    }
    return new Float64Matrix(out, indices.length, d);
  }

  /** A new matrix with the given columns, in the given order. */
  takeColumns(indices: ArrayLike<number>): Float64Matrix {
    const out = new Float64Array(this.rows * indices.length);
    const m = indices.length;
    for (let i = 0; i < this.rows; i++) {
      for (let k = 0; k < m; k++) out[i * m + k] = this.data[i * this.cols + indices[k]!]!;
    }
    return new Float64Matrix(out, this.rows, m);
  }

  /** Nested arrays, for JSON output and tests. */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }
}

/** Concatenates matrices with equal row counts side by side. */
export function hstack(parts: readonly Float64Matrix[]): Float64Matrix {
  const rows = parts[0]?.rows ?? 0;
  let cols = 0;
  for (const p of parts) {
    if (p.rows !== rows) throw new ShapeError(`Cannot stack blocks with ${p.rows} and ${rows} rows`);
    cols += p.cols;
  }
  const out = new Float64Array(rows * cols);
  let offset = 0;
  for (const p of parts) {
    for (let i = 0; i < rows; i++) out.set(p.data.subarray(i * p.cols, (i + 1) * p.cols), i * cols + offset);
    offset += p.cols;
  }
  return new Float64Matrix(out, rows, cols);
}
