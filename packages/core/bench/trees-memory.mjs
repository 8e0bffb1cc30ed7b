// Fit memory of our HistGradientBoosting, measured alone in a fresh process (trees.bench.mjs runs
// it once per workload, with trees_peers.py measuring each peer the same way).
// argv: the JSON request trees_peers.py takes (raw float64 files of the training data, sizes,
// trees, leaves, bins, threads, categorical columns). Prints {peakOverBaselineMB, baselineMB}.
//
// A warm-up fit on the first 5,000 rows starts the histogram worker and compiles the code; then a
// full collection (node --expose-gc), the baseline, and the fit while a worker thread samples the
// process's resident set every millisecond (RSS is per process, so any thread can read it).
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import {
  Float64Matrix,
  HistGradientBoostingClassifier,
  HistGradientBoostingRegressor,
} from '../dist/index.js';

const r = JSON.parse(process.argv[2]);
const load = (path) => {
  const b = readFileSync(path);
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
};
const X = new Float64Matrix(load(r.trainX), r.rows, r.cols);
const y = load(r.trainY);
const Model = r.task === 'classification' ? HistGradientBoostingClassifier : HistGradientBoostingRegressor;
const make = (iters) =>
  new Model({
    maxIter: iters,
    maxLeafNodes: r.leaves,
    maxBins: r.bins,
    earlyStopping: false,
    nJobs: r.threads,
    categoricalFeatures: r.categorical.length ? r.categorical : null,
  });

const w = Math.min(5_000, r.rows);
await make(10).fit(new Float64Matrix(X.data.subarray(0, w * r.cols), w, r.cols), y.subarray(0, w));

// The sampler's state, with Atomics: [0] 1 once the baseline is taken, [1] the peak seen since
// (KiB), [2] 1 to stop.
const state = new Int32Array(new SharedArrayBuffer(12));
const sampler = new Worker(
  `const { workerData: s } = require('node:worker_threads');
   while (Atomics.load(s, 2) === 0) {
     if (Atomics.load(s, 0) === 1) {
       const kib = Math.ceil(process.memoryUsage.rss() / 1024);
       if (kib > Atomics.load(s, 1)) Atomics.store(s, 1, kib);
     }
     Atomics.wait(s, 2, 0, 1);
   }`,
  { eval: true, workerData: state },
);
await new Promise((resolve) => sampler.once('online', resolve));
globalThis.gc?.();
const baseline = process.memoryUsage.rss();
Atomics.store(state, 0, 1);
await make(r.iters).fit(X, y);
const peak = Math.max(Atomics.load(state, 1) * 1024, process.memoryUsage.rss());
Atomics.store(state, 2, 1);
await sampler.terminate();
console.log(
  JSON.stringify({ peakOverBaselineMB: (peak - baseline) / 2 ** 20, baselineMB: baseline / 2 ** 20 }),
);
process.exit(0);
