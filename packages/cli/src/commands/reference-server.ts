// Runs the reference server (apps/server/dist/main.js) as a child process, the way deployments
// run it: configured by MLPY_PORT / MLPY_HOST / MLPY_TRACKING_URI, ready once it prints its URL.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

/** A started reference server. */
export interface ReferenceServer {
  url: string;
  /** Resolves when the process ends (on its own or after stop). */
  exited: Promise<void>;
  /** SIGTERM (graceful drain), then SIGKILL after 15 s. */
  stop(): Promise<void>;
}

/** Where and how to start it. */
export interface ReferenceServerOptions {
  port: number;
  trackingUri: string;
  cwd: string;
  entry: string;
  /** Longest wait for the server to listen, in ms (default 60 000). */
  timeoutMs?: number;
}

function launch(options: ReferenceServerOptions, io: Io, port: number): Promise<ReferenceServer> {
  const child: ChildProcess = spawn(process.execPath, [options.entry], {
    cwd: options.cwd,
    env: {
      ...io.env,
      MLPY_PORT: String(port),
      MLPY_HOST: '127.0.0.1',
      MLPY_TRACKING_URI: options.trackingUri,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 50) stderr.shift();
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      void stop();
      fail(new Error(`the reference server did not start within ${(options.timeoutMs ?? 60_000) / 1000} s`));
    }, options.timeoutMs ?? 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^mlpy-server listening on (\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        ok({ url: m[1]!, exited, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      const why = stderr.filter((l) => l.startsWith('mlpy-server:')).pop() ?? stderr.pop() ?? '';
      const error = new Error(`the reference server exited with code ${code}${why ? `: ${why}` : ''}`);
      fail(Object.assign(error, { portInUse: /is in use/.test(why) }));
    });
  });
}

/** Starts the reference server; when the port is taken it says so and takes a free one. */
export async function startReferenceServer(
  options: ReferenceServerOptions,
  io: Io,
): Promise<ReferenceServer> {
  if (!existsSync(options.entry)) {
    throw new UsageError(
      `the reference server is not built (${options.entry} is missing); run pnpm build first`,
    );
  }
  try {
    return await launch(options, io, options.port);
  } catch (error) {
    if (!(error as { portInUse?: boolean }).portInUse || options.port === 0) throw error;
    io.stdout.write(`port ${options.port} is in use; starting the server on a free port instead\n`);
    return launch(options, io, 0);
  }
}
