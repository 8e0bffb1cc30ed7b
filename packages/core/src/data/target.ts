// Validation of targets: class labels encoded against sorted classes, or finite regression values.
import { DataError, ShapeError } from '../errors/index.js';

/** A class label as users pass it. */
export type Label = number | string;
/** Targets as users pass them. */
export type TargetLike = ArrayLike<number> | ArrayLike<string> | ArrayLike<Label>;

export interface EncodedLabels {
  /** Sorted distinct labels (numbers ascending, or strings in code-point order). */
  classes: Label[];
  /** Index into `classes` for every row. */
  codes: Int32Array;
}

function checkLength(y: TargetLike | null | undefined, n: number, ctx: string): asserts y is TargetLike {
  if (y == null || typeof y !== 'object' || typeof y.length !== 'number') {
    throw new ShapeError(
      `${ctx}: a target y with one value per row is required, got ${y === undefined ? 'nothing' : typeof y}`,
    );
  }
  if (y.length !== n) {
    throw new ShapeError(`${ctx}: X has ${n} rows but y has ${y.length} values; they must match one to one`, {
      details: { rows: n, targets: y.length },
    });
  }
}

/** Encodes class labels; labels must be all numbers or all strings, none missing. */
export function encodeLabels(y: TargetLike | null | undefined, n: number, ctx = 'fit'): EncodedLabels {
  checkLength(y, n, ctx);
  let kind: 'number' | 'string' | undefined;
  // Distinct labels collected in the checking pass: copying y into an array first cost tens of
  // megabytes of short-lived heap on a million rows, and grew the young generation for good.
  const distinct = new Set<Label>();
  for (let i = 0; i < n; i++) {
    const v = y[i];
    const t = typeof v;
    if ((t !== 'number' && t !== 'string') || (t === 'number' && !Number.isFinite(v)) || v === '') {
      throw new DataError(
        `${ctx}: y[${i}] is ${v === '' ? 'an empty string' : String(v)}; class labels must be finite numbers or non-empty strings. Drop unlabelled rows first.`,
        { details: { row: i } },
      );
    }
    if (kind && kind !== t) {
      throw new DataError(
        `${ctx}: y mixes numbers and strings (y[${i}] is a ${t}); use one type for all labels`,
        {
          details: { row: i },
        },
      );
    }
    kind = t as 'number' | 'string';
    distinct.add(v as Label);
  }
  const classes =
    kind === 'number'
      ? ([...distinct] as number[]).sort((a, b) => a - b)
      : ([...distinct] as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map<Label, number>(classes.map((c, k) => [c, k]));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = index.get(y[i] as Label)!;
  return { classes, codes };
}

/**
 * A regression target as a Float64Array; NaN and infinities are refused. A Float64Array is
 * checked and returned itself, as X is (estimators never write to their targets, which the
 * conformance suite checks): a copy cost 8 bytes a row during every fit. Anything else is copied.
 */
export function validateRegressionTarget(
  y: TargetLike | null | undefined,
  n: number,
  ctx = 'fit',
): Float64Array {
  checkLength(y, n, ctx);
  const out = y instanceof Float64Array ? y : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new DataError(
        `${ctx}: y[${i}] is ${typeof v === 'string' ? `the string "${v}"` : String(v)}; a regression target must be a finite number. Drop or impute those rows.`,
        { details: { row: i } },
      );
    }
    if (out !== y) out[i] = v;
  }
  return out;
}

/** Validates optional per-row weights: finite, non-negative, one per row, not all zero. */
export function validateSampleWeight(
  w: ArrayLike<number> | undefined,
  n: number,
  ctx = 'fit',
): Float64Array | undefined {
  if (w === undefined) return undefined;
  if (w.length !== n) throw new ShapeError(`${ctx}: sampleWeight has ${w.length} values for ${n} rows`);
  const out = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = w[i]!;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new DataError(`${ctx}: sampleWeight[${i}] is ${v}; weights must be finite and non-negative`, {
        details: { row: i },
      });
    }
    out[i] = v;
    sum += v;
  }
  if (sum <= 0)
    throw new DataError(`${ctx}: sampleWeight sums to zero; at least one row needs a positive weight`);
  return out;
}
