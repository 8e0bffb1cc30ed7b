// The entry point's behaviour: banner with the URLs, exit code 2 for bad settings and busy ports,
// and the built main.js as a process that stops on SIGTERM.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.js';
import { describeTrackingUri } from './server.js';

const dir = mkdtempSync(join(tmpdir(), 'mlpy-main-'));

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('runMain', () => {
  it('starts from the environment and prints the URLs', async () => {
    const c = collect();
    const server = await runMain({ MLPY_PORT: '0', MLPY_TRACKING_URI: join(dir, 't.db') }, c.io, dir);
    if (typeof server === 'number') throw new Error(c.err.join('\n'));
    expect(c.out[0]).toBe(`mlpy-server listening on ${server.url}`);
    expect(c.out.join('\n')).toMatch(/no registered model with an alias yet/);
    expect(c.out.join('\n')).toContain(`${server.url}/openapi.json`);
    await server.close();
  });

  it('exits 2 on bad settings and busy ports', async () => {
    const bad = collect();
    expect(await runMain({ MLPY_PORT: 'x' }, bad.io, dir)).toBe(2);
    expect(bad.err[0]).toMatch(/^mlpy-server: MLPY_PORT must be/);
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const port = String((blocker.address() as { port: number }).port);
    const busy = collect();
    expect(await runMain({ MLPY_PORT: port, MLPY_TRACKING_URI: join(dir, 'b.db') }, busy.io, dir)).toBe(2);
    expect(busy.err[0]).toBe(`mlpy-server: port ${port} is in use; set MLPY_PORT to another port`);
    blocker.close();
    const store = collect();
    expect(
      await runMain({ MLPY_PORT: '0', MLPY_TRACKING_URI: 'postgres://x@127.0.0.1:1/none' }, store.io, dir),
    ).toBe(1);
  });

  it('describes tracking URIs without credentials', () => {
    expect(describeTrackingUri('postgres://user:secret@db:5432/mlpy')).toBe('postgres://***@db:5432/mlpy');
    expect(describeTrackingUri('http://mlflow:5000')).toBe('http://mlflow:5000');
    expect(describeTrackingUri(join(dir, 'a.db'))).toBe(`sqlite:${join(dir, 'a.db')}`);
  });

  it('the built main.js serves and stops gracefully on SIGTERM', async () => {
    const entry = fileURLToPath(new URL('../dist/main.js', import.meta.url));
    if (!existsSync(entry))
      throw new Error(`${entry} missing: run pnpm turbo run build --filter @mlpy/server...`);
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, MLPY_PORT: '0', MLPY_TRACKING_URI: join(dir, 'p.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((ok, fail) => {
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        const m = /listening on (\S+)/.exec(text);
        if (m) ok(m[1]!);
      });
      child.once('exit', (code) => fail(new Error(`exited ${code}`)));
    });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
