// `pnpm bench serve`: single-row POST /predict on a 100-tree HistGradientBoostingClassifier served by
// @mlpy/production against a bare Hono JSON echo on the same machine, in one run. For each target:
// the maximum throughput (autocannon, closed loop), then the latency at half that rate (open loop,
// overallRate). Runs against BUILT packages: pnpm --filter @mlpy/core --filter @mlpy/tracking
// --filter @mlpy/production build. Writes docs/benchmarks/serve.json and serve.md.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HistGradientBoostingClassifier, makeClassification, saveModel } from '@mlpy/core';
import autocannon from 'autocannon';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const which = process.argv[2] ?? 'serve';
if (which !== 'serve') {
  console.error(`unknown benchmark '${which}'; available: serve`);
  process.exit(2);
}
const ROWS = 10_000;
const COLS = 20;
const DURATION = Number(process.env.MLPY_BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.MLPY_BENCH_CONNECTIONS ?? 16);

function startTarget(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'target.mjs'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (d) => {
      const m = /READY (\d+)/.exec(String(d));
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`target ${args[0]} exited with ${code}`)));
    child.unref();
  });
}

const ROUNDS = Number(process.env.MLPY_BENCH_ROUNDS ?? 3);

/** CPU time (ms) a process has used, from /proc (Linux); null elsewhere. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks at USER_HZ = 100
  } catch {
    return null;
  }
}
const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];

function cannon(url, body, extra) {
  return autocannon({
    url: `${url}/predict`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: CONNECTIONS,
    ...extra,
  });
}

function check(name, r) {
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad) throw new Error(`${name}: ${bad} failed requests`);
  return r;
}

/**
 * Both targets run side by side (each idle while the other is measured); the closed-loop
 * throughput runs alternate between them over ROUNDS rounds and the median round counts, so a
 * burst of other work on the machine does not land on one target only. Then each target is
 * driven open-loop at half its median maximum to read the latency there.
 */
async function measureAll(targets, body) {
  const rounds = Object.fromEntries(targets.map((t) => [t.name, []]));
  const cpu = Object.fromEntries(targets.map((t) => [t.name, { ms: 0, requests: 0 }]));
  for (const t of targets) await cannon(t.url, body, { duration: 3 }); // warm-up (JIT, caches)
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...targets].reverse() : targets;
    for (const t of order) {
      const before = cpuMs(t.child.pid);
      const run = check(t.name, await cannon(t.url, body, { duration: DURATION }));
      const after = cpuMs(t.child.pid);
      rounds[t.name].push(run);
      if (before !== null && after !== null) {
        cpu[t.name].ms += after - before;
        cpu[t.name].requests += run.requests.total;
      }
    }
  }
  const out = {};
  for (const t of targets) {
    const runs = rounds[t.name];
    const reqPerS = median(runs.map((x) => x.requests.average));
    const max = runs.find((x) => x.requests.average === reqPerS);
    const rate = Math.max(1, Math.floor(reqPerS / 2));
    const half = check(t.name, await cannon(t.url, body, { duration: DURATION, overallRate: rate }));
    out[t.name] = {
      reqPerS: Math.round(reqPerS),
      roundsReqPerS: runs.map((x) => Math.round(x.requests.average)),
      /** Server CPU time per request over the throughput rounds: robust to other load on the machine. */
      cpuUsPerReq: cpu[t.name].requests ? Math.round((cpu[t.name].ms * 1000) / cpu[t.name].requests) : null,
      p50Ms: max.latency.p50,
      p99Ms: max.latency.p99,
      halfLoad: {
        targetReqPerS: rate,
        reqPerS: Math.round(half.requests.average),
        p50Ms: half.latency.p50,
        p99Ms: half.latency.p99,
      },
    };
    console.log(t.name, JSON.stringify(out[t.name]));
  }
  return out;
}

const { X, y } = makeClassification({ nSamples: ROWS, nFeatures: COLS, nInformative: 10, seed: 0 });
const model = await new HistGradientBoostingClassifier({
  maxIter: 100,
  maxLeafNodes: 31,
  earlyStopping: false,
  seed: 0,
}).fit(X, y);
const dir = mkdtempSync(join(tmpdir(), 'mlpy-bench-serve-'));
const modelPath = join(dir, 'hgb.mlpy');
writeFileSync(modelPath, saveModel(model));
const row = Object.fromEntries(Array.from({ length: COLS }, (_, j) => [`x${j}`, X.data[j]]));
const body = JSON.stringify({ rows: [row] });

const targets = [];
let results;
try {
  targets.push({ name: 'ours', ...(await startTarget(['ours', modelPath])) });
  targets.push({ name: 'hono-echo', ...(await startTarget(['echo'])) });
  results = await measureAll(targets, body);
} finally {
  for (const t of targets) t.child.kill('SIGTERM');
}

const version = (p) => JSON.parse(readFileSync(join(root, p), 'utf8')).version;
const honoVersion = version('packages/production/node_modules/hono/package.json');
const record = {
  workload: 'serve-predict-single-row',
  model: 'HistGradientBoostingClassifier(maxIter=100, maxLeafNodes=31)',
  rows: 1,
  cols: COLS,
  threads: 1,
  ours: { name: '@mlpy/production', ...results.ours },
  peer: { name: 'hono-echo', version: honoVersion, ...results['hono-echo'] },
  ratio: Math.round((results.ours.reqPerS / results['hono-echo'].reqPerS) * 1000) / 1000,
  /** Echo's CPU per request over ours: the throughput ratio a CPU-bound server would reach. */
  cpuRatio:
    results.ours.cpuUsPerReq && results['hono-echo'].cpuUsPerReq
      ? Math.round((results['hono-echo'].cpuUsPerReq / results.ours.cpuUsPerReq) * 1000) / 1000
      : null,
};
const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  hono: honoVersion,
  autocannon: version('packages/production/node_modules/autocannon/package.json'),
  connections: CONNECTIONS,
  durationS: DURATION,
  rounds: ROUNDS,
  /** 1-minute load average when the run ended: other work on the machine skews both targets. */
  loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
};
const report = { date: new Date().toISOString(), machine, records: [record] };
mkdirSync(join(root, 'docs', 'benchmarks'), { recursive: true });
writeFileSync(join(root, 'docs', 'benchmarks', 'serve.json'), `${JSON.stringify(report, null, 2)}\n`);
const r = record;
const md = `# Serving benchmark

\`pnpm --filter @mlpy/production bench serve\` — ${report.date.slice(0, 10)}, ${machine.cores} cores (${machine.cpu}), Node ${machine.node},
autocannon ${machine.autocannon} with ${CONNECTIONS} connections, ${DURATION} s per measurement, max throughput = median of ${ROUNDS} alternating rounds, load generator and servers on the same machine
(1-minute load average at the end of the run: ${machine.loadAverage1m}).

Workload: single-row \`POST /predict\` (${COLS} named features as a JSON object) on a ${r.model} fitted on ${ROWS} rows,
served by \`startServer\` with default settings (validation, micro-batching, drift window, Prometheus metrics),
against a bare Hono JSON echo of the same body on \`@hono/node-server\`.

| target | max req/s (rounds) | p50 ms | p99 ms | server CPU µs/req | half-load req/s | p50 ms at half load | p99 ms at half load |
|---|---:|---:|---:|---:|---:|---:|---:|
| @mlpy/production | ${r.ours.reqPerS} (${r.ours.roundsReqPerS.join(', ')}) | ${r.ours.p50Ms} | ${r.ours.p99Ms} | ${r.ours.cpuUsPerReq ?? 'n/a'} | ${r.ours.halfLoad.reqPerS} | ${r.ours.halfLoad.p50Ms} | ${r.ours.halfLoad.p99Ms} |
| hono-echo | ${r.peer.reqPerS} (${r.peer.roundsReqPerS.join(', ')}) | ${r.peer.p50Ms} | ${r.peer.p99Ms} | ${r.peer.cpuUsPerReq ?? 'n/a'} | ${r.peer.halfLoad.reqPerS} | ${r.peer.halfLoad.p50Ms} | ${r.peer.halfLoad.p99Ms} |

Throughput ratio (ours / echo): **${r.ratio}** (goal ≥ 0.6); CPU-time ratio (echo CPU per request / ours): **${r.cpuRatio ?? 'n/a'}**.
p99 at half of our maximum load: **${r.ours.halfLoad.p99Ms} ms** (goal < 10 ms).

On a machine shared with other work the wall-clock figures move a lot from round to round (see the
rounds column); the server CPU time per request is the steadier measure of what serving adds.
`;
writeFileSync(join(root, 'docs', 'benchmarks', 'serve.md'), md);
console.log(md);
