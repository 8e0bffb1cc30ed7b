// The WebAssembly kernels against the JavaScript ones they replace (same bits, on every feature
// grouping, with and without hessians, numeric and categorical partitions), the embedded bytes
// against their source, the memory's growth, and whole fits with the kernels on and off.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../scripts/wasm-assemble.mjs';
import { Float64Matrix } from '../../data/index.js';
import { makeClassification, makeRegression } from '../../datasets/index.js';
import { Rng } from '../../utils/random.js';
import { setParallelThresholds } from './boosting-team.js';
import { HistGradientBoostingClassifier } from './classifier.js';
import { FitMemory, setWasmKernels } from './fit-memory.js';
import { BIN_STRIDE, buildHistograms, gatherGradients, type HistogramTask } from './histogram.js';
import { WASM_BASE64 } from './kernels-wasm.js';
import { binaryLogLoss } from './losses.js';
import { partitionBlock, type RowSplit } from './partition.js';
import { HistGradientBoostingRegressor } from './regressor.js';
import { scanNumeric } from './splitter.js';

/** Same length and the same bits in every slot (toEqual would let -0 equal 0). */
function expectSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    if (!Object.is(actual[i], expected[i])) expect([i, actual[i]]).toEqual([i, expected[i]]);
}

function fitMemory(bytes = 1 << 20): FitMemory {
  const memory = FitMemory.create(bytes);
  if (!memory) throw new Error('this runtime cannot run the WebAssembly kernels');
  return memory;
}

describe('WebAssembly boosting kernels', () => {
  const rng = new Rng(5);

  it('embed exactly the assembled kernels.wat (run `pnpm --filter @mlpy/core wasm` after editing it)', async () => {
    const wat = readFileSync(new URL('./kernels.wat', import.meta.url), 'utf8');
    const bytes = await assemble('kernels.wat', wat);
    expect(Buffer.from(bytes).toString('base64')).toBe(WASM_BASE64);
  });

  it('build the same histograms as the JavaScript kernels, to the bit', () => {
    const nRows = 517;
    const nBins = 9;
    for (const unit of [false, true]) {
      for (let d = 1; d <= 11; d++) {
        const memory = fitMemory();
        const bins = memory.uint8(nRows * d)!;
        for (let i = 0; i < bins.length; i++) bins[i] = rng.int(nBins + 1);
        const offsets = memory.int32(d + 1)!;
        for (let f = 0; f <= d; f++) offsets[f] = f * (nBins + 1);
        const rows = memory.int32(nRows)!;
        let m = 0;
        for (let r = 0; r < nRows; r++) if (rng.next() < 0.6) rows[m++] = r;
        const og = memory.float64(nRows)!;
        const oh = memory.float64(nRows)!;
        for (let k = 0; k < m; k++) {
          // Signed zeros and a wide range of magnitudes: sums must round the same way.
          og[k] = k % 17 === 0 ? -0 : rng.normal() * 10 ** rng.int(12);
          oh[k] = unit ? Number.NaN : rng.next();
        }
        const length = offsets[d]! * BIN_STRIDE;
        // Gradients gathered from position 0, or from the node's start (gatheredFrom 3).
        const gatheredFrom = d % 2 === 0 ? 3 : 0;
        const task = (hist: Float64Array, from: number, to: number): HistogramTask => ({
          bins,
          nRows,
          rows,
          gradients: og,
          hessians: oh,
          gatheredFrom,
          unitHessians: unit,
          start: 3,
          end: m - 2,
          featureFrom: from,
          featureTo: to,
          hist,
          offsets,
        });
        for (const [from, to] of [
          [0, d],
          [Math.floor(d / 2), d],
          [0, Math.ceil(d / 3)],
        ] as const) {
          const expected = new Float64Array(length).fill(7);
          const actual = memory.float64(length)!.fill(7);
          buildHistograms(task(expected, from, to));
          memory.kernels.buildHistograms(task(actual, from, to));
          expectSameBits(actual, expected);
        }
      }
    }
  });

  it('partition rows like the JavaScript kernel: numeric with missing values either way, and categorical', () => {
    const nRows = 1000;
    const memory = fitMemory();
    const bins = memory.uint8(nRows * 2)!;
    for (let i = 0; i < bins.length; i++) bins[i] = rng.int(41);
    const bits = memory.uint32(8)!;
    for (let b = 0; b < 41; b += 3) bits[b >>> 5]! |= 1 << (b & 31);
    const splits: RowSplit[] = [
      { col: 0, binThreshold: 17, missingBin: 40, missingLeft: true, leftBins: null },
      { col: nRows, binThreshold: 17, missingBin: 40, missingLeft: false, leftBins: null },
      { col: nRows, binThreshold: 0, missingBin: 40, missingLeft: false, leftBins: bits },
    ];
    for (const split of splits) {
      const rows = memory.int32(nRows)!;
      const scratch = memory.int32(nRows)!;
      for (let k = 0; k < nRows; k++) rows[k] = nRows - 1 - k;
      const jsRows = rows.slice();
      const jsScratch = new Int32Array(nRows);
      const left = memory.kernels.partitionBlock(rows, scratch, bins, split, 100, 900);
      const jsLeft = partitionBlock(
        jsRows,
        jsScratch,
        bins,
        { ...split, leftBins: split.leftBins?.slice() ?? null },
        100,
        900,
      );
      expect(left).toBe(jsLeft);
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThan(800);
      expect(Array.from(rows)).toEqual(Array.from(jsRows));
      expect(Array.from(scratch.subarray(100, 900 - left))).toEqual(
        Array.from(jsScratch.subarray(100, 900 - left)),
      );
    }
  });

  it('gather gradients, with and without hessians, like the JavaScript kernel', () => {
    const n = 300;
    const memory = fitMemory();
    const rows = memory.int32(n)!;
    for (let k = 0; k < n; k++) rows[k] = (k * 7) % n;
    const g = memory.float64(n)!;
    const h = memory.float64(n)!;
    for (let k = 0; k < n; k++) {
      g[k] = rng.normal();
      h[k] = rng.next();
    }
    for (const withH of [true, false]) {
      // Into the positions themselves, or from the start of the arrays.
      for (const from of [0, 10]) {
        const og = memory.float64(n)!;
        const oh = withH ? memory.float64(n)! : null;
        const jg = new Float64Array(n);
        const jh = withH ? new Float64Array(n) : null;
        memory.kernels.gatherGradients(rows, g, h, og, oh, 10, 290, from);
        gatherGradients(rows, g, h, jg, jh, 10, 290, from);
        expectSameBits(og, jg);
        if (oh && jh) expectSameBits(oh, jh);
        expect(og[10 - from]).toBe(g[rows[10]!]);
        expect(og[289 - from]).toBe(g[rows[289]!]);
        expect(og[290 - from]).toBe(0);
      }
    }
  });
});

describe('the WebAssembly split scan', () => {
  it('finds the same numeric split as scanNumeric: missing values, empty bins, limits, ties', () => {
    const rng = new Rng(21);
    let found = 0;
    for (let trial = 0; trial < 300; trial++) {
      const nb = 1 + rng.int(40);
      const memory = fitMemory();
      const hist = memory.float64((nb + 3) * BIN_STRIDE)!;
      const base = 2 * BIN_STRIDE;
      let count = 0;
      let sumG = 0;
      let sumH = 0;
      for (let b = 0; b <= nb; b++) {
        const o = base + b * BIN_STRIDE;
        const missing = b === nb;
        const c = (missing && trial % 2 === 0) || rng.next() < 0.2 ? 0 : 1 + rng.int(30);
        // Repeated gradients make equal gains: the first threshold must win in both.
        hist[o] = c === 0 ? 0 : trial % 5 === 0 ? c * 0.5 : rng.normal() * c;
        hist[o + 1] = c * (trial % 3 === 0 ? 1 : 0.1 + rng.next());
        hist[o + 2] = c;
        count += c;
        sumG += hist[o]!;
        sumH += hist[o + 1]!;
      }
      const l2 = trial % 4 === 0 ? 0 : rng.next();
      const msl = rng.int(15);
      const mh = trial % 6 === 0 ? 5 : 1e-3;
      const parentScore = (sumG * sumG) / (sumH + l2);
      const start = trial % 7 === 0 ? 1e9 : 0;
      const best = memory.float64(6)!;
      best[0] = start;
      const jsBest = Float64Array.of(start, 0, 0, 0, 0, 0);
      const args = [hist, base, nb, count, sumG, sumH, l2, msl, mh, parentScore] as const;
      const wasmFound = memory.kernels.scanNumeric(...args, best);
      const jsFound = scanNumeric(...args, jsBest);
      expect(wasmFound).toBe(jsFound);
      expectSameBits(best, jsBest);
      if (jsFound) found++;
    }
    // Both outcomes were exercised.
    expect(found).toBeGreaterThan(100);
    expect(found).toBeLessThan(300);
  });
});

describe('the WebAssembly log-loss gradients', () => {
  it('equal binaryLogLoss.gradients to the bit: odd and even lengths, weights, extreme scores', () => {
    const rng = new Rng(12);
    const special = [
      0, -0, 1e-300, -1e-300, 36.7, -36.7, 707.9, -708.5, 709.5, -745, 800, -800, 1e308, -1e308,
    ];
    for (const n of [1, 2, 15, 16, 401]) {
      for (const weighted of [false, true]) {
        const memory = fitMemory();
        // The kernel reads the classes as bytes, the JavaScript as the classifier's codes.
        const y = memory.uint8(n)!;
        const codes = new Int32Array(n);
        const raw = memory.float64(n)!;
        const w = weighted ? memory.float64(n)! : undefined;
        for (let i = 0; i < n; i++) {
          y[i] = codes[i] = rng.int(2);
          raw[i] = i < special.length && n > special.length ? special[i]! : rng.normal() * 4;
          if (w) w[i] = i % 7 === 0 ? 0 : rng.next() * 3;
        }
        const g = memory.float64(n)!;
        const h = memory.float64(n)!;
        const jg = new Float64Array(n);
        const jh = new Float64Array(n);
        memory.kernels.logisticGradients(y, raw, w, g, h);
        binaryLogLoss.gradients(codes, raw, w, jg, jh);
        expectSameBits(g, jg);
        expectSameBits(h, jh);
      }
    }
  });

  it('refuse arrays of different lengths instead of reading past them', () => {
    const memory = fitMemory();
    const y = memory.uint8(8)!;
    const a = memory.float64(8)!;
    const b = memory.float64(7)!;
    expect(() => memory.kernels.logisticGradients(y, a, undefined, a, b)).toThrow(/different lengths/);
    expect(() => memory.kernels.logisticGradients(memory.uint8(7)!, a, undefined, a, a)).toThrow(
      /different lengths/,
    );
  });
});

describe('the WebAssembly radix sort', () => {
  it('orders values exactly like TypedArray#sort: signs, zeros, subnormals, infinities, ties', () => {
    const rng = new Rng(13);
    const memory = fitMemory();
    const scratch = memory.sortScratch(20_000)!;
    const special = [-0, 0, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, 1, -1];
    const cases: number[][] = [
      [],
      [3.5],
      special,
      Array.from({ length: 20_000 }, () => rng.normal() * 10 ** rng.int(30) * (rng.next() < 0.5 ? -1 : 1)),
      // Few distinct values (most passes see one digit and are skipped), and constant.
      Array.from({ length: 5_000 }, () => rng.int(4) - 2),
      Array.from({ length: 300 }, () => 7),
      Array.from({ length: 1_000 }, (_, i) => special[i % special.length]!),
    ];
    for (const values of cases) {
      const column = scratch.column.subarray(0, values.length);
      column.set(values);
      scratch.sort(column);
      expectSameBits(column, Float64Array.from(values).sort());
    }
    expect(() => scratch.sort(scratch.column.subarray(1, 5))).toThrow(RangeError);
  });
});

describe('FitMemory', () => {
  it('grows on demand without moving the arrays handed out', () => {
    const memory = fitMemory(100);
    const first = memory.float64(10)!;
    first.set(Array.from({ length: 10 }, (_, i) => i + 0.5));
    const big = memory.uint8(5 << 20)!;
    big[big.length - 1] = 9;
    expect(Array.from(first)).toEqual(Array.from({ length: 10 }, (_, i) => i + 0.5));
    expect(memory.ownsAll(first, big)).toBe(true);
    expect(memory.ownsAll(new Float64Array(10))).toBe(false);
    expect(memory.ownsAll(first, null, memory.subarray(first, 2, 5))).toBe(true);
    expect(memory.ownsAll(first, first.subarray(2, 5))).toBe(false);
    expect(memory.mark()).toBeGreaterThanOrEqual((5 << 20) + 80);
  });

  it('rewinds to a mark: later arrays are forgotten and their space handed out again', () => {
    const memory = fitMemory();
    const kept = memory.int32(4)!;
    const mark = memory.mark();
    const scratch = memory.float64(1000)!.fill(3);
    memory.rewind(mark);
    expect(memory.ownsAll(kept)).toBe(true);
    expect(memory.ownsAll(scratch)).toBe(false);
    expect(memory.mark()).toBe(mark);
    const again = memory.float64(1000)!;
    expect(again.byteOffset).toBe(scratch.byteOffset);
    expect(again.every((v) => v === 0)).toBe(true);
  });

  it('is refused past what a 32-bit memory holds, or when turned off', () => {
    expect(FitMemory.create(5 * 2 ** 30)).toBeNull();
    const previous = setWasmKernels(false);
    try {
      expect(FitMemory.create(1000)).toBeNull();
    } finally {
      setWasmKernels(previous);
    }
  });
});

describe('boosting fits with the WebAssembly kernels', () => {
  /** Fits twice, kernels off then on, with workers forced on for every node when threads > 1. */
  async function bothWays<T>(fit: () => Promise<T>): Promise<[T, T]> {
    const thresholds = setParallelThresholds({ histogramWork: 0, partitionRows: 0 });
    const previous = setWasmKernels(false);
    try {
      const js = await fit();
      setWasmKernels(true);
      return [js, await fit()];
    } finally {
      setWasmKernels(previous);
      setParallelThresholds(thresholds);
    }
  }

  it('give the same regression model as the JavaScript kernels (unit hessians, 1 and 2 threads)', async () => {
    const { X, y } = makeRegression({ nSamples: 3000, nFeatures: 7, noise: 5, seed: 4 });
    for (const nJobs of [1, 2]) {
      const [js, wasm] = await bothWays(() =>
        new HistGradientBoostingRegressor({ maxIter: 12, nJobs, earlyStopping: false }).fit(X, y),
      );
      expectSameBits(wasm.predict(X), js.predict(X));
    }
  });

  it('give the same classifier with weights, missing values and a categorical feature', async () => {
    const rng = new Rng(8);
    const n = 4000;
    const d = 6;
    const X = new Float64Array(n * d);
    const y = new Float64Array(n);
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = rng.int(30);
      X[i * d] = c;
      for (let j = 1; j < d; j++) X[i * d + j] = rng.next() < 0.15 ? Number.NaN : rng.normal();
      const signal = (c % 5) - 2 + (Number.isNaN(X[i * d + 1]!) ? 1.5 : X[i * d + 1]!) + rng.normal();
      y[i] = signal > 0 ? 1 : 0;
      w[i] = 0.5 + rng.next();
    }
    const x = new Float64Matrix(X, n, d);
    for (const nJobs of [1, 2]) {
      const [js, wasm] = await bothWays(() =>
        new HistGradientBoostingClassifier({
          maxIter: 10,
          nJobs,
          categoricalFeatures: [0],
          earlyStopping: false,
        }).fit(x, y, { sampleWeight: w }),
      );
      const p = wasm.predictProba(x);
      expectSameBits(p.data, js.predictProba(x).data);
      const accuracy = Array.from(wasm.predict(x)).filter((v, i) => v === y[i]).length / n;
      expect(accuracy).toBeGreaterThan(0.75);
    }
  });

  it('give the same model on row subsamples (every root gathered)', async () => {
    const { X, y } = makeRegression({ nSamples: 2500, nFeatures: 9, noise: 3, seed: 9 });
    for (const nJobs of [1, 2]) {
      const [js, wasm] = await bothWays(() =>
        new HistGradientBoostingRegressor({ maxIter: 10, nJobs, subsample: 0.7, earlyStopping: false }).fit(
          X,
          y,
        ),
      );
      expectSameBits(wasm.predict(X), js.predict(X));
    }
  });

  it('give the same multiclass model (three trees per iteration, gradients by class)', async () => {
    const { X, y } = makeClassification({
      nSamples: 2000,
      nFeatures: 8,
      nInformative: 5,
      nClasses: 3,
      seed: 6,
    });
    const [js, wasm] = await bothWays(() =>
      new HistGradientBoostingClassifier({ maxIter: 8, nJobs: 2, earlyStopping: false }).fit(X, y),
    );
    expectSameBits(wasm.predictProba(X).data, js.predictProba(X).data);
  });
});
