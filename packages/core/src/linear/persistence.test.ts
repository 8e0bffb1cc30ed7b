// Tests that saved linear models reload exactly and that tampered-but-rechecksummed files are
// refused with FormatError instead of crashing or predicting nonsense.
import { describe, expect, it } from 'vitest';
import type { BaseEstimator } from '../base/index.js';
import { FormatError } from '../errors/index.js';
import { loadModel, saveModel } from '../persistence/index.js';
import { referenceData } from './__fixtures__/linear-data.js';
import { stateOf, tamperModel } from './__fixtures__/tamper.js';
import { ElasticNet, Lasso } from './elastic-net.js';
import { LinearRegression } from './linear-regression.js';
import { LogisticRegression } from './logistic-regression.js';
import { Ridge } from './ridge.js';

const data = referenceData();

async function saved(est: BaseEstimator, y: ArrayLike<number | string>): Promise<Uint8Array> {
  await est.fit(data.X, y as never);
  return saveModel(est);
}

describe('linear model persistence', () => {
  it('reloads every model with its learned attributes', async () => {
    const lr = loadModel(await saved(new LinearRegression(), data.yReg)) as LinearRegression;
    expect(lr.rank).toBe(4);
    expect(lr.singularValues!.length).toBe(4);
    const en = loadModel(await saved(new ElasticNet({ alpha: 0.1 }), data.yReg)) as ElasticNet;
    expect(en.nIter).toBeGreaterThan(0);
    expect(en.dualGap).toBeGreaterThanOrEqual(0);
    const ridge = new Ridge();
    const r = loadModel(await saved(ridge, data.yReg)) as Ridge;
    expect(Array.from(r.predict(data.X))).toEqual(Array.from(ridge.predict(data.X)));
    const log = new LogisticRegression();
    const l = loadModel(
      await saved(
        log,
        data.y3.map((c) => `c${c}`),
      ),
    ) as LogisticRegression;
    expect(l.classes).toEqual(['c0', 'c1', 'c2']);
    expect(Array.from(l.decisionFunction(data.X).data)).toEqual(
      Array.from(log.decisionFunction(data.X).data),
    );
  });

  it('refuses tampered regressor state', async () => {
    const bytes = await saved(new Lasso({ alpha: 0.1 }), data.yReg);
    // An untouched rewrite still loads, so each failure below is the edit's doing.
    expect(loadModel(tamperModel(bytes, () => {})).isFitted).toBe(true);
    const edits: [string, Parameters<typeof tamperModel>[1]][] = [
      ['non-finite coef', (_m, blob) => blob(0).fill(Number.NaN)],
      ['coef not a typed array', (m) => (stateOf(m)['coef'] = [1, 2, 3, 4])],
      ['intercept missing', (m) => delete stateOf(m)['intercept']],
      ['intercept a string', (m) => (stateOf(m)['intercept'] = '3')],
      ['nIter negative', (m) => (stateOf(m)['nIter'] = -1)],
      ['nIter fractional', (m) => (stateOf(m)['nIter'] = 1.5)],
      ['schema narrower than coef', (m) => (m.model.inputSchema as { features: unknown[] }).features.pop()],
    ];
    for (const [what, edit] of edits) {
      expect(() => loadModel(tamperModel(bytes, edit)), what).toThrow(FormatError);
    }
    const lr = await saved(new LinearRegression(), data.yReg);
    expect(() => loadModel(tamperModel(lr, (m) => (stateOf(m)['singularValues'] = 'x')))).toThrow(
      /singularValues/,
    );
    expect(() => loadModel(tamperModel(lr, (m) => (stateOf(m)['rank'] = Number.NaN)))).toThrow(FormatError);
  });

  it('refuses tampered classifier state', async () => {
    const bytes = await saved(new LogisticRegression(), data.y3);
    expect(loadModel(tamperModel(bytes, () => {})).isFitted).toBe(true);
    const edits: [string, Parameters<typeof tamperModel>[1]][] = [
      ['unsorted classes', (m) => (stateOf(m)['classes'] = [2, 0, 1])],
      ['duplicate classes', (m) => (stateOf(m)['classes'] = [0, 0, 1])],
      ['one class', (m) => (stateOf(m)['classes'] = [0])],
      ['mixed label types', (m) => (stateOf(m)['classes'] = [0, '1', 2])],
      ['classes not an array', (m) => (stateOf(m)['classes'] = 'abc')],
      ['two classes for three score rows', (m) => (stateOf(m)['classes'] = [0, 1])],
      ['four classes for three rows', (m) => (stateOf(m)['classes'] = [0, 1, 2, 3])],
      ['non-finite intercept', (_m, blob) => blob(1).fill(Number.POSITIVE_INFINITY)],
      [
        'schema wider than coef',
        (m) => (m.model.inputSchema as { features: unknown[] }).features.push({ name: 'x', kind: 'numeric' }),
      ],
    ];
    for (const [what, edit] of edits) {
      expect(() => loadModel(tamperModel(bytes, edit)), what).toThrow(FormatError);
    }
  });
});
