// What `node apps/server/dist/main.js` does: configuration from the environment, start, print the
// URLs, shut down gracefully on SIGTERM/SIGINT. Exit code 2 for bad configuration or a busy port.
import { MlpyError } from '@mlpy/core';
import { loadConfig } from './config.js';
import { describeTrackingUri, type RunningServer, startServer } from './server.js';

/** Where main writes. */
export interface MainIo {
  out(line: string): void;
  err(line: string): void;
}

/** The lines printed once the server listens. */
export function bannerLines(server: RunningServer): string[] {
  const u = server.url;
  const names = server.serving.current?.runtime.manager.names ?? [];
  return [
    `mlpy-server listening on ${u}`,
    `  tracking   ${describeTrackingUri(server.config.trackingUri)}`,
    `  serving    ${names.length ? names.join(', ') : '(no registered model with an alias yet)'}`,
    `  dashboard  ${u}/`,
    `  health     ${u}/health  (readiness: ${u}/ready)`,
    `  predict    POST ${u}/predict  or  ${u}/models/<name>/predict?alias=<alias>`,
    `  metrics    ${u}/metrics`,
    `  API docs   ${u}/docs  (OpenAPI: ${u}/openapi.json)`,
  ];
}

/** Starts the server from `env`; resolves to the server, or to an exit code when it cannot start. */
export async function runMain(
  env: Readonly<Record<string, string | undefined>>,
  io: MainIo,
  cwd = process.cwd(),
): Promise<RunningServer | number> {
  try {
    const config = loadConfig(env, cwd);
    const server = await startServer(config, { handleSignals: true });
    for (const line of bannerLines(server)) io.out(line);
    return server;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      io.err(`mlpy-server: port ${env['MLPY_PORT'] ?? 8080} is in use; set MLPY_PORT to another port`);
      return 2;
    }
    io.err(`mlpy-server: ${(error as Error).message}`);
    return error instanceof MlpyError && error.code !== 'STORE_ERROR' ? 2 : 1;
  }
}
