// Random forest benchmark (not a test): our RandomForest vs scikit-learn (same trees, features
// and threads) and vs ml-random-forest (on a subsample), plus single-core batch prediction
// throughput. Runs against the built package: `pnpm --filter @mlpy/core build` first.
// Writes docs/benchmarks/forest.json and docs/benchmarks/forest.md. Scale with BENCH_SCALE (default 1).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RandomForestClassifier as MlRandomForest } from 'ml-random-forest';
import {
  closeWorkerPools,
  Float64Matrix,
  makeClassification,
  makeRegression,
  RandomForestClassifier,
  RandomForestRegressor,
  rocAucScore,
} from '../dist/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const python = join(root, 'tooling/peers/.venv/bin/python');
const scale = Number(process.env.BENCH_SCALE ?? 1);
const THREADS = 2;
const tmp = mkdtempSync(join(tmpdir(), 'forest-bench-'));
const records = [];

const now = () => performance.now() / 1000;
const rmse = (y, p) => Math.sqrt(y.reduce((a, v, i) => a + (v - p[i]) ** 2, 0) / y.length);

function splitRows(X, y, testFraction = 0.2) {
  const nTest = Math.round(X.rows * testFraction);
  const nTrain = X.rows - nTest;
  const idx = (a, b) => Array.from({ length: b - a }, (_, i) => a + i);
  return {
    Xtr: X.takeRows(idx(0, nTrain)),
    ytr: Float64Array.from(y.subarray(0, nTrain)),
    Xte: X.takeRows(idx(nTrain, X.rows)),
    yte: Float64Array.from(y.subarray(nTrain)),
  };
}

function write(name, arr) {
  const path = join(tmp, name);
  writeFileSync(path, Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength));
  return path;
}

function sklearnPeer(task, s, params, threads, predictThreads = threads) {
  const req = {
    task,
    trainX: write('trX', s.Xtr.data),
    trainY: write('trY', s.ytr),
    testX: write('teX', s.Xte.data),
    testY: write('teY', s.yte),
    rows: s.Xtr.rows,
    testRows: s.Xte.rows,
    cols: s.Xtr.cols,
    params,
    threads,
    predictThreads,
  };
  const out = execFileSync(
    python,
    ['-P', fileURLToPath(new URL('./forest_peer.py', import.meta.url)), JSON.stringify(req)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  return JSON.parse(out);
}

async function ours(task, s, params) {
  const Model = task === 'classification' ? RandomForestClassifier : RandomForestRegressor;
  const model = new Model(params);
  let t0 = now();
  await model.fit(s.Xtr, s.ytr);
  const fitS = now() - t0;
  t0 = now();
  const pred = task === 'classification' ? model.predictProba(s.Xte) : model.predict(s.Xte);
  const predictS = now() - t0;
  const metric =
    task === 'classification'
      ? rocAucScore(
          Array.from(s.yte),
          Array.from({ length: s.Xte.rows }, (_, i) => pred.data[i * 2 + 1]),
        )
      : rmse(s.yte, pred);
  return { model, fitS, predictRowsPerS: s.Xte.rows / predictS, metric };
}

function record(workload, s, threads, o, peer, metricName) {
  const rec = {
    workload,
    rows: s.Xtr.rows,
    cols: s.Xtr.cols,
    threads,
    metricName,
    ours: { fitS: o.fitS, predictRowsPerS: o.predictRowsPerS, metric: o.metric },
    peer,
    ratio: {
      fit: o.fitS / peer.fitS,
      // Time ratios, as everywhere in tooling/bench: 1 is parity, above 1 we are slower.
      predict: peer.predictRowsPerS ? peer.predictRowsPerS / o.predictRowsPerS : null,
    },
  };
  records.push(rec);
  console.log(
    `${workload.padEnd(34)} rows=${s.Xtr.rows} ours fit ${o.fitS.toFixed(2)}s, ${Math.round(o.predictRowsPerS)} rows/s, ${metricName} ${o.metric.toFixed(4)} | ` +
      `${peer.name} fit ${peer.fitS.toFixed(2)}s, ${Math.round(peer.predictRowsPerS ?? 0)} rows/s, ${metricName} ${peer.metric.toFixed(4)} | fit ratio ${rec.ratio.fit.toFixed(2)}x`,
  );
}

async function vsSklearn(workload, task, s, ourParams, skParams, metricName) {
  const o = await ours(task, s, { ...ourParams, nJobs: THREADS, seed: 0 });
  const p = sklearnPeer(task, s, skParams, THREADS);
  record(
    workload,
    s,
    THREADS,
    o,
    {
      name: 'scikit-learn',
      version: p.version,
      fitS: p.fitS,
      predictRowsPerS: s.Xte.rows / p.predictS,
      metric: p.metric,
    },
    metricName,
  );
  return p.version;
}

const nTrees = Math.max(10, Math.round(100 * scale));
// 1. classification 100k × 20, sklearn defaults (sqrt features, full depth)
const cls = makeClassification({
  nSamples: Math.round(125_000 * scale),
  nFeatures: 20,
  nInformative: 10,
  seed: 1,
});
const sc = splitRows(cls.X, Float64Array.from(cls.y));
const skVersion = await vsSklearn(
  'rf-classification-100k',
  'classification',
  sc,
  { nEstimators: nTrees, maxFeatures: 'sqrt' },
  { n_estimators: nTrees, max_features: 'sqrt' },
  'auc',
);

// 2. regression 500k × 20: max_features 1/3, min_samples_leaf 5 keeps the sklearn side within minutes
const reg = makeRegression({
  nSamples: Math.round(625_000 * scale),
  nFeatures: 20,
  nInformative: 10,
  noise: 10,
  seed: 2,
});
const sr = splitRows(reg.X, reg.y);
const regTrees = Math.max(5, Math.round(20 * scale));
await vsSklearn(
  'rf-regression-500k',
  'regression',
  sr,
  { nEstimators: regTrees, maxFeatures: 0.33, minSamplesLeaf: 5 },
  { n_estimators: regTrees, max_features: 0.33, min_samples_leaf: 5 },
  'rmse',
);

// 3. ml-random-forest on a 4k-row subsample (single-threaded library; ours on one thread too)
const sub = splitRows(
  cls.X.takeRows(Array.from({ length: 5_000 }, (_, i) => i)),
  Float64Array.from(cls.y.subarray(0, 5_000)),
);
const mlTrees = 10;
const o3 = await ours('classification', sub, {
  nEstimators: mlTrees,
  maxFeatures: 'sqrt',
  nJobs: 1,
  seed: 0,
});
const ml = new MlRandomForest({
  nEstimators: mlTrees,
  maxFeatures: 0.25,
  seed: 0,
  replacement: true,
  useSampleBagging: true,
  noOOB: true,
});
let t0 = now();
ml.train(sub.Xtr.toArray(), Array.from(sub.ytr));
const mlFit = now() - t0;
t0 = now();
const mlPred = ml.predict(sub.Xte.toArray());
const mlPredS = now() - t0;
const mlAcc = mlPred.filter((p, i) => p === sub.yte[i]).length / mlPred.length;
const ourAcc = o3.model.predict(sub.Xte).filter((p, i) => p === sub.yte[i]).length / sub.Xte.rows;
record(
  'rf-classification-4k-vs-ml-random-forest',
  sub,
  1,
  { ...o3, metric: ourAcc },
  {
    name: 'ml-random-forest',
    version: '2.1.0',
    fitS: mlFit,
    predictRowsPerS: sub.Xte.rows / mlPredS,
    metric: mlAcc,
  },
  'accuracy',
);

// 4. serving: batch prediction on one core, 100 trees of 31 leaves
t0 = now();
const serve = await new RandomForestClassifier({
  nEstimators: 100,
  maxLeafNodes: 31,
  nJobs: THREADS,
  seed: 0,
}).fit(sc.Xtr, sc.ytr);
const serveFitS = now() - t0;
const batch = Float64Matrix.fromRows(Array.from({ length: 200_000 }, (_, i) => sc.Xte.row(i % sc.Xte.rows)));
// Warm up as a serving process would be: past 100k rows the trees run as generated code.
for (let r = 0; r < 10; r++) serve.predictProba(batch);
t0 = now();
serve.predictProba(batch);
const serveS = now() - t0;
const servePeer = sklearnPeer(
  'classification',
  { ...sc, Xte: batch, yte: Float64Array.from({ length: batch.rows }, (_, i) => sc.yte[i % sc.yte.length]) },
  { n_estimators: 100, max_leaf_nodes: 31 },
  THREADS,
  1,
);
record(
  'predict-100-trees-31-leaves-1-core',
  { Xtr: batch },
  1,
  { fitS: serveFitS, predictRowsPerS: batch.rows / serveS, metric: 0 },
  {
    name: 'scikit-learn',
    version: servePeer.version,
    fitS: servePeer.fitS,
    predictRowsPerS: batch.rows / servePeer.predictS,
    metric: 0,
  },
  'rows/s',
);
await closeWorkerPools();

const out = {
  benchmark: 'forest',
  date: new Date().toISOString(),
  machine: {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    peers: { 'scikit-learn': skVersion, 'ml-random-forest': '2.1.0' },
  },
  notes:
    'Fit and predict timed separately; data generated by makeClassification/makeRegression (80/20 split). The predict workload times predictProba on 200k rows on one core (ours single-threaded by design; sklearn n_jobs=1); its fit times are for that 100-tree, 31-leaf forest (2 threads) and its metric column is unused. In the other workloads scikit-learn predicts with n_jobs=2 and ours on one thread.',
  records,
};
const docs = join(root, 'docs/benchmarks');
mkdirSync(docs, { recursive: true });
writeFileSync(join(docs, 'forest.json'), `${JSON.stringify(out, null, 2)}\n`);
const fmt = (v, d = 2) => (v === null || v === undefined ? '—' : Number(v).toFixed(d));
const md = [
  '# Random forest benchmark',
  '',
  `Generated by \`packages/core/bench/forest.bench.mjs\` on ${out.date} (${out.machine.cores} cores, ${out.machine.cpu}, Node ${out.machine.node}, scikit-learn ${skVersion}).`,
  '',
  '| workload | rows × cols | threads | ours fit (s) | peer fit (s) | fit ratio (ours/peer) | ours predict (rows/s) | peer predict (rows/s) | metric | ours | peer |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...records.map(
    (r) =>
      `| ${r.workload} (vs ${r.peer.name}) | ${r.rows} × ${r.cols} | ${r.threads} | ${fmt(r.ours.fitS)} | ${fmt(r.peer.fitS)} | ${fmt(r.ratio.fit)} | ${Math.round(r.ours.predictRowsPerS)} | ${Math.round(r.peer.predictRowsPerS)} | ${r.metricName} | ${fmt(r.ours.metric, 4)} | ${fmt(r.peer.metric, 4)} |`,
  ),
  '',
  out.notes,
  '',
].join('\n');
writeFileSync(join(docs, 'forest.md'), md);
console.log(`wrote ${join(docs, 'forest.json')} and forest.md`);
