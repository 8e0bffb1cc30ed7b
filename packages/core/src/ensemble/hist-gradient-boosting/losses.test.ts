// The boosting losses' own arithmetic: the series exponential the log-loss gradients use, and
// which losses may skip their hessians.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../utils/random.js';
import {
  binaryLogLoss,
  expSeries,
  huberLoss,
  multinomialLogLoss,
  pinballLoss,
  squaredError,
} from './losses.js';

/** Distance from a to b in units in the last place of b. */
function ulps(a: number, b: number): number {
  const bits = new Float64Array([b]);
  const int = new BigInt64Array(bits.buffer);
  int[0] = int[0]! + 1n;
  return Math.abs(a - b) / (bits[0]! - b);
}

describe('expSeries', () => {
  it('is within 2 ulp of Math.exp on [-708, 709]', () => {
    const rng = new Rng(3);
    let worst = 0;
    for (let i = 0; i < 50_000; i++) {
      const x = i % 2 ? rng.normal() * 10 : (rng.next() * 2 - 1) * 708;
      worst = Math.max(worst, ulps(expSeries(x), Math.exp(x)));
    }
    for (const x of [0, -0, 1, -1, 0.5 * Math.LN2, -0.5 * Math.LN2, 708, -708, 709])
      worst = Math.max(worst, ulps(expSeries(x), Math.exp(x)));
    expect(worst).toBeLessThanOrEqual(2);
    expect(expSeries(0)).toBe(1);
  });

  it('clamps its argument to [-708, 709] and keeps NaN', () => {
    expect(expSeries(1e6)).toBe(expSeries(709));
    expect(expSeries(-1e6)).toBe(expSeries(-708));
    expect(expSeries(Number.POSITIVE_INFINITY)).toBe(expSeries(709));
    expect(expSeries(-708)).toBeGreaterThan(0);
    expect(Number.isFinite(expSeries(709))).toBe(true);
    expect(expSeries(Number.NaN)).toBeNaN();
  });

  it('gives the log-loss gradients p - y and hessians p (1 - p) at any score', () => {
    const raw = Float64Array.of(-1e9, -30, -1, 0, 2, 40, 1e9);
    const y = Float64Array.of(1, 1, 0, 1, 0, 0, 0);
    const g = new Float64Array(raw.length);
    const h = new Float64Array(raw.length);
    binaryLogLoss.gradients(y, raw, undefined, g, h);
    for (let i = 0; i < raw.length; i++) {
      const p = 1 / (1 + Math.exp(-raw[i]!));
      expect(g[i]).toBeCloseTo(p - y[i]!, 14);
      expect(h[i]).toBeCloseTo(p * (1 - p), 14);
      expect(h[i]).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('hessians', () => {
  const rng = new Rng(9);
  const n = 50;
  const y = Float64Array.from({ length: n }, () => rng.normal());
  const raw = Float64Array.from({ length: n }, () => rng.normal());
  const w = Float64Array.from({ length: n }, () => rng.next() * 2);

  it('are the weights (or ones) for losses whose hessian is the weight, and may be skipped', () => {
    for (const loss of [squaredError, pinballLoss(0.5), pinballLoss(0.9), huberLoss(0.9)]) {
      expect(loss.hessianIsWeight).toBe(true);
      for (const weights of [undefined, w]) {
        const g = new Float64Array(n);
        const h = new Float64Array(n).fill(Number.NaN);
        loss.gradients(y, raw, weights, g, h);
        expect(Array.from(h)).toEqual(Array.from(weights ?? new Float64Array(n).fill(1)));
        const g2 = new Float64Array(n);
        loss.gradients(y, raw, weights, g2, null);
        expect(Array.from(g2)).toEqual(Array.from(g));
      }
    }
  });

  it('cannot be skipped by the log losses, which compute their own', () => {
    const g = new Float64Array(n);
    const codes = Float64Array.from({ length: n }, (_, i) => i % 2);
    expect(() => binaryLogLoss.gradients(codes, raw, undefined, g, null)).toThrow(/hessians/);
    expect(() =>
      multinomialLogLoss.gradients(codes, new Float64Array(2 * n), undefined, new Float64Array(2 * n), null),
    ).toThrow(/hessians/);
  });
});
