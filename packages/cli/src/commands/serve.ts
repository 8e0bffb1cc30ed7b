// `mlpy serve`: a saved model file, or a registered model by name and alias, over HTTP with the
// @mlpy/production routes (/predict, /metrics, /openapi.json, /docs), until Ctrl-C or SIGTERM.

import { jsonLogger, type ServingServer, serveModel, startServer } from '@mlpy/production';
import { createTracker } from '@mlpy/tracking';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { type Io, untilAborted } from '../io.js';
import { trackingUri } from '../tracking.js';
import { loadModelArg } from '../training/model-file.js';
import { port } from './options.js';

/** What `mlpy serve` serves and where. */
export interface ServeOptions {
  file?: string;
  model?: string;
  alias: string;
  name?: string;
  port: number;
  host: string;
  trackingUri?: string;
}

/** The URLs people open on a running server. */
export function serverUrls(base: string, model?: string): string {
  const predict = model ? `${base}/models/${model}/predict` : `${base}/predict`;
  return [
    `  health   ${base}/health`,
    `  predict  POST ${predict}  {"rows": [{...features}]}`,
    `  metrics  ${base}/metrics`,
    `  API docs ${base}/docs  (OpenAPI: ${base}/openapi.json)`,
  ].join('\n');
}

/** Starts the server; the caller closes it. */
export async function startServing(
  options: ServeOptions,
  io: Io,
): Promise<{ server: ServingServer; close(): Promise<void> }> {
  const listen = {
    port: options.port,
    hostname: options.host,
    handleSignals: false,
    logger: jsonLogger(false),
  };
  if (options.file && options.model)
    throw new UsageError('serve either a model file or --model <name>, not both');
  if (options.file) {
    const model = await loadModelArg(options.file, io.cwd);
    if (typeof (model as { predict?: unknown }).predict !== 'function') {
      throw new UsageError(`${model.estimatorName} cannot predict; serve a fitted classifier or regressor`);
    }
    const server = await serveModel(model as unknown as Parameters<typeof serveModel>[0], {
      ...listen,
      name: options.name ?? 'model',
    });
    return { server, close: async () => void (await server.close()) };
  }
  if (!options.model)
    throw new UsageError('give a model file, or --model <registered name> [--alias champion]');
  const tracker = await createTracker(trackingUri(options.trackingUri, io));
  try {
    await tracker.registry.getVersion(options.model, `@${options.alias}`);
    const server = await startServer({
      ...listen,
      models: [{ name: options.model, ref: `@${options.alias}` }],
      registry: tracker.registry,
    });
    return {
      server,
      close: async () => {
        await server.close();
        await tracker.close();
      },
    };
  } catch (error) {
    await tracker.close();
    throw error;
  }
}

/** Adds `serve` to the program. */
export function serveCommand(program: Command, io: Io): void {
  program
    .command('serve')
    .description('Serve a saved model file, or a registered model by name and alias')
    .argument('[model-file]', 'saved model file (.mlpy)')
    .option('-m, --model <name>', 'registered model to serve (instead of a file)')
    .option('--alias <alias>', 'alias of the registered model to serve (follows alias moves)', 'champion')
    .option('--name <name>', 'name the file’s model is served under', 'model')
    .option('--port <port>', 'port (0 = any free port)', port, 8080)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option(
      '--tracking-uri <uri>',
      'tracking store of the registry (default ./.mlpy/tracking.db or MLPY_TRACKING_URI)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  mlpy serve model.mlpy --port 8080\n  mlpy serve --model churn --alias champion\n',
    )
    .action(async (file: string | undefined, flags: Omit<ServeOptions, 'file'>) => {
      const { server, close } = await startServing({ ...flags, ...(file ? { file } : {}) }, io);
      const what = file ?? `${flags.model}@${flags.alias}`;
      io.stdout.write(`serving ${what} at ${server.url} (Ctrl-C to stop)\n${serverUrls(server.url)}\n`);
      await untilAborted(io.shutdown);
      await close();
      io.stderr.write('server stopped\n');
    });
}
