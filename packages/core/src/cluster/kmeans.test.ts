// KMeans: conformance, recovery of known blobs, Lloyd details (weights, empty clusters), errors, state checks.
import { describe, expect, it } from 'vitest';
import type { State } from '../base/index.js';
import { Float64Matrix } from '../data/index.js';
import { makeBlobs } from '../datasets/index.js';
import { FormatError, InvalidParameterError, NotFittedError, ShapeError } from '../errors/index.js';
import { adjustedRandScore } from '../metrics/index.js';
import { conformanceChecks } from '../testing/check-estimator.js';
import { Rng } from '../utils/random.js';
import { KMeans } from './kmeans.js';
import { kmeansPlusPlus } from './kmeans-init.js';
import { lloyd, nearestCenters } from './kmeans-math.js';

describe('KMeans conformance', () => {
  for (const c of conformanceChecks(() => new KMeans({ nClusters: 3 }))) it(c.name, c.run);
});

describe('KMeans conformance (random init, several runs)', () => {
  for (const c of conformanceChecks(() => new KMeans({ nClusters: 4, init: 'random', seed: 3 })))
    it(c.name, c.run);
});

describe('KMeans behaviour', () => {
  const blobs = makeBlobs({ nSamples: 600, nFeatures: 4, centers: 5, clusterStd: 0.6, seed: 11 });

  it('recovers well-separated blobs', async () => {
    const km = await new KMeans({ nClusters: 5, nInit: 3 }).fit(blobs.X);
    expect(adjustedRandScore(blobs.y, km.labels!)).toBe(1);
    expect(km.clusterCenters!.rows).toBe(5);
    // Each fitted center is within 0.15 of a true center.
    for (let c = 0; c < 5; c++) {
      let best = Number.POSITIVE_INFINITY;
      for (let t = 0; t < 5; t++) {
        let s = 0;
        for (let j = 0; j < 4; j++) s += (km.clusterCenters!.get(c, j) - blobs.centers.get(t, j)) ** 2;
        best = Math.min(best, Math.sqrt(s));
      }
      expect(best).toBeLessThan(0.15);
    }
  });

  it('reports inertia, score, predict and transform consistently', async () => {
    const km = await new KMeans({ nClusters: 5 }).fit(blobs.X);
    const dist = km.transform(blobs.X);
    expect([dist.rows, dist.cols]).toEqual([600, 5]);
    let inertia = 0;
    const predicted = km.predict(blobs.X);
    for (let i = 0; i < 600; i++) {
      const row = Array.from(dist.row(i));
      expect(predicted[i]).toBe(row.indexOf(Math.min(...row)));
      inertia += Math.min(...row) ** 2;
    }
    expect(Array.from(predicted)).toEqual(Array.from(km.labels!));
    expect(km.inertia).toBeCloseTo(inertia, 8);
    expect(km.score(blobs.X)).toBeCloseTo(-inertia, 8);
    expect(km.nIter).toBeGreaterThanOrEqual(1);
    const fresh = new KMeans({ nClusters: 5 });
    expect((await fresh.fitTransform(blobs.X)).data).toEqual(dist.data);
  });

  it('keeps the best of nInit runs', async () => {
    const one = await new KMeans({ nClusters: 8, init: 'random', nInit: 1, seed: 1 }).fit(blobs.X);
    const many = await new KMeans({ nClusters: 8, init: 'random', nInit: 10, seed: 1 }).fit(blobs.X);
    expect(many.inertia!).toBeLessThanOrEqual(one.inertia!);
  });

  it('weights rows in the means (scikit-learn 1.9.1: centers 0.25 and 10.75, inertia 1.5)', async () => {
    const km = await new KMeans({ nClusters: 2 }).fit([[0], [1], [10], [11]], undefined, {
      sampleWeight: [3, 1, 1, 3],
    });
    const centers = Array.from(km.clusterCenters!.data).sort((a, b) => a - b);
    expect(centers[0]).toBeCloseTo(0.25, 12);
    expect(centers[1]).toBeCloseTo(10.75, 12);
    expect(km.inertia).toBeCloseTo(1.5, 12);
  });

  it('relocates an empty cluster to the row farthest from its center, as scikit-learn does', () => {
    // scikit-learn 1.9.1: KMeans(3, init=[[0],[0],[10]], n_init=1) on [0,1,3,10,11,12] gives
    // centers [0.5, 3, 11], labels [0,0,1,2,2,2], inertia 2.5, n_iter 2.
    const x = new Float64Array([0, 1, 3, 10, 11, 12]);
    const res = lloyd(x, 6, 1, new Float64Array(6).fill(1), new Float64Array([0, 0, 10]), 300, 0, () => {});
    expect(Array.from(res.centers)).toEqual([0.5, 3, 11]);
    expect(Array.from(res.labels)).toEqual([0, 0, 1, 2, 2, 2]);
    expect(res.inertia).toBe(2.5);
    expect(res.nIter).toBe(2);
  });

  it('stops at maxIter with labels matching the final centers', () => {
    const rng = new Rng(4);
    const x = Float64Array.from({ length: 400 }, () => rng.normal());
    const init = kmeansPlusPlus(x, 200, 2, 6, new Float64Array(200).fill(1), new Rng(1));
    const res = lloyd(x, 200, 2, new Float64Array(200).fill(1), init, 1, 0, () => {});
    expect(res.nIter).toBe(1);
    const nearest = new Int32Array(200);
    const inertia = nearestCenters(x, 200, 2, res.centers, nearest);
    expect(Array.from(res.labels)).toEqual(Array.from(nearest));
    expect(res.inertia).toBeCloseTo(inertia, 10);
  });

  it('picks distinct rows as k-means++ seeds, spread over the blobs', () => {
    const centers = kmeansPlusPlus(blobs.X.data, 600, 4, 5, new Float64Array(600).fill(1), new Rng(0));
    const km = new Float64Matrix(centers, 5, 4);
    const nearest = new Set<number>();
    for (let c = 0; c < 5; c++) {
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      for (let t = 0; t < 5; t++) {
        let s = 0;
        for (let j = 0; j < 4; j++) s += (km.get(c, j) - blobs.centers.get(t, j)) ** 2;
        if (s < bestD) [best, bestD] = [t, s];
      }
      nearest.add(best);
    }
    expect(nearest.size).toBe(5);
  });
});

describe('KMeans errors', () => {
  it('rejects bad parameters', async () => {
    const bad: Record<string, unknown>[] = [
      { nClusters: 0 },
      { init: 'kmeans' },
      { nInit: 0 },
      { nInit: 'many' },
      { maxIter: 0 },
      { tol: -1 },
      { seed: 1.5 },
    ];
    for (const params of bad)
      await expect(new KMeans(params as never).fit([[0], [1]])).rejects.toThrow(InvalidParameterError);
    await expect(new KMeans({ nClusters: 3 }).fit([[0], [1]])).rejects.toThrow(
      /nClusters \(3\) must not exceed the number of rows \(2\)/,
    );
  });

  it('checks predict, transform and score input', async () => {
    expect(() => new KMeans().predict([[0]])).toThrow(NotFittedError);
    expect(() => new KMeans().transform([[0]])).toThrow(NotFittedError);
    expect(() => new KMeans().score([[0]])).toThrow(NotFittedError);
    const km = await new KMeans({ nClusters: 2 }).fit([[0], [1], [5]]);
    expect(() => km.transform([[0, 1]])).toThrow(ShapeError);
  });

  it('refuses tampered state with FormatError', async () => {
    const km = await new KMeans({ nClusters: 2 }).fit([[0], [1], [5]]);
    const good = km.exportState();
    const tampered: State[] = [
      { ...good, clusterCenters: [0.5, 5] },
      { ...good, nFeatures: 0 },
      { ...good, nFeatures: 2, clusterCenters: new Float64Array([1, 2, 3]) },
      { ...good, clusterCenters: new Float64Array([Number.NaN, 5]) },
      { ...good, inertia: -1 },
      { ...good, nIter: 0 },
      { ...good, labels: new Int32Array([0, 1, 2]) },
      { ...good, labels: [0, 0, 1] },
    ];
    for (const state of tampered) {
      expect(() => new KMeans({ nClusters: 2 }).importState(state, km.inputSchema!, undefined)).toThrow(
        FormatError,
      );
    }
  });
});
