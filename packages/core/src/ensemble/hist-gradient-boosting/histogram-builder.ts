// Runs histogram building on the main thread or split across a worker team by feature ranges,
// over shared memory. Each feature's histogram is summed by one thread in row order, so the
// result is identical for any thread count. Nodes too small to repay the hand-over stay on the
// main thread.
import { type WorkerTeam, workerTeam } from '../../parallel/index.js';
import { P } from './hist-worker.js';
import { buildHistograms, type HistogramTask } from './histogram.js';

/**
 * Smallest node (rows × features) split across threads. A team round trip costs tens of
 * microseconds; below this the main thread alone is as fast (measured on 2 cores, see the trees
 * benchmark).
 */
export const PARALLEL_MIN_WORK = 50_000;

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
  private readonly team: WorkerTeam | undefined;
  /** Arrays this builder shared with the team, forgotten on release. */
  private readonly sharedValues = new Set<object>();
  /**
   * Features per microsecond of the main thread and of each worker, smoothed over builds:
   * feature ranges are cut in proportion, so no thread waits long for another (threads rarely
   * run at equal speed on a shared machine).
   */
  private readonly speed: Float64Array;
  /** Number of node builds split across threads, for tests and benchmarks. */
  parallelBuilds = 0;

  constructor(threads: number, nFeatures: number) {
    this.threads = Math.max(1, Math.min(threads, nFeatures));
    this.team = this.threads > 1 ? workerTeam(workerUrl, this.threads - 1) : undefined;
    this.speed = new Float64Array(this.threads).fill(1);
  }

  /** True when arrays handed to `build` must live on SharedArrayBuffer. */
  get shared(): boolean {
    return this.team !== undefined;
  }

  /** Fills `task.hist` for all features of the task's range; parallel when the node is big enough. */
  async build(task: HistogramTask, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const team = this.team;
    const nf = task.featureTo - task.featureFrom;
    // A team busy with another fit's node (fits interleave at awaits) leaves this one to the main thread.
    if (!team || team.busy || (task.end - task.start) * nf < minWork) {
      buildHistograms(task);
      return;
    }
    this.parallelBuilds++;
    const share = (value: object) => {
      this.sharedValues.add(value);
      return team.share(value);
    };
    const cuts = this.cuts(task.featureFrom, task.featureTo);
    const params: number[][] = [];
    for (let t = 1; t < this.threads; t++) {
      const p: number[] = [];
      p[P.Bins] = share(task.bins);
      p[P.NRows] = task.nRows;
      p[P.Rows] = task.rows === null ? 0 : share(task.rows);
      p[P.Gradients] = share(task.gradients);
      p[P.Hessians] = share(task.hessians);
      p[P.Start] = task.start;
      p[P.End] = task.end;
      p[P.FeatureFrom] = cuts[t]!;
      p[P.FeatureTo] = cuts[t + 1]!;
      p[P.Hist] = share(task.hist);
      p[P.Offsets] = share(task.offsets);
      params.push(p);
    }
    team.run(params);
    const t0 = performance.now();
    let mainUs = 0;
    try {
      if (cuts[1]! > cuts[0]!) buildHistograms({ ...task, featureTo: cuts[1]! });
      mainUs = (performance.now() - t0) * 1000;
    } finally {
      await team.join();
    }
    const { speed } = this;
    for (let t = 0; t < this.threads; t++) {
      const us = t === 0 ? mainUs : team.elapsed(t - 1);
      const features = cuts[t + 1]! - cuts[t]!;
      if (us > 0 && features > 0) speed[t] = 0.8 * speed[t]! + 0.2 * (features / us);
    }
  }

  /** Feature range boundaries, one range per thread, in proportion to each thread's speed. */
  private cuts(from: number, to: number): Int32Array {
    const { speed } = this;
    const total = speed.reduce((a, b) => a + b, 0);
    const cuts = new Int32Array(this.threads + 1);
    cuts[0] = from;
    for (let t = 0, acc = 0; t < this.threads; t++) {
      acc += speed[t]!;
      cuts[t + 1] = from + Math.round(((to - from) * acc) / total);
    }
    return cuts;
  }

  /** Lets the workers drop this fit's arrays. */
  release(): void {
    this.team?.forget(this.sharedValues);
    this.sharedValues.clear();
  }
}
