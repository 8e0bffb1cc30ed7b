// SimpleImputer and PolynomialFeatures: conformance, strategies on numeric and categorical
// columns, indicators, empty columns, sklearn's polynomial order and names, error paths.
import { describe, expect, it } from 'vitest';
import { Frame } from '../data/index.js';
import { DataError, FormatError, InvalidParameterError } from '../errors/index.js';
import { stateOf, tamperModel } from '../linear/__fixtures__/tamper.js';
import { loadModel, saveModel } from '../persistence/index.js';
import { conformanceChecks } from '../testing/index.js';
import { PolynomialFeatures } from './polynomial-features.js';
import { SimpleImputer } from './simple-imputer.js';

const N = Number.NaN;
const holes = [
  [1, N, 5],
  [N, 4, 5],
  [3, 4, N],
  [8, 1, 5],
];

describe('conformance', () => {
  for (const c of conformanceChecks(() => new SimpleImputer({ strategy: 'median', addIndicator: true })))
    it(`SimpleImputer: ${c.name}`, c.run);
  for (const c of conformanceChecks(() => new PolynomialFeatures({ degree: 3 })))
    it(`PolynomialFeatures: ${c.name}`, c.run);
});

describe('SimpleImputer', () => {
  it('fills with mean, median, most frequent (smallest on ties) or a constant', async () => {
    const fill = async (params: object) =>
      (await new SimpleImputer(params).fit(holes)).transform(holes).toArray();
    expect((await fill({}))[1]).toEqual([4, 4, 5]);
    expect((await fill({ strategy: 'median' }))[1]).toEqual([3, 4, 5]);
    expect((await fill({ strategy: 'mostFrequent' }))[1]).toEqual([1, 4, 5]);
    expect((await fill({ strategy: 'constant', fillValue: -1 }))[1]).toEqual([-1, 4, 5]);
    expect((await fill({ strategy: 'constant' }))[2]).toEqual([3, 4, 0]);
  });

  it('adds indicators for columns that had missing values', async () => {
    const imp = await new SimpleImputer({ addIndicator: true }).fit([
      [1, N, 2],
      [3, 4, 2],
    ]);
    expect(imp.featureNamesOut()).toEqual(['x0', 'x1', 'x2', 'missingindicator_x1']);
    expect(imp.transform([[N, N, N]]).toArray()).toEqual([[2, 4, 2, 1]]);
  });

  it('drops columns with no observed value unless keepEmptyFeatures', async () => {
    const empty = [
      [1, N],
      [2, N],
    ];
    const drop = await new SimpleImputer().fit(empty);
    expect(drop.featureNamesOut()).toEqual(['x0']);
    expect(drop.transform([[N, 3]]).toArray()).toEqual([[1.5]]);
    const keep = await new SimpleImputer({ keepEmptyFeatures: true }).fit(empty);
    expect(keep.transform([[N, N]]).toArray()).toEqual([[1.5, 0]]);
  });

  it('imputes categorical columns, which stay categorical in the output schema', async () => {
    const frame = new Frame({ color: ['red', null, 'blue', 'blue', 'red'], n: [1, 2, N, 4, 5] });
    const mf = await new SimpleImputer({ strategy: 'mostFrequent' }).fit(frame);
    // Tie between blue and red: the smallest name wins, as in sklearn.
    expect(mf.transform(frame).get(1, 0)).toBe(0);
    expect(mf.outputSchema().features[0]).toEqual({
      name: 'color',
      kind: 'categorical',
      categories: ['blue', 'red'],
    });
    // An unseen level is not imputed: it leaves as missing.
    expect(mf.transform(new Frame({ color: ['green'], n: [1] })).get(0, 0)).toBeNaN();
    const cst = await new SimpleImputer({ strategy: 'constant', fillValue: 'unknown' }).fit(
      frame.select(['color']),
    );
    expect(cst.outputSchema().features[0]).toMatchObject({ categories: ['blue', 'red', 'unknown'] });
    expect(cst.transform(frame.select(['color'])).column(0)).toEqual(Float64Array.from([1, 2, 0, 0, 1]));
    const dflt = await new SimpleImputer({ strategy: 'constant' }).fit(frame.select(['color']));
    expect(dflt.outputSchema().features[0]).toMatchObject({ categories: ['blue', 'red', 'missing_value'] });
    const known = await new SimpleImputer({ strategy: 'constant', fillValue: 'red' }).fit(
      frame.select(['color']),
    );
    expect(known.transform(frame.select(['color'])).get(1, 0)).toBe(1);
  });

  it('refuses mean/median on categorical columns, string fills for numbers and bad params', async () => {
    const frame = new Frame({ color: ['red', null] });
    await expect(new SimpleImputer().fit(frame)).rejects.toThrow(DataError);
    await expect(new SimpleImputer().fit(frame)).rejects.toThrow(
      /column 'color' is categorical; use 'mostFrequent' or 'constant'/,
    );
    await expect(new SimpleImputer({ strategy: 'constant', fillValue: 'x' }).fit(holes)).rejects.toThrow(
      /fillValue "x" is a string/,
    );
    for (const p of [
      { strategy: 'mode' },
      { fillValue: N },
      { fillValue: {} },
      { addIndicator: 1 },
      { keepEmptyFeatures: 'no' },
    ]) {
      await expect(new SimpleImputer(p as never).fit(holes)).rejects.toThrow(InvalidParameterError);
    }
  });

  it('round-trips through saveModel and refuses tampered state', async () => {
    const frame = new Frame({ color: ['red', null, 'blue'], n: [1, N, 3] });
    const imp = await new SimpleImputer({ strategy: 'mostFrequent', addIndicator: true }).fit(frame);
    const bytes = saveModel(imp);
    const loaded = loadModel(bytes) as SimpleImputer;
    expect(loaded.transform(frame)).toEqual(imp.transform(frame));
    expect(loaded.outputSchema()).toEqual(imp.outputSchema());
    const bad = (edit: (s: Record<string, unknown>) => void) =>
      expect(() => loadModel(tamperModel(bytes, (m) => edit(stateOf(m))))).toThrow(FormatError);
    bad((s) => (s['levels'] = [null]));
    bad((s) => (s['levels'] = [[1], null]));
    bad((s) => (s['kept'] = [0, 1]));
    bad((s) => (s['levels'] = [[], null]));
  });
});

describe('PolynomialFeatures', () => {
  it("follows sklearn's column order and names", async () => {
    const p = await new PolynomialFeatures().fit(new Frame({ a: [2], b: [3] }));
    expect(p.featureNamesOut()).toEqual(['1', 'a', 'b', 'a^2', 'a b', 'b^2']);
    expect(Array.from(p.transform(new Frame({ a: [2], b: [3] })).data)).toEqual([1, 2, 3, 4, 6, 9]);
    expect(p.nOutputFeatures).toBe(6);
    const inter = await new PolynomialFeatures({ degree: 3, interactionOnly: true, includeBias: false }).fit([
      [2, 3, 5],
    ]);
    expect(inter.featureNamesOut()).toEqual(['x0', 'x1', 'x2', 'x0 x1', 'x0 x2', 'x1 x2', 'x0 x1 x2']);
    expect(Array.from(inter.transform([[2, 3, 5]]).data)).toEqual([2, 3, 5, 6, 10, 15, 30]);
    const range = await new PolynomialFeatures({ degree: [3, 3], includeBias: false }).fit([[2, 3]]);
    expect(range.featureNamesOut()).toEqual(['x0^3', 'x0^2 x1', 'x0 x1^2', 'x1^3']);
    const bias = await new PolynomialFeatures({ degree: 0 }).fit([[2, 3]]);
    expect(bias.transform([[7, 7]]).toArray()).toEqual([[1]]);
  });

  it('refuses invalid degrees and tampered state', async () => {
    for (const p of [
      { degree: -1 },
      { degree: 1.5 },
      { degree: [3, 2] },
      { degree: [1] },
      { degree: 0, includeBias: false },
      { interactionOnly: 'y' },
    ]) {
      await expect(new PolynomialFeatures(p as never).fit([[1, 2]])).rejects.toThrow(InvalidParameterError);
    }
    const bytes = saveModel(await new PolynomialFeatures().fit([[1, 2]]));
    expect(() => loadModel(tamperModel(bytes, (m) => (stateOf(m)['nFeatures'] = -3)))).toThrow(FormatError);
    expect(() =>
      loadModel(
        tamperModel(
          bytes,
          (m) => (m.model.params = { degree: -2, interactionOnly: false, includeBias: true }),
        ),
      ),
    ).toThrow(FormatError);
  });
});
