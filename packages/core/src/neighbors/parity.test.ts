// Parity with scikit-learn on the bundled datasets: KNN accuracy within 1 point, R² within 0.01.
import { describe, expect, it } from 'vitest';
import { accuracyScore, r2Score } from '../metrics/index.js';
import { caseData, parityCase, withinTolerance } from './__fixtures__/parity.js';
import { KNeighborsClassifier } from './knn-classifier.js';
import { KNeighborsRegressor } from './knn-regressor.js';

const take = <T>(a: T[], idx: number[]): T[] => idx.map((i) => a[i]!);

describe('KNN parity with scikit-learn', () => {
  for (const id of ['knn-classifier-iris', 'knn-classifier-wine', 'knn-classifier-digits']) {
    it(id, async () => {
      const { spec, sklearn } = parityCase(id);
      const { X, y, train, test } = caseData(spec);
      const knn = await new KNeighborsClassifier(spec.ours.params).fit(
        take(X, train),
        take(y, train) as string[],
      );
      const ours = accuracyScore(take(y, test) as string[], knn.predict(take(X, test)) as string[]);
      expect(
        withinTolerance(ours, sklearn.score, spec),
        `${id}: ours ${ours}, scikit-learn ${sklearn.score}`,
      ).toBe(true);
    });
  }

  it('knn-regressor-diabetes', async () => {
    const { spec, sklearn } = parityCase('knn-regressor-diabetes');
    const { X, y, train, test } = caseData(spec);
    const knn = await new KNeighborsRegressor(spec.ours.params).fit(
      take(X, train),
      take(y, train) as number[],
    );
    const ours = r2Score(take(y, test) as number[], knn.predict(take(X, test)));
    expect(withinTolerance(ours, sklearn.score, spec), `ours ${ours}, scikit-learn ${sklearn.score}`).toBe(
      true,
    );
    // The KD-tree and brute force agree exactly.
    const brute = await new KNeighborsRegressor({ ...spec.ours.params, algorithm: 'brute' }).fit(
      take(X, train),
      take(y, train) as number[],
    );
    const tree = await new KNeighborsRegressor({ ...spec.ours.params, algorithm: 'kdTree' }).fit(
      take(X, train),
      take(y, train) as number[],
    );
    expect(tree.predict(take(X, test))).toEqual(brute.predict(take(X, test)));
  });
});
