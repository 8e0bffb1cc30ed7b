import { describe, expect, it } from 'vitest';
import { DataError, ShapeError } from '../errors/index.js';
import { Frame } from './frame.js';
import { Float64Matrix } from './matrix.js';
import { validateAgainstSchema, validateInput } from './validate.js';

describe('validateInput', () => {
  it('accepts nested arrays, typed rows and matrices with generated names', () => {
    const { x, schema } = validateInput([new Float64Array([1, 2]), [3, 4]]);
    expect(x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(schema.generatedNames).toBe(true);
    expect(schema.features.map((f) => f.name)).toEqual(['x0', 'x1']);
    const m = Float64Matrix.fromRows([[1]]);
    expect(validateInput(m).x).toBe(m);
  });

  it('encodes a Frame with categorical columns as codes when allowed', () => {
    const frame = new Frame({ n: [1, 2, 3], c: ['b', 'a', null] });
    const { x, schema } = validateInput(frame, { allowCategorical: true, allowNaN: true });
    expect(schema.features).toEqual([
      { name: 'n', kind: 'numeric' },
      { name: 'c', kind: 'categorical', categories: ['a', 'b'] },
    ]);
    expect(x.get(0, 1)).toBe(1);
    expect(Number.isNaN(x.get(2, 1))).toBe(true);
  });

  it('refuses categorical columns for numeric-only estimators, naming the column and the fix', () => {
    const frame = new Frame({ colour: ['red', 'blue'] });
    expect(() => validateInput(frame, { context: 'Ridge.fit' })).toThrow(
      /Ridge.fit: column 'colour' is categorical.*OneHotEncoder/,
    );
  });

  it('names row and column of NaN, Infinity and non-numbers', () => {
    expect(() => validateInput([[1, Number.NaN]], { context: 'M.fit' })).toThrow(
      /M.fit: missing value \(NaN\) at row 0, column 'x1' \(index 1\).*SimpleImputer/,
    );
    expect(() => validateInput([[1], [Number.NEGATIVE_INFINITY]])).toThrow(/infinite value at row 1/);
    expect(() => validateInput([[1, 'a' as unknown as number]])).toThrow(
      /row 0, column 1 holds the string "a"/,
    );
    expect(() => validateInput([[null as unknown as number]])).toThrow(DataError);
    const e = (() => {
      try {
        validateInput([[1], [Number.NaN]]);
      } catch (err) {
        return err as DataError;
      }
    })();
    expect(e?.details).toEqual({ row: 1, column: 'x0', index: 0 });
  });

  it('treats null as missing when NaN is allowed', () => {
    const { x } = validateInput([[null as unknown as number, 1]], { allowNaN: true });
    expect(Number.isNaN(x.get(0, 0))).toBe(true);
  });

  it('refuses wrong shapes', () => {
    expect(() => validateInput([1, 2] as unknown as number[][])).toThrow(
      /expected a 2-D array.*\[\[\.\.\.\]\]/,
    );
    expect(() => validateInput([[1, 2], [3]])).toThrow(/row 1 has 1 values but row 0 has 2/);
    expect(() => validateInput([[1], null as unknown as number[]])).toThrow(/row 1 has no values/);
    expect(() => validateInput([])).toThrow(ShapeError);
    expect(() => validateInput([[]])).toThrow(/at least one feature/);
    expect(() => validateInput([[1]], { minRows: 2 })).toThrow(/at least 2 row/);
    expect(() => validateInput('abc' as unknown as number[][])).toThrow(/expected number\[\]\[\]/);
    expect(() => validateInput(undefined as unknown as number[][])).toThrow(ShapeError);
  });
});

describe('validateAgainstSchema', () => {
  const train = new Frame({ a: [1, 2], c: ['x', 'y'] });
  const { schema } = validateInput(train, { allowCategorical: true });

  it('matches Frame columns by name, in any order, and remaps categories', () => {
    const x = validateAgainstSchema(new Frame({ c: ['y', 'x', 'new'], a: [5, 6, 7] }), schema, {
      allowNaN: true,
    });
    expect(x.get(0, 0)).toBe(5);
    expect(x.get(0, 1)).toBe(1);
    expect(x.get(1, 1)).toBe(0);
    expect(Number.isNaN(x.get(2, 1))).toBe(true);
  });

  it('an unseen category is a missing value, refused when NaN is not allowed', () => {
    expect(() => validateAgainstSchema(new Frame({ a: [1], c: ['zzz'] }), schema)).toThrow(/missing value/);
  });

  it('lists missing and unexpected columns', () => {
    expect(() => validateAgainstSchema(new Frame({ a: [1], d: [2] }), schema)).toThrow(
      /Missing: c\. Unexpected: d\. Expected: a, c/,
    );
  });

  it('refuses a column whose kind changed', () => {
    expect(() => validateAgainstSchema(new Frame({ a: ['1'], c: ['x'] }), schema)).toThrow(
      /'a' was numeric at fit/,
    );
    expect(() => validateAgainstSchema(new Frame({ a: [1], c: [2] }), schema)).toThrow(
      /'c' was categorical at fit/,
    );
  });

  it('checks the feature count of plain arrays', () => {
    const numeric = validateInput([[1, 2, 3]]).schema;
    expect(validateAgainstSchema([[4, 5, 6]], numeric).toArray()).toEqual([[4, 5, 6]]);
    expect(() => validateAgainstSchema([[4, 5]], numeric, { context: 'M.predict' })).toThrow(
      /M.predict: got 2 features per row, the model was fitted on 3/,
    );
    expect(() => validateAgainstSchema(new Frame({ p: [1], q: [2] }), numeric)).toThrow(/got 2 columns/);
    expect(validateAgainstSchema(new Frame({ p: [1], q: [2], r: [3] }), numeric).toArray()).toEqual([
      [1, 2, 3],
    ]);
  });
});
