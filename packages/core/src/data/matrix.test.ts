import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors/index.js';
import { Float64Matrix, hstack } from './matrix.js';

describe('Float64Matrix', () => {
  const m = Float64Matrix.fromRows([
    [1, 2, 3],
    [4, 5, 6],
  ]);

  it('stores rows row-major and reads them back', () => {
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.get(1, 2)).toBe(6);
    expect(Array.from(m.row(1))).toEqual([4, 5, 6]);
    expect(Array.from(m.column(1))).toEqual([2, 5]);
    expect(m.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('takes rows and columns in the given order', () => {
    expect(m.takeRows([1, 0, 1]).toArray()).toEqual([
      [4, 5, 6],
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(m.takeColumns([2, 0]).toArray()).toEqual([
      [3, 1],
      [6, 4],
    ]);
  });

  it('row views share memory; set writes through', () => {
    const z = Float64Matrix.zeros(2, 2);
    z.set(1, 0, 7);
    expect(z.row(1)[0]).toBe(7);
  });

  it('refuses inconsistent shapes', () => {
    expect(() => new Float64Matrix(new Float64Array(5), 2, 3)).toThrow(ShapeError);
    expect(() => new Float64Matrix(new Float64Array(0), -1, 0)).toThrow(/non-negative/);
    expect(() => Float64Matrix.fromRows([[1, 2], [3]])).toThrow(/Row 1 has 1 values/);
  });

  it('hstack joins blocks side by side', () => {
    const a = Float64Matrix.fromRows([[1], [2]]);
    expect(hstack([a, m.takeColumns([0, 1])]).toArray()).toEqual([
      [1, 1, 2],
      [2, 4, 5],
    ]);
    expect(() => hstack([a, Float64Matrix.zeros(3, 1)])).toThrow(ShapeError);
  });
});
