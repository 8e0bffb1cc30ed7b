// Runs histogram building on the main thread or split across worker threads by feature ranges,
// over shared memory; nodes too small to repay the message overhead stay on the main thread.
import type { Piscina } from 'piscina';
import { runTasks, workerPool } from '../../parallel/index.js';
import { buildHistograms, type HistogramTask } from './histogram.js';

/**
 * Smallest node (rows × features) sent to workers; below it the per-task message cost (tens of
 * microseconds) outweighs the work saved. A starting value, not yet tuned on a quiet machine.
 */
export const PARALLEL_MIN_WORK = 250_000;

let minWork = PARALLEL_MIN_WORK;

/** @internal Overrides the parallel threshold (tests use 0 to force workers on small data); returns the previous value. */
export function setParallelMinWork(work: number): number {
  const previous = minWork;
  minWork = work;
  return previous;
}

const workerUrl = new URL(`./hist-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

/** Builds node histograms with `threads` threads (the calling thread counts as one). */
export class HistogramBuilder {
  readonly threads: number;
  private readonly pool: Piscina | undefined;
  /** Number of node builds sent to workers, for tests and benchmarks. */
  parallelBuilds = 0;

  constructor(threads: number, nFeatures: number) {
    this.threads = Math.max(1, Math.min(threads, nFeatures));
    this.pool = this.threads > 1 ? workerPool(workerUrl, this.threads - 1) : undefined;
  }

  /** True when arrays handed to `build` must live on SharedArrayBuffer. */
  get shared(): boolean {
    return this.pool !== undefined;
  }

  /** Fills `task.hist` for all features of the task's range; parallel when the node is big enough. */
  async build(task: HistogramTask, signal?: AbortSignal): Promise<void> {
    const nf = task.featureTo - task.featureFrom;
    const work = (task.end - task.start) * nf;
    if (!this.pool || work < minWork) {
      buildHistograms(task);
      return;
    }
    this.parallelBuilds++;
    const chunks: HistogramTask[] = [];
    for (let t = 0; t < this.threads; t++) {
      const from = task.featureFrom + Math.floor((nf * t) / this.threads);
      const to = task.featureFrom + Math.floor((nf * (t + 1)) / this.threads);
      if (to > from) chunks.push({ ...task, featureFrom: from, featureTo: to });
    }
    const [own, ...rest] = chunks;
    const pending = runTasks<HistogramTask, number>(this.pool, rest, signal);
    buildHistograms(own!);
    await pending;
  }
}
