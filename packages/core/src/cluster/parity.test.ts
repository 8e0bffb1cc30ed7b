// Parity with scikit-learn: k-means inertia within 1%, DBSCAN labels identical up to relabelling.
import { describe, expect, it } from 'vitest';
import { caseData, parityCase, withinTolerance } from '../neighbors/__fixtures__/parity.js';
import { DBSCAN } from './dbscan.js';
import { KMeans } from './kmeans.js';

describe('clustering parity with scikit-learn', () => {
  for (const id of ['kmeans-iris', 'kmeans-digits']) {
    it(id, async () => {
      const { spec, sklearn } = parityCase(id);
      const km = await new KMeans(spec.ours.params).fit(caseData(spec).X);
      expect(
        withinTolerance(km.inertia!, sklearn.score, spec),
        `${id}: ours ${km.inertia}, scikit-learn ${sklearn.score}`,
      ).toBe(true);
    });
  }

  for (const id of ['dbscan-iris', 'dbscan-blobs']) {
    it(`${id}: labels equal scikit-learn's up to relabelling`, async () => {
      const { spec, sklearn } = parityCase(id);
      const ours = Array.from((await new DBSCAN(spec.ours.params).fit(caseData(spec).X)).labels!);
      const theirs = sklearn.labels!;
      expect(ours.length).toBe(theirs.length);
      // A bijection between label sets that maps noise to noise.
      const forward = new Map<number, number>();
      const backward = new Map<number, number>();
      ours.forEach((l, i) => {
        const t = theirs[i]!;
        expect(l === -1, `row ${i}: noise must match`).toBe(t === -1);
        expect(forward.get(l) ?? t).toBe(t);
        expect(backward.get(t) ?? l).toBe(l);
        forward.set(l, t);
        backward.set(t, l);
      });
      expect(new Set(ours).size).toBeGreaterThan(2);
    });
  }
});
