// Worker-thread pools (piscina) for CPU-parallel work: forest trees, histogram building,
// cross-validation folds. Workers share data through SharedArrayBuffer, never by copying.

import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { BackendError, InvalidParameterError } from '../errors/index.js';
import { tsxLoader } from './loader.js';
import { closeWorkerTeams } from './team.js';

/**
 * Threads to use for `nJobs`: undefined/-1 → all available cores; a positive integer → that
 * many (capped at the core count only when `cap` is set).
 */
export function resolveThreads(nJobs: number | undefined, cap = false): number {
  const cores = availableParallelism();
  if (nJobs === undefined || nJobs === -1) return cores;
  if (!Number.isInteger(nJobs) || nJobs < 1) {
    throw new InvalidParameterError(`nJobs must be a positive integer or -1 (all cores), got ${nJobs}`);
  }
  return cap ? Math.min(nJobs, cores) : nJobs;
}

const pools = new Map<string, Piscina>();

/**
 * A shared pool for a worker module, sized to at least `threads`. Pools are cached per module
 * and kept across calls (workers start once); they do not keep the process alive.
 * When running from TypeScript sources (tests), workers load them through tsx.
 */
export function workerPool(workerUrl: URL, threads: number): Piscina {
  const filename = fileURLToPath(workerUrl);
  const key = filename;
  let pool = pools.get(key);
  if (pool && pool.options.maxThreads >= threads) return pool;
  if (pool) void pool.destroy();
  const fromSource = filename.endsWith('.ts');
  pool = new Piscina({
    filename,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 2_000,
    ...(fromSource ? { execArgv: [...process.execArgv, '--import', tsxLoader()] } : {}),
  });
  pools.set(key, pool);
  return pool;
}

/** Runs one task per input on the pool and returns results in input order. */
export async function runTasks<I, O>(
  pool: Piscina,
  inputs: readonly I[],
  signal?: AbortSignal,
): Promise<O[]> {
  try {
    return await Promise.all(inputs.map((input) => pool.run(input, signal ? { signal } : {}) as Promise<O>));
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new BackendError(`A worker task failed: ${(err as Error).message}`, { cause: err });
  }
}

/** Destroys every cached pool and worker team (for tests and graceful shutdown). */
export async function closeWorkerPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all([...all.map((p) => p.destroy()), closeWorkerTeams()]);
}

/** A Float64Array on shared memory holding a copy of `src` (or `length` zeros). */
export function sharedFloat64(srcOrLength: ArrayLike<number> | number): Float64Array {
  const n = typeof srcOrLength === 'number' ? srcOrLength : srcOrLength.length;
  const out = new Float64Array(new SharedArrayBuffer(n * 8));
  if (typeof srcOrLength !== 'number') out.set(srcOrLength);
  return out;
}
