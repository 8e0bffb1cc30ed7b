import { describe, expect, it } from 'vitest';
import { Rng } from './random.js';

describe('Rng', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = new Rng(123);
    const b = new Rng(123);
    const c = new Rng(124);
    const sa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('draws uniform floats in [0, 1) with the right mean and variance', () => {
    const r = new Rng(1);
    const n = 100_000;
    let s = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = r.next();
      expect(v >= 0 && v < 1).toBe(true);
      s += v;
      ss += v * v;
    }
    expect(s / n).toBeCloseTo(0.5, 2);
    expect(ss / n - (s / n) ** 2).toBeCloseTo(1 / 12, 2);
  });

  it('draws standard normals', () => {
    const r = new Rng(2);
    const n = 100_000;
    let s = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = r.normal();
      s += v;
      ss += v * v;
    }
    expect(s / n).toBeCloseTo(0, 1);
    expect(ss / n).toBeCloseTo(1, 1);
  });

  it('int covers its range evenly; permutation is a permutation', () => {
    const r = new Rng(3);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 50_000; i++) counts[r.int(5)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    const p = r.permutation(100);
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(p)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('fork gives an independent reproducible stream', () => {
    const a = new Rng(9).fork();
    const b = new Rng(9).fork();
    expect(a.next()).toBe(b.next());
  });
});
