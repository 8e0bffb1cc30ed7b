// HistGradientBoostingClassifier: conformance, binary and multinomial log loss, probabilities,
// early stopping with an eval set, categorical splits, and errors.
import { describe, expect, it } from 'vitest';
import { Float64Matrix, Frame } from '../../data/index.js';
import { makeClassification } from '../../datasets/index.js';
import { DataError, FormatError, InvalidParameterError } from '../../errors/index.js';
import { accuracyScore, rocAucScore } from '../../metrics/index.js';
import { loadModel, saveModel } from '../../persistence/index.js';
import { conformanceChecks } from '../../testing/index.js';
import { Rng } from '../../utils/random.js';
import { HistGradientBoostingClassifier } from './classifier.js';

describe('HistGradientBoostingClassifier conformance', () => {
  for (const c of conformanceChecks(
    () => new HistGradientBoostingClassifier({ maxIter: 10, minSamplesLeaf: 5 }),
  )) {
    it(c.name, c.run);
  }
});

describe('HistGradientBoostingClassifier', () => {
  const bin = makeClassification({ nSamples: 1500, nFeatures: 8, nInformative: 4, nClasses: 2, seed: 11 });
  const tr = Int32Array.from({ length: 1000 }, (_, i) => i);
  const te = Int32Array.from({ length: 500 }, (_, i) => 1000 + i);

  it('binary: one tree per iteration, sigmoid probabilities, a good AUC', async () => {
    const m = await new HistGradientBoostingClassifier({ earlyStopping: false }).fit(
      bin.X.takeRows(tr),
      Array.from(bin.y.subarray(0, 1000), (k) => (k ? 'yes' : 'no')),
    );
    expect(m.classes).toEqual(['no', 'yes']);
    expect(m.trees()).toHaveLength(100);
    const Xte = bin.X.takeRows(te);
    const p = m.predictProba(Xte);
    const d = m.decisionFunction(Xte);
    expect(d.cols).toBe(1);
    for (let i = 0; i < 5; i++) expect(p.get(i, 1)).toBeCloseTo(1 / (1 + Math.exp(-d.data[i]!)), 12);
    const yte = Array.from(bin.y.subarray(1000));
    expect(rocAucScore(yte, p.column(1))).toBeGreaterThan(0.85);
    expect(m.baseScore).toHaveLength(1);
  });

  it('multinomial: one tree per class per iteration, softmax probabilities', async () => {
    const { X, y } = makeClassification({
      nSamples: 900,
      nFeatures: 6,
      nInformative: 4,
      nClasses: 3,
      seed: 5,
    });
    const m = await new HistGradientBoostingClassifier({ maxIter: 30 }).fit(X, y);
    expect(m.trees()).toHaveLength(90);
    expect(m.baseScore).toHaveLength(3);
    expect(accuracyScore(y, m.predict(X))).toBeGreaterThan(0.9);
    const d = m.decisionFunction(X);
    expect(d.cols).toBe(3);
  });

  it('stops early with an eval set and with a stratified validation fraction', async () => {
    const { X, y } = makeClassification({ nSamples: 2000, nFeatures: 6, nClasses: 2, flipY: 0.3, seed: 2 });
    const v = makeClassification({ nSamples: 500, nFeatures: 6, nClasses: 2, flipY: 0.3, seed: 3 });
    const m = await new HistGradientBoostingClassifier({ maxIter: 500, learningRate: 0.5 }).fit(X, y, {
      validationData: { X: v.X, y: v.y },
    });
    expect(m.nIter).toBeLessThan(500);
    expect(m.validationScore).toHaveLength(m.nIter + 1);
    const f = await new HistGradientBoostingClassifier({
      maxIter: 500,
      learningRate: 0.5,
      earlyStopping: true,
    }).fit(X, y);
    expect(f.nIter).toBeLessThan(500);
    await expect(
      new HistGradientBoostingClassifier({}).fit(X, y, {
        validationData: { X: v.X, y: Array.from(v.y, (k) => k + 5) },
      }),
    ).rejects.toThrow(/not among the training classes/);
    await expect(
      new HistGradientBoostingClassifier({}).fit(X, y, { validationData: { X: v.X, y: [0, 1] } }),
    ).rejects.toThrow(DataError);
  });

  it('splits on categories: a category-only signal is learned exactly', async () => {
    const rng = new Rng(4);
    const levels = ['a', 'b', 'c', 'd', 'e', 'f'];
    const positive = new Set(['b', 'e', 'f']);
    const cat: string[] = [];
    const noise = new Float64Array(1200);
    const y: number[] = [];
    for (let i = 0; i < 1200; i++) {
      const l = levels[Math.floor(rng.next() * levels.length)]!;
      cat.push(l);
      noise[i] = rng.next();
      y.push(positive.has(l) ? 1 : 0);
    }
    const frame = new Frame({ cat, noise });
    const m = await new HistGradientBoostingClassifier({ maxIter: 10 }).fit(frame, y);
    expect(accuracyScore(y, m.predict(frame))).toBe(1);
    const root = m.trees()[0]!;
    expect(root.feature[0]).toBe(0);
    expect(root.catOffset[0]).toBeGreaterThanOrEqual(0);
    const loaded = loadModel(saveModel(m)) as HistGradientBoostingClassifier;
    expect(loaded.predict(frame)).toEqual(m.predict(frame));
  });

  it('refuses a single class and bad saved classes', async () => {
    await expect(new HistGradientBoostingClassifier({}).fit([[1], [2], [3]], [1, 1, 1])).rejects.toThrow(
      /at least two/,
    );
    await expect(
      new HistGradientBoostingClassifier({ loss: 'hinge' as never }).fit([[1], [2]], [0, 1]),
    ).rejects.toThrow(InvalidParameterError);
    const m = await new HistGradientBoostingClassifier({ maxIter: 2 }).fit(bin.X, bin.y);
    const state = m.exportState();
    expect(() =>
      new HistGradientBoostingClassifier().importState({ ...state, classes: [1] }, m.inputSchema!, undefined),
    ).toThrow(FormatError);
    expect(() =>
      new HistGradientBoostingClassifier().importState(
        { ...state, classes: [1, 'a'] },
        m.inputSchema!,
        undefined,
      ),
    ).toThrow(FormatError);
    expect(() =>
      new HistGradientBoostingClassifier().importState({ ...state, nFeatures: 3 }, m.inputSchema!, undefined),
    ).toThrow(FormatError);
  });

  it('row and column subsampling stay deterministic and accurate', async () => {
    const p = { subsample: 0.5, maxFeatures: 0.5, seed: 7, earlyStopping: false as const };
    const a = await new HistGradientBoostingClassifier(p).fit(bin.X.takeRows(tr), bin.y.subarray(0, 1000));
    const b = await new HistGradientBoostingClassifier(p).fit(bin.X.takeRows(tr), bin.y.subarray(0, 1000));
    const c = await new HistGradientBoostingClassifier({ ...p, seed: 8 }).fit(
      bin.X.takeRows(tr),
      bin.y.subarray(0, 1000),
    );
    const Xte = bin.X.takeRows(te);
    expect(Array.from(a.predictProba(Xte).data)).toEqual(Array.from(b.predictProba(Xte).data));
    expect(Array.from(a.predictProba(Xte).data)).not.toEqual(Array.from(c.predictProba(Xte).data));
    expect(rocAucScore(Array.from(bin.y.subarray(1000)), a.predictProba(Xte).column(1))).toBeGreaterThan(
      0.85,
    );
    expect(Float64Matrix.fromRows([[1]]).rows).toBe(1);
  });
});
