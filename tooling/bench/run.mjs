// `pnpm bench [suite...] [--no-build] [--list]`: runs the benchmark suites (all of them without a name).
// For each suite it builds the package(s) it imports (turbo, with their dependencies), makes sure
// the Python peers venv exists (tooling/peers/setup.sh), runs the suite's scripts one after the
// other and prints the reports they wrote under docs/benchmarks/. Benchmarks are not tests: a
// suite never fails on a wall-clock time, only when a script crashes.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { peersReady, repoRoot, reportDir } from './lib.mjs';

/**
 * Each suite: the packages to build and the scripts to run. `scripts`: every one that exists,
 * in order; `dir`: the folder's *.bench.mjs, else its run.mjs.
 */
const SUITES = {
  core: { build: ['@mlpy/core'], scripts: ['packages/core/bench/core.bench.mjs'] },
  trees: {
    build: ['@mlpy/core'],
    scripts: ['packages/core/bench/trees.bench.mjs', 'packages/core/bench/forest.bench.mjs'],
  },
  tracking: { build: ['@mlpy/tracking'], dir: 'packages/tracking/bench' },
  serve: { build: ['@mlpy/production'], dir: 'packages/production/bench' },
};

/** The scripts of a suite that exist, in running order. */
function scriptsOf(suite) {
  const exists = (s) => existsSync(join(repoRoot, s));
  if (suite.scripts) return suite.scripts.filter(exists);
  const dir = join(repoRoot, suite.dir);
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.bench.mjs'));
  if (files.length === 0 && existsSync(join(dir, 'run.mjs'))) files.push('run.mjs');
  return files.sort().map((f) => `${suite.dir}/${f}`);
}

const args = process.argv.slice(2);
const build = !args.includes('--no-build') && process.env.BENCH_NO_BUILD !== '1';
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !SUITES[n]);
if (unknown.length > 0) {
  console.error(`unknown suite ${unknown.join(', ')}; suites: ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}
const selected = (names.length > 0 ? names : Object.keys(SUITES)).map((name) => ({
  name,
  ...SUITES[name],
  files: scriptsOf(SUITES[name]),
}));
const missing = selected.filter((s) => s.files.length === 0);
for (const s of missing) {
  console.warn(
    `[bench] ${s.name}: no benchmark script yet (${(s.scripts ?? s.firstOf)?.join(', ') ?? `${s.dir}/`})`,
  );
}
if (args.includes('--list')) {
  for (const s of selected)
    console.log(`${s.name.padEnd(9)} build ${s.build.join(', ')}; run ${s.files.join(', ') || '(none yet)'}`);
  process.exit(0);
}
const runnable = selected.filter((s) => s.files.length > 0);
if (runnable.length === 0) process.exit(names.length > 0 ? 1 : 0);

const step = (msg) => console.log(`\n[bench] ${msg}`);
const run = (cmd, argv) => {
  const r = spawnSync(cmd, argv, { cwd: repoRoot, stdio: 'inherit' });
  return r.status ?? 1;
};

if (build) {
  const packages = [...new Set(runnable.flatMap((s) => s.build))];
  const filters = packages.flatMap((p) => ['--filter', `${p}...`]);
  step(`building ${packages.join(', ')} (pnpm exec turbo run build ${filters.join(' ')})`);
  if (run('pnpm', ['exec', 'turbo', 'run', 'build', ...filters, '--output-logs=errors-only']) !== 0) {
    console.error('[bench] build failed (pass --no-build to benchmark the dist/ already there)');
    process.exit(1);
  }
}
if (!peersReady()) {
  step('the peers venv is missing: running tooling/peers/setup.sh (a cold install takes a few minutes)');
  if (run('bash', [join(repoRoot, 'tooling/peers/setup.sh')]) !== 0) {
    console.error('[bench] tooling/peers/setup.sh failed; peer columns need the venv');
    process.exit(1);
  }
}

/** mtime of every report under docs/benchmarks, to tell which ones a script wrote. */
const reports = () =>
  new Map(
    existsSync(reportDir)
      ? readdirSync(reportDir)
          .filter((f) => /\.(json|md)$/.test(f) && f !== 'README.md')
          .map((f) => [f, statSync(join(reportDir, f)).mtimeMs])
      : [],
  );
const failed = [];
const written = new Set();
for (const suite of runnable) {
  for (const file of suite.files) {
    step(`${suite.name}: node ${file}`);
    const before = reports();
    const t0 = Date.now();
    const status = run(process.execPath, [join(repoRoot, file)]);
    const seconds = Math.round((Date.now() - t0) / 1000);
    console.log(`[bench] ${file} ${status === 0 ? 'done' : `FAILED (exit ${status})`} in ${seconds} s`);
    for (const [f, mtime] of reports()) if (before.get(f) !== mtime) written.add(f);
    if (status !== 0) failed.push(file);
  }
}

const list = [...written].map((f) => relative(repoRoot, join(reportDir, f)));
step(`reports written: ${list.length ? list.join(', ') : 'none'}`);
if (list.length) console.log('[bench] how to read them: docs/benchmarks/README.md');
if (failed.length) {
  console.error(`[bench] failed: ${failed.join(', ')}`);
  process.exit(1);
}
