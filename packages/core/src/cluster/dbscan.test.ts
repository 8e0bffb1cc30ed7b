// DBSCAN: conformance, clusters and noise on known data, scikit-learn's border-point order,
// sample weights, large inputs without an n × n matrix, errors, state checks.
import { describe, expect, it } from 'vitest';
import type { State } from '../base/index.js';
import { Float64Matrix } from '../data/index.js';
import { makeBlobs } from '../datasets/index.js';
import { FormatError, InvalidParameterError } from '../errors/index.js';
import { adjustedRandScore } from '../metrics/index.js';
import { conformanceChecks } from '../testing/check-estimator.js';
import { Rng } from '../utils/random.js';
import { DBSCAN } from './dbscan.js';

describe('DBSCAN conformance', () => {
  for (const c of conformanceChecks(() => new DBSCAN({ eps: 1, minSamples: 4 }))) it(c.name, c.run);
});

describe('DBSCAN conformance (brute force, manhattan)', () => {
  for (const c of conformanceChecks(() => new DBSCAN({ eps: 1.2, algorithm: 'brute', metric: 'manhattan' })))
    it(c.name, c.run);
});

const column = (values: number[]) => values.map((v) => [v]);

describe('DBSCAN behaviour', () => {
  it('finds dense groups and marks isolated rows as noise', async () => {
    const db = await new DBSCAN({ eps: 0.3, minSamples: 3 }).fit(column([0, 0.1, 0.2, 5, 5.1, 5.2, 5.3, 9]));
    expect(Array.from(db.labels!)).toEqual([0, 0, 0, 1, 1, 1, 1, -1]);
    expect(Array.from(db.coreSampleIndices!)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('gives a border row to the cluster that reaches it first, as scikit-learn does', async () => {
    // scikit-learn 1.9.1, DBSCAN(eps=0.55, min_samples=4): on [1.4,1.6,1.7,1.8,0,0.1,0.2,0.4,0.9]
    // labels [0,0,0,0,1,1,1,1,0], core [0..7]; on [0,0.1,0.2,0.4,0.9,1.4,1.6,1.7,1.8] labels
    // [0,0,0,0,0,1,1,1,1], core [0,1,2,3,5,6,7,8]. The border row 0.9 joins the first cluster.
    const a = await new DBSCAN({ eps: 0.55, minSamples: 4 }).fit(
      column([1.4, 1.6, 1.7, 1.8, 0, 0.1, 0.2, 0.4, 0.9]),
    );
    expect(Array.from(a.labels!)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0]);
    expect(Array.from(a.coreSampleIndices!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const b = await new DBSCAN({ eps: 0.55, minSamples: 4 }).fit(
      column([0, 0.1, 0.2, 0.4, 0.9, 1.4, 1.6, 1.7, 1.8]),
    );
    expect(Array.from(b.labels!)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(Array.from(b.coreSampleIndices!)).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
  });

  it('counts sample weights towards minSamples', async () => {
    const x = column([0, 0.1, 3, 10]);
    const plain = await new DBSCAN({ eps: 0.5, minSamples: 3 }).fit(x);
    expect(Array.from(plain.labels!)).toEqual([-1, -1, -1, -1]);
    const weighted = await new DBSCAN({ eps: 0.5, minSamples: 3 }).fit(x, undefined, {
      sampleWeight: [1, 2, 3, 0.5],
    });
    expect(Array.from(weighted.labels!)).toEqual([0, 0, 1, -1]);
    expect(Array.from(weighted.coreSampleIndices!)).toEqual([0, 1, 2]);
  });

  it('gives the same labels with the KD-tree and brute force', async () => {
    const { X, y } = makeBlobs({ nSamples: 500, nFeatures: 3, centers: 4, clusterStd: 0.4, seed: 9 });
    const tree = await new DBSCAN({ eps: 0.5, algorithm: 'kdTree', leafSize: 5 }).fit(X);
    const brute = await new DBSCAN({ eps: 0.5, algorithm: 'brute' }).fit(X);
    expect(Array.from(tree.labels!)).toEqual(Array.from(brute.labels!));
    const clustered = Array.from(y).filter((_, i) => tree.labels![i] !== -1);
    expect(
      adjustedRandScore(
        clustered,
        Array.from(tree.labels!).filter((l) => l !== -1),
      ),
    ).toBeGreaterThan(0.99);
  });

  it('clusters 30,000 rows (an n × n matrix would need 7.2 GB)', async () => {
    const rng = new Rng(2);
    const n = 30000;
    const x = Float64Matrix.zeros(n, 2);
    for (let i = 0; i < n; i++) {
      x.data[i * 2] = (i % 3) * 10 + rng.normal() * 0.5;
      x.data[i * 2 + 1] = rng.normal() * 0.5;
    }
    const db = await new DBSCAN({ eps: 0.1, minSamples: 5 }).fit(x);
    const labels = db.labels!;
    // Every cluster stays within one generating group, and each group is mostly one cluster.
    const groupOf = new Map<number, number>();
    const sizes = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const l = labels[i]!;
      if (l === -1) continue;
      expect(groupOf.get(l) ?? i % 3).toBe(i % 3);
      groupOf.set(l, i % 3);
      sizes.set(l, (sizes.get(l) ?? 0) + 1);
    }
    const biggest = [0, 1, 2].map((g) =>
      Math.max(...[...sizes].filter(([l]) => groupOf.get(l) === g).map(([, s]) => s)),
    );
    for (const size of biggest) expect(size).toBeGreaterThan((n / 3) * 0.9);
  }, 60000);
});

describe('DBSCAN errors', () => {
  it('rejects bad parameters', async () => {
    const bad: Record<string, unknown>[] = [
      { eps: 0 },
      { eps: -1 },
      { minSamples: 0 },
      { minSamples: 2.5 },
      { algorithm: 'ballTree' },
      { leafSize: 0 },
      { metric: 'cosine' },
      { metric: 'minkowski', p: 0 },
    ];
    for (const params of bad)
      await expect(new DBSCAN(params as never).fit([[0], [1]])).rejects.toThrow(InvalidParameterError);
  });

  it('refuses tampered state with FormatError', async () => {
    const db = await new DBSCAN({ eps: 0.3, minSamples: 2 }).fit(column([0, 0.1, 5]));
    const good = db.exportState();
    const tampered: State[] = [
      { ...good, labels: [0, 0, -1] },
      { ...good, labels: new Int32Array([0, 0, -2]) },
      { ...good, coreSampleIndices: [0, 1] },
      { ...good, coreSampleIndices: new Int32Array([1, 0]) },
      { ...good, coreSampleIndices: new Int32Array([0, 3]) },
      { ...good, coreSampleIndices: new Int32Array([0, 2]) },
    ];
    for (const state of tampered) {
      expect(() => new DBSCAN().importState(state, db.inputSchema!, undefined)).toThrow(FormatError);
    }
  });
});
