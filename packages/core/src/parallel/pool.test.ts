import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { BackendError, InvalidParameterError } from '../errors/index.js';
import { closeWorkerPools, resolveThreads, runTasks, sharedFloat64, workerPool } from './pool.js';

afterAll(closeWorkerPools);

describe('resolveThreads', () => {
  it('defaults to the available cores', () => {
    expect(resolveThreads(undefined)).toBe(availableParallelism());
    expect(resolveThreads(-1)).toBe(availableParallelism());
    expect(resolveThreads(3)).toBe(3);
    expect(resolveThreads(1000, true)).toBe(availableParallelism());
  });
  it('refuses nonsense', () => {
    expect(() => resolveThreads(0)).toThrow(InvalidParameterError);
    expect(() => resolveThreads(1.5)).toThrow(/positive integer/);
  });
});

describe('workerPool', () => {
  const url = new URL('./__fixtures__/sum-worker.ts', import.meta.url);

  it('runs tasks on worker threads over shared memory', async () => {
    const data = sharedFloat64(Array.from({ length: 100 }, (_, i) => i));
    const pool = workerPool(url, 2);
    const sums = await runTasks<object, number>(pool, [
      { data, from: 0, to: 50 },
      { data, from: 50, to: 100 },
    ]);
    expect(sums).toEqual([1225, 3725]);
    expect(data[0]).toBe(-1);
    expect(data[50]).toBe(-1);
    expect(workerPool(url, 1)).toBe(pool);
  });

  it('wraps worker failures in BackendError', async () => {
    const pool = workerPool(url, 1);
    await expect(runTasks(pool, [{ data: null, from: 0, to: 1 }])).rejects.toThrow(BackendError);
  });
});
