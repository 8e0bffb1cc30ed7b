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

  it('sample draws k distinct values in order, each with probability k/n', () => {
    const rng = new Rng(17);
    const n = 50;
    const k = 10;
    const hits = new Float64Array(n);
    const draws = 20_000;
    for (let t = 0; t < draws; t++) {
      const s = rng.sample(n, k);
      expect(s.length).toBe(k);
      for (let i = 1; i < k; i++) expect(s[i]!).toBeGreaterThan(s[i - 1]!);
      for (const v of s) hits[v] = hits[v]! + 1;
    }
    // Each index: binomial(draws, 0.2), standard deviation about 57 around 4000.
    for (const h of hits) expect(Math.abs(h - (draws * k) / n)).toBeLessThan(300);
    expect(Array.from(rng.sample(5, 9))).toEqual([0, 1, 2, 3, 4]);
    expect(rng.sample(5, 0).length).toBe(0);
    expect(Array.from(new Rng(3).sample(1000, 7))).toEqual(Array.from(new Rng(3).sample(1000, 7)));
  });

  it('fork gives an independent reproducible stream', () => {
    const a = new Rng(9).fork();
    const b = new Rng(9).fork();
    expect(a.next()).toBe(b.next());
  });
});
