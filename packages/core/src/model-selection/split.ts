// Splitters (after sklearn.model_selection): trainTestSplit, KFold and StratifiedKFold, with the
// same fold assignment as scikit-learn when shuffle is off.
import { checkNumber } from '../base/index.js';
import { encodeLabels, Float64Matrix, Frame, type MatrixLike, type TargetLike } from '../data/index.js';
import { DataError, InvalidParameterError, ShapeError } from '../errors/index.js';
import { Rng } from '../utils/random.js';

export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

/** Anything that yields train/test folds for n rows (and optionally a target, for stratification). */
export interface CrossValidator {
  readonly nSplits: number;
  split(nRows: number, y?: TargetLike): Fold[];
}

/** The rows of X at the given indices, keeping its form (Frame, matrix, or nested arrays). */
export function takeRows<X extends MatrixLike>(X: X, index: ArrayLike<number>): X {
  if (X instanceof Frame || X instanceof Float64Matrix) return X.takeRows(index) as X;
  const rows = X as ArrayLike<ArrayLike<number>>;
  return Array.from(index, (i) => rows[i]!) as unknown as X;
}

/** The values of y at the given indices (typed arrays keep their type). */
export function takeTarget<Y extends TargetLike>(y: Y, index: ArrayLike<number>): Y {
  if (y instanceof Float64Array) return Float64Array.from(index, (i) => y[i]!) as unknown as Y;
  if (y instanceof Int32Array) return Int32Array.from(index, (i) => y[i]!) as unknown as Y;
  return Array.from(index, (i) => (y as ArrayLike<number | string>)[i]!) as unknown as unknown as Y;
}

export function rowCount(X: MatrixLike): number {
  return X instanceof Frame ? X.nRows : X instanceof Float64Matrix ? X.rows : X.length;
}

function range(from: number, to: number): Int32Array {
  return Int32Array.from({ length: to - from }, (_, i) => from + i);
}

function complement(n: number, test: Int32Array): Int32Array {
  const mark = new Uint8Array(n);
  for (const i of test) mark[i] = 1;
  const out = new Int32Array(n - test.length);
  let k = 0;
  for (let i = 0; i < n; i++) if (!mark[i]) out[k++] = i;
  return out;
}

export interface KFoldParams {
  nSplits?: number;
  shuffle?: boolean;
  seed?: number;
}

function checkSplits(owner: string, nSplits: number, n: number): void {
  checkNumber(owner, 'nSplits', nSplits, { integer: true, min: 2 });
  if (nSplits > n) {
    throw new ShapeError(`${owner}: cannot make ${nSplits} folds from ${n} rows; use nSplits <= ${n}`);
  }
}

/** Consecutive folds (after shuffling, if asked); the first n % k folds get one extra row. */
export class KFold implements CrossValidator {
  readonly nSplits: number;
  private readonly shuffle: boolean;
  private readonly seed: number;

  constructor({ nSplits = 5, shuffle = false, seed = 0 }: KFoldParams = {}) {
    this.nSplits = nSplits;
    this.shuffle = shuffle;
    this.seed = seed;
  }

  split(nRows: number): Fold[] {
    checkSplits('KFold', this.nSplits, nRows);
    const order = this.shuffle ? new Rng(this.seed).permutation(nRows) : range(0, nRows);
    const folds: Fold[] = [];
    let start = 0;
    for (let f = 0; f < this.nSplits; f++) {
      const size = Math.floor(nRows / this.nSplits) + (f < nRows % this.nSplits ? 1 : 0);
      const test = order.slice(start, start + size).sort();
      folds.push({ train: complement(nRows, test), test });
      start += size;
    }
    return folds;
  }
}

/** Folds that keep each class's share (scikit-learn's allocation: identical folds when shuffle is off). */
export class StratifiedKFold implements CrossValidator {
  readonly nSplits: number;
  private readonly shuffle: boolean;
  private readonly seed: number;

  constructor({ nSplits = 5, shuffle = false, seed = 0 }: KFoldParams = {}) {
    this.nSplits = nSplits;
    this.shuffle = shuffle;
    this.seed = seed;
  }

  split(nRows: number, y?: TargetLike): Fold[] {
    if (!y) throw new InvalidParameterError('StratifiedKFold.split needs the target y to stratify on');
    checkSplits('StratifiedKFold', this.nSplits, nRows);
    const { codes, classes } = encodeLabels(y, nRows, 'StratifiedKFold.split');
    const k = this.nSplits;
    const counts = new Int32Array(classes.length);
    for (const c of codes) counts[c]!++;
    const largest = Math.max(...counts);
    if (largest < k) {
      throw new DataError(
        `StratifiedKFold: the largest class has ${largest} rows, fewer than nSplits=${k}; lower nSplits`,
      );
    }
    // Deal the class-sorted labels round-robin over folds: fold f gets allocation[f][c] rows of class c.
    const sorted = Int32Array.from(codes).sort();
    const allocation = Array.from({ length: k }, () => new Int32Array(classes.length));
    for (let i = 0; i < sorted.length; i++) allocation[i % k]![sorted[i]!]!++;
    const rng = new Rng(this.seed);
    const foldOf = new Int32Array(nRows);
    for (let c = 0; c < classes.length; c++) {
      const members: number[] = [];
      for (let i = 0; i < nRows; i++) if (codes[i] === c) members.push(i);
      const ids: number[] = [];
      for (let f = 0; f < k; f++) for (let t = 0; t < allocation[f]![c]!; t++) ids.push(f);
      if (this.shuffle) rng.shuffle(ids);
      members.forEach((row, j) => {
        foldOf[row] = ids[j]!;
      });
    }
    return Array.from({ length: k }, (_, f) => {
      const test = Int32Array.from(Array.from(foldOf.keys()).filter((i) => foldOf[i] === f));
      return { train: complement(nRows, test), test };
    });
  }
}

export interface TrainTestSplitOptions {
  /** Share (0..1) or count of rows for the test set; default 0.25. */
  testSize?: number;
  shuffle?: boolean;
  /** Keep class shares equal in both parts (pass the labels, usually y). */
  stratify?: TargetLike;
  seed?: number;
}

export interface TrainTestSplit<X extends MatrixLike, Y extends TargetLike> {
  XTrain: X;
  XTest: X;
  yTrain: Y;
  yTest: Y;
  trainIndex: Int32Array;
  testIndex: Int32Array;
}

/** Splits rows into a train and a test part (seeded; stratified on request). */
export function trainTestSplit<X extends MatrixLike, Y extends TargetLike>(
  X: X,
  y: Y,
  options: TrainTestSplitOptions = {},
): TrainTestSplit<X, Y> {
  const { testSize = 0.25, shuffle = true, stratify, seed = 0 } = options;
  const n = rowCount(X);
  if (y.length !== n) throw new ShapeError(`trainTestSplit: X has ${n} rows but y has ${y.length} values`);
  const nTest = testSize < 1 ? Math.ceil(testSize * n) : testSize;
  checkNumber('trainTestSplit', 'testSize', nTest, { integer: true, min: 1, max: n - 1 });
  const rng = new Rng(seed);
  let test: Int32Array;
  if (stratify) {
    if (!shuffle) throw new InvalidParameterError('trainTestSplit: stratify needs shuffle: true');
    const { codes, classes } = encodeLabels(stratify, n, 'trainTestSplit');
    // Per class, take a share of the test rows proportional to the class size (largest remainders).
    const byClass = classes.map(() => [] as number[]);
    for (let i = 0; i < n; i++) byClass[codes[i]!]!.push(i);
    const exact = byClass.map((rows) => (rows.length * nTest) / n);
    const take = exact.map(Math.floor);
    let left = nTest - take.reduce((a, b) => a + b, 0);
    const order = exact
      .map((e, c) => [e - Math.floor(e), c] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, c] of order) {
      if (left > 0 && take[c]! < byClass[c]!.length) {
        take[c]!++;
        left--;
      }
    }
    const picked: number[] = [];
    byClass.forEach((rows, c) => {
      rng.shuffle(rows);
      picked.push(...rows.slice(0, take[c]));
    });
    test = Int32Array.from(picked).sort();
  } else {
    const order = shuffle ? rng.permutation(n) : range(0, n);
    test = (shuffle ? order.slice(0, nTest) : order.slice(n - nTest)).sort();
  }
  const train = complement(n, test);
  return {
    XTrain: takeRows(X, train),
    XTest: takeRows(X, test),
    yTrain: takeTarget(y, train),
    yTest: takeTarget(y, test),
    trainIndex: train,
    testIndex: test,
  };
}
