// Starts a real `mlflow server` from the peers venv on a free loopback port, with a SQLite backend
// and proxied artifacts in a temp folder; it can be stopped and restarted on the same port and data.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Probe } from './services.js';

const VENV = resolve(import.meta.dirname, '../../../tooling/peers/.venv');

/** A running MLflow server. */
export interface MlflowServer {
  url: string;
  dataDir: string;
  /** Stops the server (SIGTERM to its process group) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => done(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mlflow server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`mlflow server did not answer ${url}/health within ${timeoutMs} ms`);
}

/** Starts an MLflow server, or says why it cannot. */
export async function startMlflowServer(timeoutMs = 120_000): Promise<Probe<MlflowServer>> {
  if (!existsSync(join(VENV, '.ready'))) {
    return {
      ok: false,
      reason: `the peers venv is not ready (${VENV}/.ready missing; run tooling/peers/setup.sh)`,
    };
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'mlpy-mlflow-'));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const server: MlflowServer = {
    url,
    dataDir,
    async start() {
      const proc = spawn(
        join(VENV, 'bin', 'mlflow'),
        [
          'server',
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
          '--workers',
          '1',
          '--backend-store-uri',
          `sqlite:///${join(dataDir, 'mlflow.db')}`,
          '--artifacts-destination',
          join(dataDir, 'artifacts'),
          '--serve-artifacts',
        ],
        { detached: true, stdio: 'ignore', env: { ...process.env, MLFLOW_ENABLE_WORKSPACES: 'false' } },
      );
      child = proc;
      await waitHealthy(url, proc, timeoutMs);
    },
    async stop() {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.pid === undefined) return;
      const exited = new Promise((r) => proc.once('exit', r));
      process.kill(-proc.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (proc.exitCode === null && proc.signalCode === null) process.kill(-proc.pid, 'SIGKILL');
      child = undefined;
    },
    async dispose() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (error) {
    await server.dispose();
    return { ok: false, reason: (error as Error).message };
  }
  return { ok: true, value: server };
}
