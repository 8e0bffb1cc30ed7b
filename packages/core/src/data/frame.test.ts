import { describe, expect, it } from 'vitest';
import { DataError, ShapeError } from '../errors/index.js';
import { CategoricalColumn, Frame } from './frame.js';

describe('Frame', () => {
  const frame = new Frame({
    age: [30, null, 45],
    city: ['Lima', 'Quito', null],
    score: new Float64Array([0.5, 0.25, 1]),
  });

  it('infers numeric and categorical columns, with missing values', () => {
    expect(frame.names).toEqual(['age', 'city', 'score']);
    expect(frame.nRows).toBe(3);
    expect(frame.nCols).toBe(3);
    expect(Number.isNaN((frame.column('age') as Float64Array)[1])).toBe(true);
    expect(frame.isCategorical('city')).toBe(true);
    const city = frame.column('city') as CategoricalColumn;
    expect(city.levels).toEqual(['Lima', 'Quito']);
    expect(Array.from(city.codes)).toEqual([0, 1, -1]);
    expect(frame.record(2)).toEqual({ age: 45, city: null, score: 1 });
  });

  it('selects, drops and takes rows', () => {
    expect(frame.select(['score', 'age']).names).toEqual(['score', 'age']);
    expect(frame.drop(['city']).names).toEqual(['age', 'score']);
    const t = frame.takeRows([2, 0]);
    expect(t.record(0)).toEqual({ age: 45, city: null, score: 1 });
    expect(t.record(1)).toEqual({ age: 30, city: 'Lima', score: 0.5 });
  });

  it('builds from records', () => {
    const f = Frame.fromRecords([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
    expect(f.names).toEqual(['a', 'b']);
    expect(f.record(1)).toEqual({ a: 2, b: 'y' });
  });

  it('names the problem in its errors', () => {
    expect(() => new Frame({})).toThrow(ShapeError);
    expect(() => new Frame({ a: [1, 2], b: [1] })).toThrow(/Column 'b' has 1 rows but 'a' has 2/);
    expect(() => new Frame({ a: [1, 'x'] })).toThrow(/mixes numbers and strings/);
    expect(() => new Frame({ a: [true as unknown as number] })).toThrow(DataError);
    expect(() => frame.column('nope')).toThrow(/Available columns: age, city, score/);
    expect(() => new CategoricalColumn(new Int32Array([0, 3]), ['a'])).toThrow(/outside 0..0/);
  });

  it('keeps given category levels and maps unknown values to missing', () => {
    const c = CategoricalColumn.fromValues(['b', 'z', ''], ['a', 'b']);
    expect(Array.from(c.codes)).toEqual([1, -1, -1]);
    expect(c.value(0)).toBe('b');
    expect(c.value(1)).toBeNull();
  });
});
