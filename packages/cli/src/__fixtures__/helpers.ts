// Test helpers: an in-memory Io, temp working directories with real CSV files made from the
// repository's datasets, and a runner for the built CLI as a separate process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../cli.js';
import type { Io } from '../io.js';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const BIN = join(REPO, 'packages/cli/dist/bin.js');

/** An Io writing into strings. */
export function memoryIo(cwd: string, env: Record<string, string> = {}, tty = false) {
  let out = '';
  let err = '';
  const controller = new AbortController();
  const io: Io = {
    stdout: { write: (s: string) => void (out += s), isTTY: tty },
    stderr: { write: (s: string) => void (err += s), isTTY: tty },
    env,
    cwd,
    shutdown: controller.signal,
  };
  return { io, out: () => out, err: () => err, stop: () => controller.abort() };
}

/** Runs mlpy in-process; resolves to the exit code and the output. */
export async function mlpy(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const m = memoryIo(cwd);
  const code = await run(argv, m.io);
  return { code, out: m.out(), err: m.err() };
}

/** Runs the built CLI as a separate process, as a user does. */
export function mlpyProcess(cwd: string, args: string[], env: Record<string, string> = {}) {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run pnpm turbo run build --filter @mlpy/cli...`);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, MLPY_DEBUG: '', ...env },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface DatasetFile {
  featureNames: string[];
  targetNames?: string[];
  X: number[][];
  y: number[];
}

function dataset(name: string): DatasetFile {
  return JSON.parse(readFileSync(join(REPO, 'tooling/fixtures/datasets', `${name}.json`), 'utf8')) as DatasetFile;
}

/** A temp directory. */
export function tempDir(prefix = 'mlpy-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Writes iris as `iris.csv` with a string target `species`, an extra text column `colour` and a
 * few missing values (so numeric-only models need imputation and one-hot encoding).
 */
export function writeIris(dir: string, name = 'iris.csv', rows?: number): string {
  const d = dataset('iris');
  const cols = d.featureNames.map((n) => n.replace(/ \(cm\)/, '').replace(' ', '_'));
  const lines = [`${cols.join(',')},colour,species`];
  const n = rows ?? d.X.length;
  for (let i = 0; i < n; i++) {
    const x = d.X[i]!.map((v, j) => (i % 17 === 3 && j === 1 ? '' : String(v)));
    lines.push(`${x.join(',')},${['red', 'green', 'blue'][i % 3]},${d.targetNames![d.y[i]!]}`);
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Writes diabetes (regression) as `diabetes.csv` with target `progression`. */
export function writeDiabetes(dir: string): string {
  const d = dataset('diabetes');
  const lines = [`${d.featureNames.join(',')},progression`];
  d.X.forEach((x, i) => lines.push(`${x.join(',')},${d.y[i]}`));
  const path = join(dir, 'diabetes.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** `mlpy train iris.csv -t species …` in-process. */
export function trainIris(cwd: string, ...args: string[]) {
  return mlpy(cwd, 'train', 'iris.csv', '-t', 'species', ...args);
}
