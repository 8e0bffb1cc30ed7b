// HistGradientBoostingRegressor: conformance, losses, early stopping, monotonic constraints,
// sample weights, thread-count invariance and errors.
import { afterAll, describe, expect, it } from 'vitest';
import { Float64Matrix, Frame } from '../../data/index.js';
import { makeRegression } from '../../datasets/index.js';
import { DataError, FormatError, InvalidParameterError, NotFittedError } from '../../errors/index.js';
import { r2Score } from '../../metrics/index.js';
import { closeWorkerPools } from '../../parallel/index.js';
import { loadModel, saveModel } from '../../persistence/index.js';
import { conformanceChecks } from '../../testing/index.js';
import { accumulateTree } from '../../tree/flat-tree.js';
import { Rng } from '../../utils/random.js';
import { setParallelThresholds } from './boosting-team.js';
import { HistGradientBoostingRegressor } from './regressor.js';

afterAll(closeWorkerPools);

describe('HistGradientBoostingRegressor conformance', () => {
  for (const c of conformanceChecks(
    () => new HistGradientBoostingRegressor({ maxIter: 20, minSamplesLeaf: 5 }),
  )) {
    it(c.name, c.run);
  }
});

const data = makeRegression({ nSamples: 600, nFeatures: 5, noise: 10, seed: 4 });

describe('HistGradientBoostingRegressor', () => {
  it('fits a non-linear function and generalises', async () => {
    const rng = new Rng(1);
    const n = 2000;
    const X = Float64Matrix.zeros(n, 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = rng.next() * 6 - 3;
      const b = rng.next() * 6 - 3;
      X.set(i, 0, a);
      X.set(i, 1, b);
      y[i] = Math.sin(a) * 3 + (b > 0 ? 2 : -2) + rng.normal() * 0.1;
    }
    const tr = Int32Array.from({ length: 1500 }, (_, i) => i);
    const te = Int32Array.from({ length: 500 }, (_, i) => 1500 + i);
    const m = await new HistGradientBoostingRegressor({ earlyStopping: false }).fit(
      X.takeRows(tr),
      y.subarray(0, 1500),
    );
    expect(r2Score(y.subarray(1500), m.predict(X.takeRows(te)))).toBeGreaterThan(0.98);
    expect(m.trees()).toHaveLength(100);
    expect(m.nIter).toBe(100);
    expect(m.trainScore).toHaveLength(0);
  });

  it('predictions equal the base score plus the FlatTrees (the shared format)', async () => {
    const m = await new HistGradientBoostingRegressor({ maxIter: 15 }).fit(data.X, data.y);
    const out = new Float64Array(data.X.rows).fill(m.baseScore);
    for (const t of m.trees()) accumulateTree(t, data.X, out);
    const pred = m.predict(data.X);
    for (let i = 0; i < out.length; i++) expect(pred[i]).toBeCloseTo(out[i]!, 9);
    expect(m.trees()[0]!.weight[0]).toBe(data.X.rows); // cover = hessian sum = rows for squared error
  });

  it('absolute error, Huber and quantile losses resist outliers / hit the quantile', async () => {
    const y = data.y.slice();
    for (let i = 0; i < y.length; i += 10) y[i] = y[i]! + 5000;
    const clean = data.y.filter((_, i) => i % 10 !== 0);
    const cleanRows = Int32Array.from({ length: data.X.rows }, (_, i) => i).filter((i) => i % 10 !== 0);
    const Xc = data.X.takeRows(cleanRows);
    const sq = await new HistGradientBoostingRegressor({ maxIter: 50 }).fit(data.X, y);
    const abs = await new HistGradientBoostingRegressor({ maxIter: 50, loss: 'absoluteError' }).fit(
      data.X,
      y,
    );
    const hub = await new HistGradientBoostingRegressor({ maxIter: 50, loss: 'huber' }).fit(data.X, y);
    const r2sq = r2Score(clean, sq.predict(Xc));
    expect(r2Score(clean, abs.predict(Xc))).toBeGreaterThan(r2sq);
    expect(r2Score(clean, hub.predict(Xc))).toBeGreaterThan(r2sq);
    const q = await new HistGradientBoostingRegressor({ maxIter: 50, loss: 'quantile', quantile: 0.9 }).fit(
      data.X,
      data.y,
    );
    const p = q.predict(data.X);
    const below = data.y.filter((v, i) => v <= p[i]!).length / data.y.length;
    expect(below).toBeGreaterThan(0.8);
    expect(below).toBeLessThan(0.97);
  });

  it('stops early on a validation fraction and on validationData', async () => {
    const big = makeRegression({ nSamples: 3000, nFeatures: 5, noise: 50, seed: 9 });
    const m = await new HistGradientBoostingRegressor({
      earlyStopping: true,
      maxIter: 300,
      learningRate: 0.3,
    }).fit(big.X, big.y);
    expect(m.nIter).toBeLessThan(300);
    expect(m.validationScore).toHaveLength(m.nIter + 1);
    expect(m.trainScore).toHaveLength(m.nIter + 1);
    expect(m.trainScore.at(-1)!).toBeGreaterThan(m.trainScore[0]!);
    const v = await new HistGradientBoostingRegressor({ maxIter: 300, learningRate: 0.3 }).fit(big.X, big.y, {
      validationData: { X: data.X, y: data.y },
    });
    expect(v.nIter).toBeLessThan(300);
    expect(v.validationScore).toHaveLength(v.nIter + 1);
  });

  it('respects monotonic constraints', async () => {
    const rng = new Rng(3);
    const n = 1000;
    const X = Float64Matrix.zeros(n, 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = rng.next();
      const b = rng.next();
      X.set(i, 0, a);
      X.set(i, 1, b);
      y[i] = 5 * a + Math.sin(10 * a) + b + rng.normal() * 0.5; // not monotone in a without the constraint
    }
    const inc = await new HistGradientBoostingRegressor({ monotonicCst: [1, 0] }).fit(X, y);
    const dec = await new HistGradientBoostingRegressor({ monotonicCst: { x0: -1 } }).fit(X, y);
    const free = await new HistGradientBoostingRegressor({}).fit(X, y);
    const grid = Float64Matrix.zeros(200, 2);
    let freeViolations = 0;
    for (const b of [0.1, 0.5, 0.9]) {
      for (let i = 0; i < 200; i++) {
        grid.set(i, 0, i / 199);
        grid.set(i, 1, b);
      }
      const pi = inc.predict(grid);
      const pd = dec.predict(grid);
      const pf = free.predict(grid);
      for (let i = 1; i < 200; i++) {
        expect(pi[i]!).toBeGreaterThanOrEqual(pi[i - 1]! - 1e-12);
        expect(pd[i]!).toBeLessThanOrEqual(pd[i - 1]! + 1e-12);
        if (pf[i]! < pf[i - 1]! - 1e-9) freeViolations++;
      }
    }
    expect(freeViolations).toBeGreaterThan(0);
  });

  it('weight 2 equals a duplicated row', async () => {
    const rng = new Rng(5);
    const n = 80;
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = Math.floor(rng.next() * 20);
      rows.push([a, Math.floor(rng.next() * 5)]);
      y.push(a * 2 + rng.normal());
    }
    const w = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 2 : 1));
    const dupRows = rows.flatMap((r, i) => (i % 3 === 0 ? [r, r] : [r]));
    const dupY = y.flatMap((v, i) => (i % 3 === 0 ? [v, v] : [v]));
    const p = { maxIter: 20, minSamplesLeaf: 1, earlyStopping: false as const };
    const a = await new HistGradientBoostingRegressor(p).fit(rows, y, { sampleWeight: w });
    const b = await new HistGradientBoostingRegressor(p).fit(dupRows, dupY);
    const pa = a.predict(rows);
    const pb = b.predict(rows);
    for (let i = 0; i < n; i++) expect(pa[i]).toBeCloseTo(pb[i]!, 9);
  });

  /** Fits on one thread and on `threads`, with the workers taking part in every node. */
  async function oneAndMore(
    threads: number,
    fit: (nJobs: number) => Promise<HistGradientBoostingRegressor>,
  ): Promise<[HistGradientBoostingRegressor, HistGradientBoostingRegressor]> {
    const previous = setParallelThresholds({ histogramWork: 0, partitionRows: 0 });
    try {
      return [await fit(1), await fit(threads)];
    } finally {
      setParallelThresholds(previous);
    }
  }

  it('gives identical models whatever the thread count (workers forced on)', async () => {
    const big = makeRegression({ nSamples: 3000, nFeatures: 9, noise: 5, seed: 2 });
    const [one, three] = await oneAndMore(3, (nJobs) =>
      new HistGradientBoostingRegressor({ maxIter: 10, nJobs }).fit(big.X, big.y),
    );
    expect(Array.from(three.predict(big.X))).toEqual(Array.from(one.predict(big.X)));
  });

  it('gives identical models on 1 and 2 threads with missing values and categorical splits', async () => {
    const rng = new Rng(21);
    const n = 4000;
    const X = new Float64Array(n * 4);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = rng.int(40);
      X[i * 4] = c;
      for (let j = 1; j < 4; j++) X[i * 4 + j] = rng.next() < 0.1 ? Number.NaN : rng.normal();
      y[i] = (c % 7) * 3 + (Number.isNaN(X[i * 4 + 1]!) ? 5 : X[i * 4 + 1]!) + rng.normal();
    }
    const x = new Float64Matrix(X, n, 4);
    const [one, two] = await oneAndMore(2, (nJobs) =>
      new HistGradientBoostingRegressor({
        maxIter: 15,
        categoricalFeatures: [0],
        earlyStopping: false,
        nJobs,
      }).fit(x, y),
    );
    expect(Array.from(two.predict(x))).toEqual(Array.from(one.predict(x)));
    expect(r2Score(y, one.predict(x))).toBeGreaterThan(0.9);
  });

  it('gives identical models on 1 and 3 threads: feature subsampling, monotonic bounds, a categorical last column', async () => {
    // Each thread scans its own features: the categorical one and the constrained one lie in
    // the workers' ranges, so their splits come back through shared memory.
    const rng = new Rng(33);
    const n = 3000;
    const d = 7;
    const X = new Float64Array(n * d);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d - 1; j++) X[i * d + j] = rng.next() < 0.05 ? Number.NaN : rng.normal();
      const c = rng.int(50);
      X[i * d + d - 1] = c;
      y[i] = 2 * (X[i * d + 4]! || 0) + ((c * 7) % 11) + Math.sin(X[i * d]! || 0) + rng.normal() * 0.3;
    }
    const x = new Float64Matrix(X, n, d);
    const p = {
      maxIter: 12,
      maxFeatures: 0.6,
      monotonicCst: [0, 0, 0, 0, 1, 0, 0],
      categoricalFeatures: [d - 1],
      earlyStopping: false as const,
      seed: 5,
    };
    const [one, three] = await oneAndMore(3, (nJobs) =>
      new HistGradientBoostingRegressor({ ...p, nJobs }).fit(x, y),
    );
    expect(Array.from(three.predict(x))).toEqual(Array.from(one.predict(x)));
    expect(r2Score(y, one.predict(x))).toBeGreaterThan(0.8);
  });

  it('handles missing values and categorical Frame columns', async () => {
    const rng = new Rng(8);
    const n = 1200;
    const num = new Float64Array(n);
    const cat: string[] = [];
    const y = new Float64Array(n);
    const effect: Record<string, number> = { a: 0, b: 10, c: -5, d: 3 };
    for (let i = 0; i < n; i++) {
      const level = 'abcd'[Math.floor(rng.next() * 4)]!;
      cat.push(level);
      const v = rng.next();
      const missing = rng.next() < 0.2;
      num[i] = missing ? Number.NaN : v;
      y[i] = effect[level]! + (missing ? 8 : 4 * v) + rng.normal() * 0.1;
    }
    const frame = new Frame({ num, cat });
    const m = await new HistGradientBoostingRegressor({}).fit(frame, y);
    expect(r2Score(y, m.predict(frame))).toBeGreaterThan(0.99);
    const probe = new Frame({ num: [Number.NaN, 0.5], cat: ['b', 'b'] });
    const [pNaN, pHalf] = m.predict(probe);
    expect(pNaN!).toBeCloseTo(18, 0);
    expect(pHalf!).toBeCloseTo(12, 0);
    const unseen = m.predict(new Frame({ num: [0.5], cat: ['zzz'] }))[0]!;
    expect(Number.isFinite(unseen)).toBe(true);
  });

  it('refuses bad parameters and inputs with typed errors', async () => {
    const fit = (p: object) => new HistGradientBoostingRegressor(p).fit(data.X, data.y);
    await expect(fit({ learningRate: 0 })).rejects.toThrow(InvalidParameterError);
    await expect(fit({ maxBins: 256 })).rejects.toThrow(/maxBins/);
    await expect(fit({ maxLeafNodes: 1 })).rejects.toThrow(InvalidParameterError);
    await expect(fit({ loss: 'poisson' })).rejects.toThrow(/loss/);
    await expect(fit({ loss: 'quantile' })).rejects.toThrow(/quantile/);
    await expect(fit({ earlyStopping: 'yes' })).rejects.toThrow(InvalidParameterError);
    await expect(fit({ subsample: 0 })).rejects.toThrow(InvalidParameterError);
    await expect(fit({ nJobs: 0 })).rejects.toThrow(InvalidParameterError);
    await expect(fit({ categoricalFeatures: 'all' })).rejects.toThrow(/categoricalFeatures/);
    await expect(fit({ categoricalFeatures: [7] })).rejects.toThrow(/not among/);
    await expect(fit({ categoricalFeatures: ['nope'] })).rejects.toThrow(/not among/);
    await expect(fit({ monotonicCst: [1] })).rejects.toThrow(/5 features/);
    await expect(fit({ monotonicCst: [2, 0, 0, 0, 0] })).rejects.toThrow(/-1, 0 or \+1/);
    await expect(fit({ categoricalFeatures: [0] })).rejects.toThrow(DataError); // non-integer codes
    const codes = [
      [0, 1],
      [1, 2],
      [2, 0],
      [1, 1],
    ];
    await expect(
      new HistGradientBoostingRegressor({ categoricalFeatures: [0], monotonicCst: [1, 0] }).fit(
        codes,
        [1, 2, 3, 4],
      ),
    ).rejects.toThrow(/cannot have a monotonic/);
    await expect(
      new HistGradientBoostingRegressor({ categoricalFeatures: [0], maxBins: 2 }).fit(codes, [1, 2, 3, 4]),
    ).rejects.toThrow(DataError);
    const many = new Frame({ c: Array.from({ length: 300 }, (_, i) => `L${i}`) });
    await expect(new HistGradientBoostingRegressor({}).fit(many, new Float64Array(300))).rejects.toThrow(
      /300 categories/,
    );
    await expect(
      new HistGradientBoostingRegressor({}).fit(new Frame({ c: ['a', 'b'] }), [1, 2]),
    ).resolves.toBeDefined();
    await expect(
      new HistGradientBoostingRegressor({ categoricalFeatures: null }).fit(
        new Frame({ c: ['a', 'b'] }),
        [1, 2],
      ),
    ).rejects.toThrow(/categoricalFeatures does not include/);
    const m = new HistGradientBoostingRegressor();
    expect(() => m.trees()).toThrow(NotFittedError);
    expect(() => m.nIter).toThrow(NotFittedError);
  });

  it('refuses tampered saved state with FormatError', async () => {
    const m = await new HistGradientBoostingRegressor({ maxIter: 3 }).fit(data.X, data.y);
    const state = m.exportState();
    const tamper = (k: string, v: unknown) => () =>
      new HistGradientBoostingRegressor().importState(
        { ...state, [k]: v } as never,
        m.inputSchema!,
        undefined,
      );
    expect(tamper('nIter', -1)).toThrow(FormatError);
    expect(tamper('nIter', 4)).toThrow(FormatError);
    expect(tamper('left', new Int32Array((state['left'] as Int32Array).length).fill(0))).toThrow(
      /invalid children/,
    );
    expect(
      tamper(
        'feature',
        (state['feature'] as Int32Array).map((f) => (f >= 0 ? 99 : f)),
      ),
    ).toThrow(FormatError);
    expect(
      tamper('value', new Float64Array((state['value'] as Float64Array).length).fill(Number.NaN)),
    ).toThrow(/non-finite/);
    expect(tamper('threshold', new Float32Array(3))).toThrow(FormatError);
    // No fit produces a NaN split threshold: such a state is corrupt, as in the tree states.
    expect(
      tamper('threshold', new Float64Array((state['threshold'] as Float64Array).length).fill(Number.NaN)),
    ).toThrow(/NaN threshold/);
    expect(tamper('nFeatures', 4)).toThrow(/corrupt/);
    expect(
      tamper('missingLeft', new Uint8Array((state['missingLeft'] as Uint8Array).length).fill(2)),
    ).toThrow(FormatError);
    const loaded = loadModel(saveModel(m)) as HistGradientBoostingRegressor;
    expect(Array.from(loaded.predict(data.X))).toEqual(Array.from(m.predict(data.X)));
  });
});
