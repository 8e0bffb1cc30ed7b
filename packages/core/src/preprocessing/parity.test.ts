// Elementwise parity with scikit-learn: outputs and output names of every transformer (and of
// ColumnTransformer/Pipeline compositions) on the bundled datasets and a mixed table, within 1e-9.
// Expected values come from __fixtures__/make_transforms.py (scikit-learn version in the file).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BaseTransformer } from '../base/index.js';
import { ColumnTransformer, Pipeline } from '../compose/index.js';
import { type ColumnInput, Float64Matrix, Frame, type MatrixLike } from '../data/index.js';
import { MinMaxScaler } from './min-max-scaler.js';
import { OneHotEncoder } from './one-hot-encoder.js';
import { OrdinalEncoder } from './ordinal-encoder.js';
import { PolynomialFeatures } from './polynomial-features.js';
import { RobustScaler } from './robust-scaler.js';
import { SimpleImputer } from './simple-imputer.js';
import { StandardScaler } from './standard-scaler.js';

interface Case {
  name: string;
  estimator: string;
  params: Record<string, unknown>;
  data: string;
  rows: number[] | null;
  fitRows?: number[];
  output: (number | string | null)[][];
  names: string[];
}
interface Fixture {
  sklearn: string;
  mixed: Record<string, (string | number | null)[]>;
  cases: Case[];
}

const root = new URL('../../../../', import.meta.url);
const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/transforms.json', import.meta.url), 'utf8'),
) as Fixture;
const datasets = new Map<string, { X: number[][]; trainIndex: number[] }>();
function dataset(name: string) {
  if (!datasets.has(name)) {
    datasets.set(
      name,
      JSON.parse(readFileSync(new URL(`tooling/fixtures/datasets/${name}.json`, root), 'utf8')),
    );
  }
  return datasets.get(name)!;
}

/** Same holes as make_transforms.py: cell (i, j) is missing when (7i + 3j) % 11 == 0. */
function withHoles(X: number[][]): number[][] {
  return X.map((row, i) => row.map((v, j) => ((7 * i + 3 * j) % 11 === 0 ? Number.NaN : v)));
}

function input(c: Case): { X: MatrixLike; train: number[] } {
  if (c.data.startsWith('mixed:')) {
    const m = fixture.mixed;
    const cols: Record<string, ColumnInput> = {};
    for (const name of c.data.slice(6).split(',')) {
      cols[name] = name === 'b' ? m['k']!.map((k) => ((k as number) > 2 ? 'hi' : 'lo')) : m[name]!;
    }
    return { X: new Frame(cols), train: Array.from({ length: 160 }, (_, i) => i) };
  }
  const [name, holes] = c.data.split('+');
  const d = dataset(name!);
  return { X: Float64Matrix.fromRows(holes ? withHoles(d.X) : d.X), train: d.trainIndex };
}

function build(c: Case): BaseTransformer | ColumnTransformer | Pipeline {
  const p = c.params as never;
  switch (c.estimator) {
    case 'StandardScaler':
      return new StandardScaler(p);
    case 'MinMaxScaler':
      return new MinMaxScaler(p);
    case 'RobustScaler':
      return new RobustScaler(p);
    case 'PolynomialFeatures':
      return new PolynomialFeatures(p);
    case 'SimpleImputer':
      return new SimpleImputer(p);
    case 'OneHotEncoder':
      return new OneHotEncoder(p);
    case 'OrdinalEncoder':
      return new OrdinalEncoder(p);
  }
  if (c.name === 'column transformer mixed') {
    return new ColumnTransformer([
      [
        'num',
        new Pipeline([
          ['impute', new SimpleImputer({ strategy: 'median' })],
          ['scale', new StandardScaler()],
        ]),
        ['x', 'k'],
      ],
      [
        'cat',
        new Pipeline([
          ['impute', new SimpleImputer({ strategy: 'mostFrequent' })],
          ['onehot', new OneHotEncoder({ handleUnknown: 'ignore' })],
        ]),
        ['color', 'size'],
      ],
    ]);
  }
  return new ColumnTransformer({
    transformers: [
      ['scale', new RobustScaler(), ['x']],
      ['drop_size', 'drop', ['size']],
    ],
    remainder: 'passthrough',
  });
}

function takeRows(X: MatrixLike, rows: number[]): MatrixLike {
  return X instanceof Frame ? X.takeRows(rows) : (X as Float64Matrix).takeRows(rows);
}

describe(`transform parity with scikit-learn ${fixture.sklearn}`, () => {
  it('has the expected cases', () => expect(fixture.cases.length).toBeGreaterThanOrEqual(26));
  for (const c of fixture.cases) {
    it(c.name, async () => {
      const { X, train } = input(c);
      const est = build(c);
      await est.fit(takeRows(X, c.fitRows ?? train));
      const Xout = c.rows ? takeRows(X, c.rows) : X;
      const out = est.transform(Xout);
      expect(est.featureNamesOut()).toEqual(c.names);
      expect([out.rows, out.cols]).toEqual([c.output.length, c.names.length]);
      const schema = est.outputSchema();
      let worst = 0;
      for (let i = 0; i < c.output.length; i++) {
        for (let j = 0; j < c.names.length; j++) {
          const want = c.output[i]![j]!;
          const got = out.get(i, j);
          const spec = schema.features[j]!;
          if (typeof want === 'string')
            expect(spec.kind === 'categorical' ? spec.categories[got] : got).toBe(want);
          else if (want === null) expect(got).toBeNaN();
          else worst = Math.max(worst, Math.abs(got - want) / Math.max(1, Math.abs(want)));
        }
      }
      expect(worst).toBeLessThanOrEqual(1e-9);
    });
  }
});
