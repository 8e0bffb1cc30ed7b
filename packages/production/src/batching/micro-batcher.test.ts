// Micro-batching: concurrent requests share one predict call, a lone request is not delayed, a
// bad request in a batch fails alone, and the adaptive window engages only under concurrency.
import { Float64Matrix } from '@mlpy/core';
import { describe, expect, it } from 'vitest';
import { AsyncPredictor, fittedClassifier } from '../../test/fixtures.js';
import { MicroBatcher } from './micro-batcher.js';

const m = (...rows: number[][]) =>
  new Float64Matrix(Float64Array.from(rows.flat()), rows.length, rows[0]!.length);

describe('MicroBatcher', () => {
  it('scores concurrent submissions in one call and splits the results', async () => {
    const calls: number[] = [];
    const seen: [number, number][] = [];
    const b = new MicroBatcher<number>(
      (x) => {
        calls.push(x.rows);
        return Array.from({ length: x.rows }, (_, i) => x.data[i * x.cols]! * 10);
      },
      { maxDelayMs: 0 },
      (requests, rows) => seen.push([requests, rows]),
    );
    const out = await Promise.all([b.submit(m([1])), b.submit(m([2], [3])), b.submit(m([4]))]);
    expect(out).toEqual([[10], [20, 30], [40]]);
    expect(calls).toEqual([4]);
    expect(seen).toEqual([[3, 4]]);
    expect(b.load).toBeGreaterThan(1);
  });

  it('does not hold a lone request', async () => {
    const b = new MicroBatcher<number>((x) => Array.from({ length: x.rows }, () => 1));
    const t = performance.now();
    for (let i = 0; i < 20; i++) await b.submit(m([i]));
    expect((performance.now() - t) / 20).toBeLessThan(5); // one event-loop turn, not a timer window
    expect(b.load).toBeLessThan(1.5);
  });

  it('retries a failing batch request by request so only the bad one fails', async () => {
    const b = new MicroBatcher<number>((x) => {
      for (let i = 0; i < x.rows; i++) if (Number.isNaN(x.data[i]!)) throw new Error('NaN');
      return Array.from(x.data);
    });
    const results = await Promise.allSettled([b.submit(m([1])), b.submit(m([Number.NaN])), b.submit(m([3]))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseFulfilledResult<number[]>).value).toEqual([3]);
  });

  it('caps batches at maxBatchRows and sends big requests alone', async () => {
    const calls: number[] = [];
    const b = new MicroBatcher<number>(
      (x) => {
        calls.push(x.rows);
        return new Array(x.rows).fill(0);
      },
      { maxBatchRows: 4 },
    );
    await Promise.all([
      b.submit(m([1], [2], [3], [4], [5])),
      ...[1, 2, 3, 4, 5, 6].map((v) => b.submit(m([v]))),
    ]);
    expect(calls[0]).toBe(5);
    expect(calls.slice(1).every((c) => c <= 4)).toBe(true);
    expect(calls.slice(1).reduce((a, c) => a + c, 0)).toBe(6);
  });

  it('queues behind an async predict and batches what arrived meanwhile; can be disabled', async () => {
    const model = new AsyncPredictor(await fittedClassifier(0), 5);
    const b = new MicroBatcher((x) => Promise.resolve(model.predict(x)).then((p) => Array.from(p)), {
      maxDelayMs: 2,
    });
    const row = m([0.1, 0.2, 0.3, 0.4]);
    const first = b.submit(row);
    await new Promise((r) => setImmediate(r));
    const rest = Array.from({ length: 8 }, () => b.submit(row));
    await Promise.all([first, ...rest]);
    expect(model.rowsSeen).toEqual([1, 8]);
    // Under sustained concurrency the adaptive window holds the queue open for maxDelayMs.
    await Promise.all(Array.from({ length: 8 }, () => b.submit(row)));
    expect(model.rowsSeen.at(-1)).toBe(8);
    const off = new MicroBatcher((x) => Promise.resolve(model.predict(x)).then((p) => Array.from(p)), {
      enabled: false,
    });
    await Promise.all([off.submit(row), off.submit(row)]);
    expect(model.rowsSeen.slice(-2)).toEqual([1, 1]);
  });
});
