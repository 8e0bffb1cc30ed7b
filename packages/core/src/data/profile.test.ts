import { describe, expect, it } from 'vitest';
import { datasetDigest } from './digest.js';
import { Frame } from './frame.js';
import { Float64Matrix } from './matrix.js';
import { binIndex, type CategoricalProfile, type NumericProfile, profileData } from './profile.js';
import { validateInput } from './validate.js';

describe('profileData', () => {
  it('summarises numeric features with decile bins and a sorted sample', () => {
    const values = Array.from({ length: 1000 }, (_, i) => [i, i % 2 === 0 ? Number.NaN : 1]);
    const { x, schema } = validateInput(values, { allowNaN: true });
    const p = profileData(x, schema);
    const f0 = p.features[0] as NumericProfile;
    expect(p.rows).toBe(1000);
    expect(f0).toMatchObject({ count: 1000, missing: 0, min: 0, max: 999, mean: 499.5 });
    expect(f0.std).toBeCloseTo(Math.sqrt((1000 * 1000 - 1) / 12), 6);
    expect(f0.binEdges).toHaveLength(9);
    for (const share of f0.binShares) expect(share).toBeCloseTo(0.1, 2);
    expect(f0.sample).toHaveLength(500);
    expect([...f0.sample].sort((a, b) => a - b)).toEqual(f0.sample);
    const f1 = p.features[1] as NumericProfile;
    expect(f1).toMatchObject({ count: 500, missing: 500, binEdges: [1], binShares: [1, 0] });
  });

  it('samples rows evenly on large inputs', () => {
    const x = new Float64Matrix(
      Float64Array.from({ length: 50_000 }, (_, i) => i),
      50_000,
      1,
    );
    const p = profileData(x, validateInput(x).schema, 1000);
    expect(p.rows).toBe(50_000);
    expect((p.features[0] as NumericProfile).count).toBe(1000);
  });

  it('counts categories', () => {
    const frame = new Frame({ c: ['a', 'b', 'b', null] });
    const { x, schema } = validateInput(frame, { allowCategorical: true, allowNaN: true });
    const c = profileData(x, schema).features[0] as CategoricalProfile;
    expect(c).toMatchObject({ kind: 'categorical', count: 3, missing: 1, categories: ['a', 'b'] });
    expect(c.shares[0]).toBeCloseTo(1 / 3);
  });

  it('binIndex puts edge values in the lower bin', () => {
    expect(binIndex([1, 2, 3], 0)).toBe(0);
    expect(binIndex([1, 2, 3], 1)).toBe(0);
    expect(binIndex([1, 2, 3], 1.5)).toBe(1);
    expect(binIndex([1, 2, 3], 9)).toBe(3);
  });
});

describe('datasetDigest', () => {
  it('changes with any value, the shape or the target', () => {
    const a = Float64Matrix.fromRows([
      [1, 2],
      [3, 4],
    ]);
    const base = datasetDigest(a, [0, 1]);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(datasetDigest(a, [0, 1])).toBe(base);
    expect(datasetDigest(a, [1, 0])).not.toBe(base);
    expect(datasetDigest(a, new Float64Array([0, 1]))).not.toBe(datasetDigest(a));
    expect(datasetDigest(new Float64Matrix(a.data, 1, 4), [0, 1])).not.toBe(base);
  });
});
