// Memory workload of the core benchmark (spawned by core.bench.mjs, one process per model, as
// `node --max-old-space-size=2048 core-memory.mjs <Model> [rows]`): fits one model on generated
// 1M × 20 float data and predicts every row, then prints one JSON line with the times, peak RSS
// (process.resourceUsage().maxRSS) and the peak sampled heap. Imports the BUILT package.
import * as core from '../dist/index.js';

const model = process.argv[2];
const rows = Number(process.argv[3] ?? 1_000_000);
const cols = 20;
const factories = {
  LinearRegression: () => new core.LinearRegression(),
  LogisticRegression: () => new core.LogisticRegression(),
  KMeans: () => new core.KMeans({ nClusters: 8, nInit: 1, seed: 0 }),
  // Small ensembles: the point is the memory of 1M rows, not the forest's accuracy.
  RandomForestClassifier: () =>
    new core.RandomForestClassifier({ nEstimators: 2, maxDepth: 8, nJobs: 2, seed: 0 }),
  HistGradientBoostingClassifier: () =>
    new core.HistGradientBoostingClassifier({ maxIter: 20, nJobs: 2, seed: 0 }),
};
if (!factories[model] || !(model in core)) {
  console.log(JSON.stringify({ model, skipped: `${model} is not in @mlpy/core` }));
  process.exit(0);
}

let peakHeap = 0;
const sample = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};
const sampler = setInterval(sample, 50);
const secs = (t0) => (performance.now() - t0) / 1000;

let t0 = performance.now();
const data =
  model === 'LinearRegression'
    ? core.makeRegression({ nSamples: rows, nFeatures: cols, nInformative: 10, noise: 10, seed: 7 })
    : model === 'KMeans'
      ? core.makeBlobs({ nSamples: rows, nFeatures: cols, centers: 8, seed: 7 })
      : core.makeClassification({ nSamples: rows, nFeatures: cols, nInformative: 10, seed: 7 });
const generateS = secs(t0);
sample();
const est = factories[model]();
t0 = performance.now();
await est.fit(data.X, model === 'KMeans' ? undefined : data.y);
const fitS = secs(t0);
sample();
t0 = performance.now();
const pred = est.predict(data.X);
const predictS = secs(t0);
sample();
clearInterval(sampler);
if (pred.length !== rows) throw new Error(`${model}: ${pred.length} predictions for ${rows} rows`);
await core.closeWorkerPools?.();
const mib = (b) => Math.round(b / 2 ** 20);
console.log(
  JSON.stringify({
    model,
    rows,
    cols,
    generateS,
    fitS,
    predictS,
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    peakHeapMiB: mib(peakHeap),
    dataMiB: mib(data.X.data.byteLength),
  }),
);
