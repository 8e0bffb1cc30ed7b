// mlpy serve in-process over real HTTP: a model file, and a registered model by alias.
import { describe, expect, it } from 'vitest';
import { memoryIo, mlpy, tempDir, trainIris, writeIris } from '../__fixtures__/helpers.js';
import { run } from '../cli.js';

const row = { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2, colour: 'red' };

async function serveUntilUp(cwd: string, args: string[]) {
  const m = memoryIo(cwd);
  const done = run(['serve', ...args, '--port', '0'], m.io);
  for (let i = 0; i < 200 && !/ at (http\S+)/.test(m.out()); i++) await new Promise((r) => setTimeout(r, 50));
  const url = / at (http\S+)/.exec(m.out())?.[1];
  if (!url) throw new Error(`server did not start: ${m.err()}`);
  return { url, m, done };
}

async function predict(url: string, path = '/predict') {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rows: [row] }),
  });
  return (await res.json()) as { predictions: string[]; version: string };
}

describe('mlpy serve', () => {
  it('serves a model file until shutdown', async () => {
    const cwd = tempDir();
    writeIris(cwd);
    expect((await trainIris(cwd, '-m', 'tree', '--no-track')).code).toBe(0);
    const { url, m, done } = await serveUntilUp(cwd, ['model.mlpy', '--name', 'iris']);
    expect(m.out()).toContain(`${url}/docs`);
    expect((await predict(url)).predictions).toEqual(['setosa']);
    m.stop();
    expect(await done).toBe(0);
    expect(m.err()).toContain('server stopped');
  });

  it('serves a registered model by alias', async () => {
    const cwd = tempDir();
    writeIris(cwd);
    expect((await trainIris(cwd, '-m', 'knn', '--register', 'iris', '--alias', 'champion')).code).toBe(0);
    const { url, m, done } = await serveUntilUp(cwd, ['--model', 'iris']);
    const r = await predict(url, '/models/iris/predict');
    expect(r).toMatchObject({ predictions: ['setosa'], version: '1' });
    m.stop();
    expect(await done).toBe(0);
  });

  it('refuses what it cannot serve, with exit 2', async () => {
    const cwd = tempDir();
    expect((await mlpy(cwd, 'serve')).err).toMatch(/give a model file, or --model/);
    expect((await mlpy(cwd, 'serve', 'x.mlpy', '--model', 'y')).err).toMatch(/not both/);
    expect((await mlpy(cwd, 'serve', 'x.mlpy')).err).toMatch(/does not exist/);
    const unknown = await mlpy(cwd, 'serve', '--model', 'nope');
    expect(unknown.code).toBe(2);
  });
});
