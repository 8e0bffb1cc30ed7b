// Adaptive micro-batching: requests that arrive together are scored in one predict call.
// At low load a request is flushed on the next turn of the event loop (setImmediate), so it waits
// for nothing; when recent batches held several requests, the batcher holds the queue open for up
// to `maxDelayMs` to gather more. While an async predict is running, new requests queue for the
// next batch. A failing batch is retried request by request, so one bad request fails alone.
import { Float64Matrix } from '@mlpy/core';

export interface BatcherOptions {
  /** Most rows scored in one predict call (default 256). */
  maxBatchRows?: number;
  /** Longest a request waits for companions when traffic is concurrent (default 1 ms; 0 disables). */
  maxDelayMs?: number;
  /** Set false to call predict once per request. */
  enabled?: boolean;
}

interface Pending<R> {
  x: Float64Matrix;
  resolve: (rows: R[]) => void;
  reject: (err: unknown) => void;
}

/** Scores one matrix and returns one result per row. */
export type BatchFn<R> = (x: Float64Matrix) => R[] | Promise<R[]>;

/** Coalesces concurrent predict calls on one model. */
export class MicroBatcher<R> {
  private queue: Pending<R>[] = [];
  private queuedRows = 0;
  private scheduled = false;
  private busy = false;
  /** Exponentially weighted mean of requests per batch: the load signal. */
  private meanRequests = 1;
  private readonly maxRows: number;
  private readonly maxDelayMs: number;
  private readonly enabled: boolean;

  constructor(
    private readonly run: BatchFn<R>,
    options: BatcherOptions = {},
    private readonly onBatch?: (requests: number, rows: number) => void,
  ) {
    this.maxRows = options.maxBatchRows ?? 256;
    this.maxDelayMs = options.maxDelayMs ?? 1;
    this.enabled = options.enabled ?? true;
  }

  /** Requests per batch, smoothed; above 1 means requests are being coalesced. */
  get load(): number {
    return this.meanRequests;
  }

  /** Scores `x` (alone or with concurrent requests) and resolves with its rows' results. */
  submit(x: Float64Matrix): Promise<R[]> {
    if (!this.enabled || x.rows >= this.maxRows) return this.direct(x);
    return new Promise<R[]>((resolve, reject) => {
      this.queue.push({ x, resolve, reject });
      this.queuedRows += x.rows;
      if (this.queuedRows >= this.maxRows && !this.busy) {
        this.scheduled = true;
        queueMicrotask(() => this.flush());
      } else this.schedule();
    });
  }

  private async direct(x: Float64Matrix): Promise<R[]> {
    this.onBatch?.(1, x.rows);
    return this.run(x);
  }

  private schedule(): void {
    if (this.scheduled || this.busy) return;
    this.scheduled = true;
    if (this.maxDelayMs > 0 && this.meanRequests > 1.5) setTimeout(() => this.flush(), this.maxDelayMs);
    else setImmediate(() => this.flush());
  }

  private take(): Pending<R>[] {
    let rows = 0;
    let k = 0;
    while (k < this.queue.length && (k === 0 || rows + this.queue[k]!.x.rows <= this.maxRows))
      rows += this.queue[k++]!.x.rows;
    const batch = this.queue.slice(0, k);
    this.queue = this.queue.slice(k);
    this.queuedRows -= rows;
    return batch;
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    if (this.busy || this.queue.length === 0) return;
    const batch = this.take();
    this.busy = true;
    this.meanRequests = 0.8 * this.meanRequests + 0.2 * batch.length;
    try {
      if (batch.length === 1) await this.runOne(batch[0]!);
      else await this.runMany(batch);
    } finally {
      this.busy = false;
      if (this.queue.length) this.schedule();
    }
  }

  private async runOne(p: Pending<R>): Promise<void> {
    try {
      p.resolve(await this.direct(p.x));
    } catch (err) {
      p.reject(err);
    }
  }

  private async runMany(batch: Pending<R>[]): Promise<void> {
    const cols = batch[0]!.x.cols;
    let rows = 0;
    for (const p of batch) rows += p.x.rows;
    const data = new Float64Array(rows * cols);
    let offset = 0;
    for (const p of batch) {
      data.set(p.x.data.subarray(0, p.x.rows * cols), offset);
      offset += p.x.rows * cols;
    }
    let results: R[];
    try {
      this.onBatch?.(batch.length, rows);
      results = await this.run(new Float64Matrix(data, rows, cols));
    } catch {
      // Someone's rows broke the batch: score each request alone so only that one fails.
      for (const p of batch) await this.runOne(p);
      return;
    }
    let start = 0;
    for (const p of batch) {
      p.resolve(results.slice(start, start + p.x.rows));
      start += p.x.rows;
    }
  }
}
