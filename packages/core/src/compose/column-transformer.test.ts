// ColumnTransformer: conformance, selection by name and index, sklearn's output names, a
// Pipeline on a Frame with numeric and categorical columns, unknown categories, persistence,
// nested params and error paths.
import { describe, expect, it } from 'vitest';
import { Frame } from '../data/index.js';
import { DataError, FormatError, InvalidParameterError, ShapeError } from '../errors/index.js';
import { stateOf, tamperModel } from '../linear/__fixtures__/tamper.js';
import { LogisticRegression } from '../linear/index.js';
import { loadModel, saveModel } from '../persistence/index.js';
import { OneHotEncoder, OrdinalEncoder, SimpleImputer, StandardScaler } from '../preprocessing/index.js';
import { conformanceChecks } from '../testing/index.js';
import { ColumnTransformer } from './column-transformer.js';
import { Pipeline } from './pipeline.js';

const people = new Frame({
  age: [22, 35, 58, 41, 30, 63, 27, 49],
  city: ['paris', 'lyon', 'paris', 'nice', 'lyon', 'paris', 'nice', 'lyon'],
  income: [20, 42, 80, Number.NaN, 35, 90, 25, 60],
  plan: ['a', 'b', 'b', 'a', 'a', 'b', 'a', 'b'],
});
const bought = [0, 0, 1, 1, 0, 1, 0, 1];

const prep = () =>
  new ColumnTransformer([
    [
      'num',
      new Pipeline([
        ['impute', new SimpleImputer({ strategy: 'median' })],
        ['scale', new StandardScaler()],
      ]),
      ['age', 'income'],
    ],
    ['cat', new OneHotEncoder(), ['city', 'plan']],
  ]);

describe('conformance', () => {
  const byIndex = () =>
    new ColumnTransformer({
      transformers: [
        ['scale', new StandardScaler(), [0, 2]],
        ['keep', 'passthrough', 1],
      ],
      remainder: 'passthrough',
    });
  for (const c of conformanceChecks(byIndex)) it(`ColumnTransformer: ${c.name}`, c.run);
});

describe('ColumnTransformer', () => {
  it('selects columns by name and prefixes output names like sklearn', async () => {
    const ct = await prep().fit(people);
    expect(ct.featureNamesOut()).toEqual([
      'num__age',
      'num__income',
      'cat__city_lyon',
      'cat__city_nice',
      'cat__city_paris',
      'cat__plan_a',
      'cat__plan_b',
    ]);
    const out = ct.transform(people);
    expect(out.cols).toBe(7);
    expect(out.row(3).subarray(2)).toEqual(Float64Array.from([0, 1, 0, 1, 0]));
    // The median fill then standardisation: a column of mean 0.
    expect(out.column(1).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    expect(ct.namedTransformers['cat']).toBeInstanceOf(OneHotEncoder);
  });

  it('remainder passthrough keeps unselected columns (categorical ones stay categorical); drop entries drop', async () => {
    const ct = await new ColumnTransformer({
      transformers: [
        ['scale', new StandardScaler(), 'age'],
        ['gone', 'drop', ['plan']],
      ],
      remainder: 'passthrough',
    }).fit(people);
    expect(ct.featureNamesOut()).toEqual(['scale__age', 'remainder__city', 'remainder__income']);
    expect(ct.outputSchema().features[1]).toEqual({
      name: 'remainder__city',
      kind: 'categorical',
      categories: ['lyon', 'nice', 'paris'],
    });
    expect(ct.transform(people).column(1)).toEqual(Float64Array.from([2, 0, 2, 1, 0, 2, 1, 0]));
    const short = await new ColumnTransformer({
      transformers: [['s', new StandardScaler(), ['age']]],
      verboseFeatureNamesOut: false,
    }).fit(people);
    expect(short.featureNamesOut()).toEqual(['age']);
  });

  it('in a Pipeline with a classifier, works on a Frame with numeric and categorical columns', async () => {
    const pipe = await new Pipeline([
      ['prep', prep()],
      ['model', new LogisticRegression()],
    ]).fit(people, bought);
    expect(pipe.tags.task).toBe('classification');
    expect(pipe.score(people, bought)).toBeGreaterThanOrEqual(0.75);
    const loaded = loadModel(saveModel(pipe), { expect: Pipeline });
    expect(loaded.predictProba(people).data).toEqual(pipe.predictProba(people).data);
    // Columns are matched by name, in any order.
    const shuffled = people.select(['plan', 'income', 'city', 'age']);
    expect(pipe.predict(shuffled)).toEqual(pipe.predict(people));
    expect(pipe.getParams()['prep__cat__handleUnknown']).toBe('error');
    pipe.setParams({ prep__cat__handleUnknown: 'ignore' });
    expect(pipe.predict(new Frame({ age: [30], city: ['rome'], income: [40], plan: ['a'] }))).toHaveLength(1);
  });

  it('an encoder inside reports an unseen category by column and value', async () => {
    const ct = await prep().fit(people);
    const visitor = new Frame({ age: [30], city: ['rome'], income: [40], plan: ['a'] });
    expect(() => ct.transform(visitor)).toThrow(DataError);
    expect(() => ct.transform(visitor)).toThrow(/column 'city' has the category "rome"/);
    expect(() => ct.transform(people.select(['age', 'city', 'income']))).toThrow(ShapeError);
  });

  it('accepts the validated matrix of codes as well as the Frame', async () => {
    const ct = await new ColumnTransformer([['ord', new OrdinalEncoder(), ['city']]]).fit(people);
    const codes = [[22, 2, 20, 0]];
    expect(ct.transform(codes).toArray()).toEqual([[2]]);
    expect(() => ct.transform([[22, 7, 20, 0]])).toThrow(/row 0 holds 7, which is not a category code/);
  });

  it('exposes nested params and replaces transformers by name', () => {
    const ct = prep();
    expect(ct.getParams()['num__impute__strategy']).toBe('median');
    expect(ct.getParams()['cat__drop']).toBeNull();
    ct.setParams({ cat: 'drop', num__scale__withStd: false, remainder: 'passthrough' });
    expect(ct.namedTransformers['cat']).toBe('drop');
    expect(ct.getParams().remainder).toBe('passthrough');
    expect(() => ct.setParams({ other: 1 })).toThrow(/unknown parameter 'other'/);
  });

  it('refuses bad entries, unknown columns and duplicate output names', async () => {
    const fit = (p: object) => new ColumnTransformer(p).fit(people);
    await expect(fit({ transformers: [] })).rejects.toThrow(InvalidParameterError);
    await expect(fit({ transformers: [['a', new LogisticRegression(), ['age']]] })).rejects.toThrow(
      /must be \[name, transformer/,
    );
    await expect(fit({ transformers: [['a', new StandardScaler()]] })).rejects.toThrow(
      /must be \[name, transformer/,
    );
    await expect(fit({ transformers: [['a', new StandardScaler(), ['salary']]] })).rejects.toThrow(
      /selects column "salary".*Columns: age, city/,
    );
    await expect(fit({ transformers: [['a', new StandardScaler(), [9]]] })).rejects.toThrow(
      /selects column 9/,
    );
    await expect(fit({ transformers: [['a', new StandardScaler(), { age: 1 }]] })).rejects.toThrow(
      /must be names, indices/,
    );
    await expect(fit({ transformers: [['a', 'passthrough', ['age']]], remainder: 'keep' })).rejects.toThrow(
      InvalidParameterError,
    );
    await expect(
      fit({
        transformers: [
          ['a', new StandardScaler(), ['age']],
          ['b', 'passthrough', ['age']],
        ],
        verboseFeatureNamesOut: false,
      }),
    ).rejects.toThrow(/output name 'age' is not unique/);
  });

  it('an empty selection outputs nothing for that entry', async () => {
    const ct = await new ColumnTransformer([
      ['none', new StandardScaler(), []],
      ['gone', 'drop', ['age', 'city', 'income', 'plan']],
    ]).fit(people);
    expect(ct.transform(people).cols).toBe(0);
    expect(ct.featureNamesOut()).toEqual([]);
  });

  it('refuses tampered saved state', async () => {
    const bytes = saveModel(await prep().fit(people));
    const bad = (edit: (s: Record<string, unknown>) => void) =>
      expect(() => loadModel(tamperModel(bytes, (m) => edit(stateOf(m))))).toThrow(FormatError);
    bad((s) => (s['nFeatures'] = 3));
    bad((s) => (s['columns'] = [[0]]));
    bad((s) => (s['remainder'] = 'all'));
    expect(() =>
      loadModel(
        tamperModel(bytes, (m) => {
          const t = m.model.params as {
            transformers: [string, { $estimator: { fitted: boolean } }, unknown][];
          };
          t.transformers[1]![1].$estimator.fitted = false;
        }),
      ),
    ).toThrow(/transformer 'cat' is not fitted/);
  });
});
