// Shared pieces of every MLPY benchmark suite (not shipped, not a test): machine info, timing,
// handing generated data to a Python peer (raw binary files + a JSON header, read with
// numpy.fromfile), running a peer script in the peers venv, and writing the report pair
// docs/benchmarks/<suite>.json + <suite>.md in the record format of DESIGN.md.
//
// Ratios, everywhere: ratio.fit = our fit seconds / peer fit seconds, and
// ratio.predict = peer predict rows/s / our predict rows/s (= our predict time / peer predict
// time). Both are time ratios: 1 is parity, above 1 we are slower, below 1 we are faster.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Repository root (absolute, with a trailing slash). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The peers venv and its interpreter (made by tooling/peers/setup.sh). */
export const peersVenv = join(repoRoot, 'tooling/peers/.venv');
export const peersPython = join(peersVenv, 'bin/python');
/** Where the reports go. */
export const reportDir = join(repoRoot, 'docs/benchmarks');

/** True when tooling/peers/setup.sh has finished a usable venv. */
export const peersReady = () => existsSync(join(peersVenv, '.ready'));

function git(args) {
  try {
    return execFileSync('git', args, {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** The machine and the checkout a run happened on. */
export function machineInfo() {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${platform()} ${release()}`,
    loadAverage: loadavg().map((v) => Number(v.toFixed(2))),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
  };
}

/** Seconds since an arbitrary origin (monotonic). */
export const now = () => performance.now() / 1000;

/** Runs `fn` once and returns [seconds, its (awaited) value]. */
export async function timed(fn) {
  const t0 = now();
  const value = await fn();
  return [now() - t0, value];
}

/**
 * Best (smallest) seconds of a synchronous call, repeated until `minTotalS` has passed or
 * `maxRepeats` calls were made; returns [seconds, last value]. For cheap predicts/transforms.
 */
export function bestOf(fn, { minTotalS = 0.3, maxRepeats = 5 } = {}) {
  let best = Number.POSITIVE_INFINITY;
  let value;
  const start = now();
  for (let i = 0; i < maxRepeats && (i === 0 || now() - start < minTotalS); i++) {
    const t0 = now();
    value = fn();
    best = Math.min(best, now() - t0);
  }
  return [best, value];
}

const DTYPES = new Map([
  [Float64Array, 'float64'],
  [Float32Array, 'float32'],
  [Int32Array, 'int32'],
  [Uint8Array, 'uint8'],
]);

/**
 * A scratch folder for data handed to Python peers: `put(name, x)` writes a typed array, or a
 * `{ data, rows, cols }` matrix (row-major), as raw little-endian bytes and returns its header
 * `{ path, dtype, shape }` (what tooling/bench/peer_io.py `load` reads); `remove()` deletes it.
 */
export function dataDir(prefix = 'mlpy-bench-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    put(name, x) {
      const arr = ArrayBuffer.isView(x) ? x : x.data;
      const dtype = DTYPES.get(arr.constructor);
      if (!dtype) throw new TypeError(`dataDir.put(${name}): unsupported array ${arr.constructor.name}`);
      const path = join(dir, `${name}.${dtype}`);
      writeFileSync(path, Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength));
      return { path, dtype, shape: ArrayBuffer.isView(x) ? [arr.length] : [x.rows, x.cols] };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The environment a Python peer runs in: ours minus OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE,
 * which this machine's environment may set and which slow numpy's BLAS (a fair peer run lets
 * OpenBLAS pick its kernel; the peer reports the one it ran via threadpoolctl).
 */
export function peerEnv(extra = {}) {
  const env = { ...process.env, PYTHONUNBUFFERED: '1', ...extra };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** Runs a peer script once with `request` as JSON on stdin; returns its last stdout line parsed. */
export function runPeer(script, request, { timeoutS = 600 } = {}) {
  const out = execFileSync(peersPython, [script], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    env: peerEnv(),
    maxBuffer: 1 << 26,
    timeout: timeoutS * 1000,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1));
}

/**
 * Starts a long-lived peer (a script calling peer_io.serve) so that Python and its libraries
 * load once: `call(request)` sends one JSON line and resolves with the JSON line it answers
 * (rejecting on `{ error }`); `close()` ends it.
 */
export function openPeer(script) {
  const child = spawn(peersPython, [script], { env: peerEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => {
    const msg = JSON.parse(line);
    const w = waiting.shift();
    if (!w) return;
    if (msg.error) w.reject(new Error(`peer ${script}: ${msg.error}`));
    else w.resolve(msg);
  });
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`peer ${script} exited with code ${code}`));
  });
  return {
    call(request) {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(`${JSON.stringify(request)}\n`);
      });
    },
    close() {
      child.stdin.end();
      return new Promise((resolve) => (child.exitCode === null ? child.on('exit', resolve) : resolve()));
    },
  };
}

/**
 * One record of the DESIGN.md format. `ours`/`peer` carry { fitS, predictRowsPerS, metric }
 * (peer also name, version); either time may be null where a workload has no such step.
 * Extra fields (metricName, note...) are kept.
 */
export function record({ workload, rows, cols, threads, ours, peer, ...extra }) {
  const div = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
  return {
    workload,
    rows,
    cols,
    threads,
    ...extra,
    ours,
    peer,
    ratio: { fit: div(ours.fitS, peer?.fitS), predict: div(peer?.predictRowsPerS, ours.predictRowsPerS) },
  };
}

const fmt = (v, digits = 2) => {
  if (v == null || Number.isNaN(v)) return '—';
  if (Math.abs(v) >= 1e4) return Math.round(v).toLocaleString('en-US');
  return Number(v).toPrecision(digits + 2);
};

/** A markdown table of records (one row per workload and peer). */
export function markdownTable(records) {
  const head =
    '| workload | rows × cols | threads | ours fit s | peer fit s | fit ratio | ours predict rows/s | peer predict rows/s | predict ratio | metric | ours | peer |';
  const rows = records.map((r) =>
    [
      `${r.workload} (vs ${r.peer?.name ?? '—'})`,
      `${r.rows} × ${r.cols}`,
      r.threads,
      fmt(r.ours.fitS),
      fmt(r.peer?.fitS),
      fmt(r.ratio.fit),
      fmt(r.ours.predictRowsPerS),
      fmt(r.peer?.predictRowsPerS),
      fmt(r.ratio.predict),
      r.metricName ?? '',
      fmt(r.ours.metric, 4),
      fmt(r.peer?.metric, 4),
    ].join(' | '),
  );
  return [head, `|${'---|'.repeat(12)}`, ...rows.map((r) => `| ${r} |`)].join('\n');
}

/**
 * Writes docs/benchmarks/<suite>.json ({ benchmark, date, machine, peers, notes, records,
 * ...extra }) and <suite>.md (title, machine line, the table, the notes and `markdown` extra
 * sections); returns both paths.
 */
export function writeReport(
  suite,
  { title, records, peers = {}, notes = [], machine = machineInfo(), markdown = '', ...extra },
) {
  mkdirSync(reportDir, { recursive: true });
  const date = new Date().toISOString();
  const json = join(reportDir, `${suite}.json`);
  const md = join(reportDir, `${suite}.md`);
  writeFileSync(
    json,
    `${JSON.stringify({ benchmark: suite, date, machine, peers, notes, records, ...extra }, null, 2)}\n`,
  );
  const peerLine = Object.entries(peers)
    .map(([k, v]) => `${k} ${typeof v === 'string' ? v : (v?.version ?? '')}`)
    .join(', ');
  const text = [
    `# ${title ?? `${suite} benchmark`}`,
    '',
    `Run on ${date} at commit ${machine.commit ?? '?'}${machine.dirty ? ' (with uncommitted changes)' : ''}: ` +
      `${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}` +
      `${peerLine ? `; peers: ${peerLine}` : ''}. Load average at start: ${machine.loadAverage?.join(', ')}.`,
    '',
    'Ratios are time ratios: fit = our fit s / peer fit s; predict = peer rows/s / our rows/s. ' +
      '1 is parity, above 1 we are slower. See [README.md](README.md).',
    '',
    markdownTable(records),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    markdown,
  ].join('\n');
  writeFileSync(md, `${text.trimEnd()}\n`);
  return { json, md };
}
