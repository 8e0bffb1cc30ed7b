// Input validation shared by the metrics: label encoding, numeric arrays, weights and score matrices.
import { DataError, InvalidParameterError, ShapeError } from '../errors/index.js';

/** A class or cluster label: a number or a string. */
export type Label = number | string;
/** Labels as users pass them: plain arrays of numbers or strings, or typed arrays. */
export type LabelArray = ArrayLike<number> | ArrayLike<string> | ArrayLike<number | string>;
/** A dense row-major matrix (structurally compatible with `Float64Matrix`). */
export interface DenseMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}
/** A score or probability matrix: nested rows, or a row-major dense matrix. */
export type ScoreMatrix = ArrayLike<ArrayLike<number>> | DenseMatrix;

/** Labels of two aligned arrays encoded against their sorted union. */
export interface EncodedPair {
  /** Sorted distinct labels found in either array (numbers ascending, strings by code point). */
  classes: Label[];
  a: Int32Array;
  b: Int32Array;
}

function describe(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : String(v);
}

/** Throws a ShapeError unless the named arrays have the same, non-zero length. */
export function checkLengths(
  fn: string,
  a: ArrayLike<unknown>,
  aName: string,
  b: ArrayLike<unknown>,
  bName: string,
) {
  if (a == null || typeof a.length !== 'number' || b == null || typeof b.length !== 'number') {
    throw new ShapeError(`${fn}: ${aName} and ${bName} must be arrays`);
  }
  if (a.length !== b.length) {
    throw new ShapeError(
      `${fn}: ${aName} has ${a.length} values but ${bName} has ${b.length}; pass one value per sample in both`,
      { details: { [aName]: a.length, [bName]: b.length } },
    );
  }
  if (a.length === 0) throw new DataError(`${fn}: ${aName} and ${bName} are empty; pass at least one sample`);
}

/** Sorts labels of one kind the way numpy does (numbers ascending, strings by code point). */
export function sortLabels(labels: Label[]): Label[] {
  if (labels.length > 0 && typeof labels[0] === 'number') return (labels as number[]).sort((x, y) => x - y);
  return (labels as string[]).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

const SMALL = 1024;

/**
 * Encodes one or more label arrays against their sorted union of labels. Refuses NaN, mixed
 * numbers/strings and (when `discrete`) non-integer numbers, which sklearn calls "continuous".
 */
export function encodeLabelArrays(
  fn: string,
  arrays: readonly LabelArray[],
  names: readonly string[],
  discrete: boolean,
) {
  const index = new Map<Label, number>();
  const smallIndex = new Int32Array(SMALL);
  const seen: Label[] = [];
  let kind: string | undefined;
  const codes: Int32Array[] = [];
  for (let k = 0; k < arrays.length; k++) {
    const y = arrays[k]!;
    const out = new Int32Array(y.length);
    for (let i = 0; i < y.length; i++) {
      const v = y[i];
      const t = typeof v;
      if (t === 'number' ? !Number.isFinite(v) : t !== 'string') {
        throw new DataError(
          `${fn}: ${names[k]}[${i}] is ${describe(v)}; labels must be finite numbers or strings`,
          {
            details: { input: names[k], index: i },
          },
        );
      }
      if (discrete && t === 'number' && !Number.isInteger(v)) {
        throw new DataError(
          `${fn}: ${names[k]}[${i}] is ${v}; classification metrics need discrete labels, not continuous values (threshold scores or probabilities into class labels first)`,
          { details: { input: names[k], index: i } },
        );
      }
      if (kind !== undefined && kind !== t) {
        throw new DataError(
          `${fn}: mix of number and string labels (${names[k]}[${i}] is a ${t}); use one type`,
          {
            details: { input: names[k], index: i },
          },
        );
      }
      kind = t;
      // Small non-negative integers (the usual class codes) skip the Map.
      const small = t === 'number' && (v as number) >= 0 && (v as number) < SMALL && Number.isInteger(v);
      let c = small ? smallIndex[v as number]! - 1 : index.get(v as Label);
      if (c === -1) c = undefined;
      if (c === undefined) {
        c = seen.length;
        seen.push(v as Label);
        index.set(v as Label, c);
        if (small) smallIndex[v as number] = c + 1;
      }
      out[i] = c;
    }
    codes.push(out);
  }
  const classes = sortLabels(seen.slice());
  const remap = new Int32Array(seen.length);
  for (let r = 0; r < classes.length; r++) remap[index.get(classes[r]!)!] = r;
  for (const out of codes) for (let i = 0; i < out.length; i++) out[i] = remap[out[i]!]!;
  return { classes, codes };
}

/** Validates and jointly encodes `yTrue` and `yPred` (same length, non-empty, discrete labels). */
export function encodePair(fn: string, yTrue: LabelArray, yPred: LabelArray, discrete = true): EncodedPair {
  checkLengths(fn, yTrue, 'yTrue', yPred, 'yPred');
  const { classes, codes } = encodeLabelArrays(fn, [yTrue, yPred], ['yTrue', 'yPred'], discrete);
  return { classes, a: codes[0]!, b: codes[1]! };
}

/** Position of `label` in sorted `classes`, or -1 (numbers and strings never compare equal). */
export function labelIndex(classes: readonly Label[], label: Label): number {
  return classes.indexOf(label);
}

/** Copies a numeric array into a Float64Array, refusing NaN and infinities. */
export function toFiniteArray(fn: string, y: ArrayLike<number>, name: string): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new DataError(
        `${fn}: ${name}[${i}] is ${describe(v)}; values must be finite numbers (drop or impute them)`,
        {
          details: { input: name, index: i },
        },
      );
    }
    out[i] = v;
  }
  return out;
}

/** Validates an optional `sampleWeight` of length n: finite numbers. Returns null when absent. */
export function checkSampleWeight(
  fn: string,
  w: ArrayLike<number> | undefined,
  n: number,
): Float64Array | null {
  if (w === undefined || w === null) return null;
  if (typeof w.length !== 'number' || w.length !== n) {
    throw new ShapeError(
      `${fn}: sampleWeight has ${w.length} values for ${n} samples; pass one weight per sample`,
    );
  }
  return toFiniteArray(fn, w, 'sampleWeight');
}

/** Validates a score/probability matrix and returns it as a row-major DenseMatrix. */
export function toDenseMatrix(fn: string, m: ScoreMatrix, name: string): DenseMatrix {
  if (m != null && (m as DenseMatrix).data instanceof Float64Array) {
    const { data, rows, cols } = m as DenseMatrix;
    if (
      !Number.isInteger(rows) ||
      !Number.isInteger(cols) ||
      rows < 0 ||
      cols < 0 ||
      data.length !== rows * cols
    ) {
      throw new ShapeError(`${fn}: ${name} claims ${rows} x ${cols} but holds ${data.length} values`);
    }
    toFiniteArray(fn, data, name);
    return { data, rows, cols };
  }
  const rowsIn = m as ArrayLike<ArrayLike<number>>;
  if (rowsIn == null || typeof rowsIn.length !== 'number')
    throw new ShapeError(`${fn}: ${name} must be a matrix`);
  const rows = rowsIn.length;
  const first = rows > 0 ? rowsIn[0] : undefined;
  if (rows > 0 && (first == null || typeof first.length !== 'number')) {
    throw new ShapeError(
      `${fn}: ${name} must be a matrix (an array of rows), got an array of ${typeof first}`,
    );
  }
  const cols = first ? first.length : 0;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = rowsIn[i]!;
    if (row == null || row.length !== cols) {
      throw new ShapeError(
        `${fn}: ${name} row ${i} has ${row?.length} values but row 0 has ${cols}; rows must be equal length`,
      );
    }
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new DataError(`${fn}: ${name}[${i}][${j}] is ${describe(v)}; values must be finite numbers`);
      }
      data[i * cols + j] = v;
    }
  }
  return { data, rows, cols };
}

/** True when `m` is a matrix (nested rows or DenseMatrix) rather than a flat numeric array. */
export function isMatrix(m: ArrayLike<number> | ScoreMatrix): m is ScoreMatrix {
  if ((m as DenseMatrix).data instanceof Float64Array && typeof (m as DenseMatrix).rows === 'number')
    return true;
  const a = m as ArrayLike<unknown>;
  return a.length > 0 && typeof a[0] === 'object' && a[0] !== null;
}

/** Checks that an option is one of the allowed values. */
export function checkOption<T>(fn: string, name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new InvalidParameterError(
      `${fn}: ${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; got ${JSON.stringify(value)}`,
      { details: { parameter: name } },
    );
  }
  return value;
}

/** Weighted mean of `values` (plain mean when `w` is null), as numpy's `average`. */
export function weightedMean(fn: string, values: Float64Array, w: Float64Array | null): number {
  let s = 0;
  let ws = 0;
  for (let i = 0; i < values.length; i++) {
    const wi = w === null ? 1 : w[i]!;
    s += wi * values[i]!;
    ws += wi;
  }
  if (ws === 0)
    throw new DataError(`${fn}: sampleWeight sums to zero; give at least one sample a non-zero weight`);
  return s / ws;
}
