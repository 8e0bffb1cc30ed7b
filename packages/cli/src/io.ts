// Where a command reads and writes: the process's streams in bin.ts, buffers in tests. Commands
// never touch process.stdout, process.exit or signal handlers directly.

/** A text sink; `isTTY` decides whether progress bars are drawn. */
export interface Output {
  write(text: string): void;
  readonly isTTY?: boolean;
}

/** What a command may use of its environment. */
export interface Io {
  stdout: Output;
  stderr: Output;
  /** Environment variables (MLPY_TRACKING_URI, MLPY_DEMO_EXIT…). */
  env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Fires when the user asks long-running commands (serve, demo) to stop: Ctrl-C or SIGTERM. */
  shutdown: AbortSignal;
}

/** The process's own streams, environment and SIGINT/SIGTERM as the shutdown signal. */
export function processIo(): Io {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    controller.abort(signal);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    shutdown: controller.signal,
  };
}

/** Resolves when `signal` fires (at once if it already has). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
