// Tracking benchmark: 100k metric points logged in batches of 1000 to each store (SQLite,
// PostgreSQL, MLflow REST) through the BUILT package, side by side with MLflow's own Python client
// writing the same points (to an equivalent SQLite store, and to the same MLflow server).
// Run `pnpm --filter @mlpy/tracking build` first. Writes docs/benchmarks/tracking.json.
// Env: BENCH_POINTS (default 100000), BENCH_BATCH (1000), BENCH_ROUNDS (2), MLPY_BENCH_POSTGRES_URL, MLFLOW_URL.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const dist = join(here, '../dist/index.js');
if (!existsSync(dist)) throw new Error('Build first: pnpm --filter @mlpy/tracking build');
const { MlflowStore, openPostgresStore, openSqliteStore, allPages } = await import(dist);

const POINTS = Number(process.env.BENCH_POINTS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
// Rounds alternate who goes first and keep each side's fastest, so a busy machine hurts both alike.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const VENV = join(repo, 'tooling/peers/.venv');
const PYTHON = join(VENV, 'bin/python');
const work = mkdtempSync(join(tmpdir(), 'mlpy-bench-'));

/** Logs POINTS points in batches through a store; returns seconds and checks every point arrived. */
async function logPoints(store) {
  const experimentId = await store.createExperiment(`bench-${Date.now()}`);
  const run = await store.createRun({ experimentId });
  const now = Date.now();
  const start = performance.now();
  for (let offset = 0; offset < POINTS; offset += BATCH) {
    const metrics = [];
    for (let i = offset; i < Math.min(offset + BATCH, POINTS); i++) {
      metrics.push({ key: 'loss', value: i / POINTS, timestamp: now + i, step: i });
    }
    await store.logBatch(run.runId, { metrics });
  }
  await store.flush();
  const seconds = (performance.now() - start) / 1000;
  const stored = (
    await allPages((pageToken) => store.getMetricHistory(run.runId, 'loss', pageToken ? { pageToken } : {}))
  ).length;
  if (stored !== POINTS) throw new Error(`${store.kind}: ${stored} of ${POINTS} points stored`);
  await store.updateRun(run.runId, { status: 'FINISHED', endTime: Date.now() });
  return { store: store.kind, seconds, pointsPerS: POINTS / seconds, stored };
}

function peer(uri) {
  if (!existsSync(join(VENV, '.ready'))) return null;
  const out = execFileSync(PYTHON, [join(here, 'mlflow_peer.py'), uri, String(POINTS), String(BATCH)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1));
}

/** Runs both sides ROUNDS times, alternating who goes first; keeps the fastest run of each. */
async function compare(runOurs, runPeer) {
  let ours;
  let theirs;
  for (let round = 0; round < ROUNDS; round++) {
    const sides = round % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
    for (const side of sides) {
      if (side === 'ours') {
        const r = await runOurs();
        if (!ours || r.seconds < ours.seconds) ours = r;
      } else if (runPeer) {
        const r = runPeer();
        if (r && (!theirs || r.seconds < theirs.seconds)) theirs = r;
      }
    }
  }
  return [ours, theirs ?? null];
}

async function freePort() {
  return new Promise((done) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => done(port));
    });
  });
}

async function startMlflow() {
  if (process.env.MLFLOW_URL) return { url: process.env.MLFLOW_URL, stop: async () => {} };
  if (!existsSync(join(VENV, '.ready'))) return null;
  const port = await freePort();
  const data = join(work, 'mlflow');
  mkdirSync(data, { recursive: true });
  const child = spawn(
    join(VENV, 'bin/mlflow'),
    [
      'server',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--workers',
      '1',
      '--backend-store-uri',
      `sqlite:///${join(data, 'mlflow.db')}`,
      '--artifacts-destination',
      join(data, 'artifacts'),
      '--serve-artifacts',
    ],
    { detached: true, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      return { url, stop: async () => process.kill(-child.pid, 'SIGTERM') };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  process.kill(-child.pid, 'SIGTERM');
  throw new Error('mlflow server did not start');
}

const records = [];
const record = (store, ours, peerResult) => {
  const row = {
    workload: `log ${POINTS} metric points in batches of ${BATCH} (${store})`,
    rows: POINTS,
    cols: 1,
    threads: 1,
    ours: { store, seconds: ours.seconds, pointsPerS: ours.pointsPerS },
    peer: peerResult
      ? {
          name: peerResult.name,
          version: peerResult.version,
          seconds: peerResult.seconds,
          pointsPerS: peerResult.pointsPerS,
        }
      : null,
    ratio: peerResult ? ours.pointsPerS / peerResult.pointsPerS : null,
  };
  records.push(row);
  console.log(
    `${store.padEnd(9)} ours ${Math.round(ours.pointsPerS).toString().padStart(9)} points/s  peer ${peerResult ? Math.round(peerResult.pointsPerS).toString().padStart(9) : '        -'} points/s  ratio ${row.ratio ? row.ratio.toFixed(2) : '-'}`,
  );
};

try {
  // SQLite: ours vs MLflow's Python client on its own SQLite (SQLAlchemy) store.
  const sqliteRound = async () => {
    const store = openSqliteStore(join(work, 'ours.db'));
    const result = await logPoints(store);
    await store.close();
    return result;
  };
  record('sqlite', ...(await compare(sqliteRound, () => peer(`sqlite:///${join(work, 'peer.db')}`))));

  // PostgreSQL: ours only (the peers venv has no PostgreSQL driver for MLflow).
  const admin = process.env.MLPY_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `mlpy_bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const store = await openPostgresStore(url.href, { artifactRoot: join(work, 'pg-artifacts') });
    record('postgres', ...(await compare(() => logPoints(store), null)));
    await store.close();
    await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
  } catch (error) {
    console.warn(`postgres skipped: ${error.message}`);
  } finally {
    await client.end().catch(() => {});
  }

  // MLflow: ours over REST vs MLflow's Python client, same server.
  const server = await startMlflow();
  if (server) {
    const store = new MlflowStore(server.url, { journal: { path: join(work, 'journal.db') } });
    record(
      'mlflow',
      ...(await compare(
        () => logPoints(store),
        () => peer(server.url),
      )),
    );
    await store.close();
    await server.stop();
  } else {
    console.warn('mlflow skipped: the peers venv is not ready');
  }

  const out = join(repo, 'docs/benchmarks/tracking.json');
  mkdirSync(dirname(out), { recursive: true });
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage1m: loadavg()[0],
  };
  writeFileSync(
    out,
    `${JSON.stringify({ benchmark: 'tracking', date: new Date().toISOString(), machine, rounds: ROUNDS, batch: BATCH, records }, null, 2)}\n`,
  );
  console.log(`wrote ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
