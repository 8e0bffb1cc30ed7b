// A serving target for the benchmark, run in its own process so the load generator does not share
// its event loop: `node bench/target.mjs ours <model.mlpy>` serves the model with @mlpy/production
// (built dist), `node bench/target.mjs echo` serves a bare Hono JSON echo. Prints "READY <port>".
import { readFile } from 'node:fs/promises';
import { serve } from '@hono/node-server';
import { loadModel } from '@mlpy/core';
import { startServer } from '@mlpy/production';
import { Hono } from 'hono';

const [kind, modelPath] = process.argv.slice(2);

if (kind === 'echo') {
  const app = new Hono();
  app.post('/predict', async (c) => c.json(await c.req.json()));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`READY ${info.port}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  const model = loadModel(await readFile(modelPath));
  const server = await startServer({
    models: [{ name: 'hgb', model }],
    port: 0,
    hostname: '127.0.0.1',
    logger: { info() {}, warn() {}, error: (m, f) => console.error(m, f) },
  });
  process.stdout.write(`READY ${server.port}\n`);
}
