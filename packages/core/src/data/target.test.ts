import { describe, expect, it } from 'vitest';
import { DataError, ShapeError } from '../errors/index.js';
import { encodeLabels, validateRegressionTarget, validateSampleWeight } from './target.js';

describe('encodeLabels', () => {
  it('sorts classes and encodes rows', () => {
    expect(encodeLabels([3, 1, 3, 2], 4)).toEqual({
      classes: [1, 2, 3],
      codes: new Int32Array([2, 0, 2, 1]),
    });
    expect(encodeLabels(['b', 'a', 'b'], 3).classes).toEqual(['a', 'b']);
    expect(encodeLabels(new Int32Array([10, 2]), 2).classes).toEqual([2, 10]);
  });

  it('refuses missing, mixed and misaligned labels', () => {
    expect(() => encodeLabels([1, Number.NaN], 2)).toThrow(/y\[1\] is NaN/);
    expect(() => encodeLabels(['a', ''], 2)).toThrow(/empty string/);
    expect(() => encodeLabels([1, 'a'], 2)).toThrow(/mixes numbers and strings/);
    expect(() => encodeLabels([1, null as unknown as number], 2)).toThrow(DataError);
    expect(() => encodeLabels([1], 2)).toThrow(/X has 2 rows but y has 1/);
    expect(() => encodeLabels(undefined, 2)).toThrow(ShapeError);
  });
});

describe('validateRegressionTarget', () => {
  it('copies finite numbers', () => {
    expect(validateRegressionTarget([1.5, -2], 2)).toEqual(new Float64Array([1.5, -2]));
    const f32 = new Float32Array([0.5, 3]);
    const out = validateRegressionTarget(f32, 2);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual([0.5, 3]);
  });
  it('checks a Float64Array and hands it back without a copy, unchanged', () => {
    const y = new Float64Array([1.5, -2, 0]);
    expect(validateRegressionTarget(y, 3)).toBe(y);
    expect(Array.from(y)).toEqual([1.5, -2, 0]);
  });
  it('refuses non-finite and non-numeric values', () => {
    expect(() => validateRegressionTarget(new Float64Array([1, Number.NaN]), 2)).toThrow(/y\[1\] is NaN/);
    expect(() => validateRegressionTarget([1, Number.POSITIVE_INFINITY], 2)).toThrow(/y\[1\] is Infinity/);
    expect(() => validateRegressionTarget(['3'], 1)).toThrow(/the string "3"/);
  });
});

describe('validateSampleWeight', () => {
  it('passes undefined through and copies valid weights', () => {
    expect(validateSampleWeight(undefined, 3)).toBeUndefined();
    expect(validateSampleWeight([0, 2], 2)).toEqual(new Float64Array([0, 2]));
  });
  it('refuses bad weights', () => {
    expect(() => validateSampleWeight([1], 2)).toThrow(ShapeError);
    expect(() => validateSampleWeight([1, -1], 2)).toThrow(/sampleWeight\[1\] is -1/);
    expect(() => validateSampleWeight([0, 0], 2)).toThrow(/sums to zero/);
  });
});
