// OneHotEncoder and OrdinalEncoder: conformance, categories from Frame levels and numeric
// values, unknown-category policies, infrequent grouping, inverse transforms, error paths.
import { describe, expect, it } from 'vitest';
import { CategoricalColumn, Float64Matrix, Frame, validateAgainstSchema } from '../data/index.js';
import { DataError, FormatError, InvalidParameterError, ShapeError } from '../errors/index.js';
import { stateOf, tamperModel } from '../linear/__fixtures__/tamper.js';
import { loadModel, saveModel } from '../persistence/index.js';
import { conformanceChecks } from '../testing/index.js';
import { OneHotEncoder } from './one-hot-encoder.js';
import { OrdinalEncoder } from './ordinal-encoder.js';

const codes = Float64Matrix.fromRows(Array.from({ length: 40 }, (_, i) => [i % 3, (i * 7) % 4, i % 2]));
const train = new Frame({
  color: ['red', 'green', 'red', 'blue', null, 'red', 'green', 'red'],
  n: [1, 2, 2, 3, 1, 1, 2, 1],
});
const unseen = new Frame({ color: ['purple', 'red'], n: [1, 1] });

describe('conformance', () => {
  const data = { X: codes };
  for (const c of conformanceChecks(() => new OneHotEncoder(), { data }))
    it(`OneHotEncoder: ${c.name}`, c.run);
  for (const c of conformanceChecks(() => new OneHotEncoder({ drop: 'first', minFrequency: 12 }), { data }))
    it(`OneHotEncoder(drop, minFrequency): ${c.name}`, c.run);
  for (const c of conformanceChecks(() => new OrdinalEncoder(), { data }))
    it(`OrdinalEncoder: ${c.name}`, c.run);
});

describe('OneHotEncoder', () => {
  it('learns categories from Frame levels and numeric values; missing is a category', async () => {
    const enc = await new OneHotEncoder().fit(train);
    expect(enc.categories).toEqual([
      ['blue', 'green', 'red', Number.NaN],
      [1, 2, 3],
    ]);
    expect(enc.featureNamesOut()).toEqual([
      'color_blue',
      'color_green',
      'color_red',
      'color_nan',
      'n_1',
      'n_2',
      'n_3',
    ]);
    expect(enc.transform(train).row(3)).toEqual(Float64Array.from([1, 0, 0, 0, 0, 0, 1]));
    expect(enc.transform(train).row(4)).toEqual(Float64Array.from([0, 0, 0, 1, 1, 0, 0]));
  });

  it("handleUnknown 'error' names the column and the unseen value", async () => {
    const enc = await new OneHotEncoder().fit(train);
    expect(() => enc.transform(unseen)).toThrow(/column 'color' has the category "purple" at row 0/);
    expect(() => enc.transform(new Frame({ color: ['red'], n: [7] }))).toThrow(/column 'n' has 7 at row 0/);
    try {
      enc.transform(unseen);
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      expect((e as DataError).details).toMatchObject({ column: 'color', value: 'purple', row: 0 });
    }
    // A level the schema knows but no training row used is unknown too.
    const sparse = new Frame({ c: new CategoricalColumn(Int32Array.from([0, 0, 1]), ['a', 'b', 'z']) });
    const e2 = await new OneHotEncoder().fit(sparse.takeRows([0, 1]));
    expect(() => e2.transform(sparse)).toThrow(/"b" at row 2/);
    // Missing values never seen at fit are unknown as well.
    const e3 = await new OneHotEncoder().fit([[1], [2]]);
    expect(() => e3.transform([[Number.NaN]])).toThrow(/a missing value/);
  });

  it("'ignore' encodes unknown values as zeros; 'infrequentIfExist' as the infrequent column", async () => {
    const ignore = await new OneHotEncoder({ handleUnknown: 'ignore' }).fit(train);
    expect(ignore.transform(unseen).row(0)).toEqual(Float64Array.from([0, 0, 0, 0, 1, 0, 0]));
    const infrequent = await new OneHotEncoder({ handleUnknown: 'infrequentIfExist', minFrequency: 2 }).fit(
      train,
    );
    expect(infrequent.featureNamesOut()).toEqual([
      'color_green',
      'color_red',
      'color_infrequent_sklearn',
      'n_1',
      'n_2',
      'n_infrequent_sklearn',
    ]);
    expect(infrequent.infrequentCategories).toEqual([['blue', Number.NaN], [3]]);
    expect(infrequent.transform(unseen).row(0)).toEqual(Float64Array.from([0, 0, 1, 1, 0, 0]));
    const noGroup = await new OneHotEncoder({ handleUnknown: 'infrequentIfExist' }).fit(train);
    expect(noGroup.transform(unseen).row(0)).toEqual(Float64Array.from([0, 0, 0, 0, 1, 0, 0]));
  });

  it('maxCategories keeps the most frequent categories (ties in category order)', async () => {
    const enc = await new OneHotEncoder({ maxCategories: 2 }).fit(train);
    expect(enc.featureNamesOut()).toEqual([
      'color_red',
      'color_infrequent_sklearn',
      'n_1',
      'n_infrequent_sklearn',
    ]);
    const all = await new OneHotEncoder({ maxCategories: 1 }).fit(train);
    expect(all.featureNamesOut()).toEqual(['color_infrequent_sklearn', 'n_infrequent_sklearn']);
  });

  it('drop first / ifBinary and inverseTransform back to categories', async () => {
    const frame = new Frame({ color: ['red', 'green', 'blue', 'red'], yes: ['y', 'n', 'y', 'y'] });
    const enc = await new OneHotEncoder({ drop: 'ifBinary' }).fit(frame);
    expect(enc.featureNamesOut()).toEqual(['color_blue', 'color_green', 'color_red', 'yes_y']);
    const first = await new OneHotEncoder({ drop: 'first' }).fit(frame);
    expect(first.featureNamesOut()).toEqual(['color_green', 'color_red', 'yes_y']);
    const back = first.inverseTransform(first.transform(frame));
    expect([0, 1, 2, 3].map((i) => back.record(i))).toEqual([0, 1, 2, 3].map((i) => frame.record(i)));
    expect(() => first.inverseTransform([[1, 0]])).toThrow(ShapeError);
  });

  it('inverseTransform: numeric columns, missing, unknown rows and the infrequent group', async () => {
    const enc = await new OneHotEncoder({ handleUnknown: 'ignore', minFrequency: 2 }).fit(train);
    const back = enc.inverseTransform(
      enc.transform(new Frame({ color: ['purple', 'blue', 'red'], n: [3, 2, 1] })),
    );
    expect(back.record(0)).toEqual({ color: null, n: Number.NaN });
    expect(back.record(1)).toEqual({ color: 'infrequent_sklearn', n: 2 });
    expect(back.record(2)).toEqual({ color: 'red', n: 1 });
    const withNaN = await new OneHotEncoder().fit(train);
    expect(withNaN.inverseTransform(withNaN.transform(train)).record(4)).toEqual({ color: null, n: 1 });
  });

  it('saves and reloads; tampered categories are refused', async () => {
    const enc = await new OneHotEncoder({ minFrequency: 2, handleUnknown: 'infrequentIfExist' }).fit(train);
    const loaded = loadModel(saveModel(enc)) as OneHotEncoder;
    expect(loaded.transform(unseen)).toEqual(enc.transform(unseen));
    const bad = (edit: (s: Record<string, unknown>) => void) =>
      expect(() => loadModel(tamperModel(saveModel(enc), (m) => edit(stateOf(m))))).toThrow(FormatError);
    bad((s) => (s['categories'] = []));
    bad((s) => (s['categories'] = [1]));
    bad((s) => ((s['categories'] as Record<string, unknown>[])[0]!['names'] = ['x']));
    bad((s) => ((s['categories'] as Record<string, unknown>[])[0]!['hasInfrequent'] = 'yes'));
    bad((s) => ((s['categories'] as Record<string, unknown>[])[0]!['values'] = [1]));
  });

  it('refuses invalid parameters', async () => {
    for (const p of [
      { handleUnknown: 'skip' },
      { drop: 'last' },
      { minFrequency: 0 },
      { minFrequency: 1.5 },
      { maxCategories: 0 },
    ]) {
      await expect(new OneHotEncoder(p as never).fit(train)).rejects.toThrow(InvalidParameterError);
    }
  });
});

describe('OrdinalEncoder', () => {
  it('encodes categories by sorted index and keeps missing values missing', async () => {
    const enc = await new OrdinalEncoder().fit(train);
    expect(enc.categories).toEqual([
      ['blue', 'green', 'red'],
      [1, 2, 3],
    ]);
    expect(enc.transform(train).toArray().slice(0, 5)).toEqual([
      [2, 0],
      [1, 1],
      [2, 1],
      [0, 2],
      [Number.NaN, 0],
    ]);
    expect(() => enc.transform(unseen)).toThrow(/"purple"/);
    const back = enc.inverseTransform(enc.transform(train));
    expect(back.record(4)).toEqual({ color: null, n: 1 });
    expect(back.record(3)).toEqual({ color: 'blue', n: 3 });
    expect(() => enc.inverseTransform([[1]])).toThrow(ShapeError);
  });

  it("'useEncodedValue' encodes unseen values as unknownValue, which decodes to missing", async () => {
    const enc = await new OrdinalEncoder({
      handleUnknown: 'useEncodedValue',
      unknownValue: -1,
      encodedMissingValue: -2,
    }).fit(train);
    expect(enc.transform(new Frame({ color: ['purple', null], n: [9, 1] })).toArray()).toEqual([
      [-1, -1],
      [-2, 0],
    ]);
    expect(enc.inverseTransform([[-1, 5]]).record(0)).toEqual({ color: null, n: Number.NaN });
    const nan = await new OrdinalEncoder({ handleUnknown: 'useEncodedValue', unknownValue: Number.NaN }).fit(
      train,
    );
    expect(nan.transform(unseen).get(0, 0)).toBeNaN();
  });

  it('groups infrequent categories under one code', async () => {
    const enc = await new OrdinalEncoder({ minFrequency: 2 }).fit(train);
    expect(enc.transform(train).column(0)).toEqual(Float64Array.from([1, 0, 1, 2, Number.NaN, 1, 0, 1]));
    expect(enc.inverseTransform([[2, 2]]).record(0)).toEqual({ color: 'infrequent_sklearn', n: Number.NaN });
  });

  it('refuses unknownValue/encodedMissingValue that collide with codes, and bad parameters', async () => {
    const fit = (p: object) => new OrdinalEncoder(p).fit(train);
    await expect(fit({ handleUnknown: 'useEncodedValue', unknownValue: 1 })).rejects.toThrow(
      /already the code/,
    );
    await expect(fit({ encodedMissingValue: 0 })).rejects.toThrow(/encodedMissingValue 0/);
    await expect(fit({ handleUnknown: 'useEncodedValue' })).rejects.toThrow(InvalidParameterError);
    await expect(fit({ unknownValue: -1 })).rejects.toThrow(/only used with handleUnknown/);
    await expect(fit({ handleUnknown: 'ignore' })).rejects.toThrow(InvalidParameterError);
    await expect(fit({ encodedMissingValue: 0.5 })).rejects.toThrow(InvalidParameterError);
  });

  it('round-trips through saveModel', async () => {
    const enc = await new OrdinalEncoder({ maxCategories: 2 }).fit(train);
    expect((loadModel(saveModel(enc)) as OrdinalEncoder).transform(train)).toEqual(enc.transform(train));
  });
});

describe("validateAgainstSchema's unknownCategories option", () => {
  const schema = {
    features: [{ name: 'c', kind: 'categorical' as const, categories: ['a', 'b'] }],
    generatedNames: false,
  };
  const frame = new Frame({ c: ['b', 'z', null] });
  it("maps unseen levels to NaN ('missing'), -1 ('flag') or throws ('error')", () => {
    expect(
      Array.from(validateAgainstSchema(frame, schema, { allowNaN: true, allowCategorical: true }).data),
    ).toEqual([1, Number.NaN, Number.NaN]);
    expect(
      Array.from(validateAgainstSchema(frame, schema, { allowNaN: true, unknownCategories: 'flag' }).data),
    ).toEqual([1, -1, Number.NaN]);
    expect(() =>
      validateAgainstSchema(frame, schema, { allowNaN: true, unknownCategories: 'error', context: 'T' }),
    ).toThrow(
      /T: column 'c' has the category "z" at row 1, which was not seen at fit. Known categories: a, b/,
    );
  });
});
