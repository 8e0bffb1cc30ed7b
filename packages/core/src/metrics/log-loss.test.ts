// Tests of logLoss against scikit-learn 1.7.2 (values in __fixtures__/sklearn-expected.json).
import { describe, expect, it } from 'vitest';
import { DataError, InvalidParameterError, ShapeError } from '../errors/index.js';
import { expectClose, loadExpected } from './__fixtures__/load.js';
import { logLoss } from './log-loss.js';

const E = loadExpected();
const M = E.multiclassProba;
const B = E.logLossBinary;

describe('logLoss', () => {
  it('multiclass matrix, weights and sums match sklearn', () => {
    expectClose(logLoss(M.yTrue, M.proba), M.logLoss);
    expectClose(logLoss(M.yTrue, M.proba, { sampleWeight: M.sampleWeight }), M.logLossWeighted);
    expectClose(logLoss(M.yTrue, M.proba, { normalize: false }), M.logLossSum);
    expectClose(
      logLoss(M.yTrue, M.proba, { normalize: false, sampleWeight: M.sampleWeight }),
      M.logLossSumWeighted,
    );
    expectClose(logLoss(M.yTrueNo3, M.proba, { labels: [0, 1, 2, 3] }), M.logLossLabels);
  });
  it('binary: flat positive-class probabilities, clipped 0 and 1', () => {
    expectClose(logLoss(B.yTrue, B.p), B.loss);
    const s = (B.yTrue as number[]).map((v) => (v === 1 ? 'spam' : 'ham'));
    expectClose(logLoss(s, B.p), B.lossStrings);
    // sklearn docstring example: 0.21616...
    const doc = [
      [0.1, 0.9],
      [0.9, 0.1],
      [0.8, 0.2],
      [0.35, 0.65],
    ];
    expectClose(logLoss(['spam', 'ham', 'ham', 'spam'], doc), B.docExample);
    expect(logLoss([1], [0], { labels: [0, 1] })).toBeCloseTo(-Math.log(Number.EPSILON), 12);
  });
  it('refuses bad probabilities and labels', () => {
    expect(() => logLoss([0, 1], [0.2, 1.2])).toThrow(/greater than 1/);
    expect(() => logLoss([0, 1], [-0.2, 0.2])).toThrow(/lower than 0/);
    expect(() => logLoss([1, 1], [0.2, 0.3])).toThrow(/only one label/);
    expect(() => logLoss([1, 1], [0.2, 0.3], { labels: [1] })).toThrow(InvalidParameterError);
    expect(() => logLoss([0, 2], [0.2, 0.3], { labels: [0, 1] })).toThrow(/not in labels/);
    const halves = [
      [0.5, 0.5],
      [0.5, 0.5],
      [0.5, 0.5],
    ];
    expect(() => logLoss([0, 1, 2], halves)).toThrow(/3 classes.*2 columns/);
    expect(() => logLoss([0, 1, 2], halves, { labels: [0, 1, 2] })).toThrow(ShapeError);
    expect(() => logLoss([0, 1], [[0.5, 0.5]])).toThrow(/2 values but yProb has 1 rows/);
    expect(() => logLoss([0, 1], [0.5])).toThrow(ShapeError);
    expect(() => logLoss([], [])).toThrow(DataError);
    expect(() => logLoss([0, 1], [0.5, 0.5], { sampleWeight: [0, 0] })).toThrow(/sums to zero/);
  });
});
