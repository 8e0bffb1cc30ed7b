// The main job end to end: `mlpy demo --no-serve` from a fresh directory trains several models on
// the breast cancer data, tracks them, registers the best as champion, starts the reference
// server and gets a prediction from /predict. Then the same flow in-process, and the reference
// server's port fallback.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createTracker } from '@mlpy/tracking';
import { describe, expect, it } from 'vitest';
import { memoryIo, mlpyProcess, REPO, tempDir } from '../src/__fixtures__/helpers.js';
import { run } from '../src/cli.js';
import { startReferenceServer } from '../src/commands/reference-server.js';

const entry = join(REPO, 'apps/server/dist/main.js');

describe('mlpy demo', () => {
  it('runs train → track → register → serve → /predict as a separate process', async () => {
    const cwd = tempDir('mlpy-demo-');
    const r = mlpyProcess(cwd, ['demo', '--no-serve']);
    expect(r.err).not.toMatch(/^mlpy: /m);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Breast Cancer Wisconsin \(Diagnostic\)/);
    expect(r.out).toMatch(/registered as breast-cancer version 1 @champion/);
    expect(r.out).toMatch(/health +http:\/\/127\.0\.0\.1:\d+\/health/);
    expect(r.out).toMatch(/self-check: POST \/models\/breast-cancer\/predict → \["malignant"\]/);
    expect(existsSync(join(cwd, '.mlpy/demo/breast_cancer.csv'))).toBe(true);
    const tracker = await createTracker(join(cwd, '.mlpy/tracking.db'));
    const model = await tracker.registry.getModel('breast-cancer');
    expect(model.aliases).toEqual({ champion: '1' });
    const runs = await tracker.searchRuns({ experimentIds: [await tracker.experimentId('mlpy-demo')] });
    expect(runs.length).toBeGreaterThanOrEqual(3);
    await tracker.close();
  });

  it('runs in-process with MLPY_DEMO_EXIT=1, and a second run moves the champion', async () => {
    const cwd = tempDir('mlpy-demo-');
    for (const version of ['1', '2']) {
      const m = memoryIo(cwd, { MLPY_DEMO_EXIT: '1' });
      expect(await run(['demo', '--dir', 'work'], m.io)).toBe(0);
      expect(m.out()).toContain(`registered as breast-cancer version ${version} @champion`);
      expect(m.out()).toContain('demo done');
    }
    const list = memoryIo(cwd);
    await run(['models', 'list', '--json'], list.io);
    expect(JSON.parse(list.out())[0].aliases.champion).toBe('2');
  });

  it('serves until shutdown without --no-serve', async () => {
    const cwd = tempDir('mlpy-demo-');
    const m = memoryIo(cwd);
    const done = run(['demo', '--port', '0'], m.io);
    for (let i = 0; i < 1200 && !m.out().includes('serving until Ctrl-C'); i++)
      await new Promise((r) => setTimeout(r, 50));
    const url = /running at (\S+)/.exec(m.out())![1]!;
    expect((await fetch(`${url}/health`)).status).toBe(200);
    m.stop();
    expect(await done).toBe(0);
  });

  it('starts the reference server on a free port when the asked one is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const port = (blocker.address() as { port: number }).port;
    const m = memoryIo(tempDir());
    const server = await startReferenceServer(
      { port, trackingUri: join(tempDir(), 't.db'), cwd: tempDir(), entry },
      m.io,
    );
    expect(m.out()).toMatch(new RegExp(`port ${port} is in use`));
    expect(server.url).not.toContain(`:${port}`);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    await server.stop();
    blocker.close();
    await expect(
      startReferenceServer(
        { port: 0, trackingUri: 'x', cwd: tempDir(), entry: join(tempDir(), 'none.js') },
        m.io,
      ),
    ).rejects.toThrow(/reference server is not built/);
    await expect(
      startReferenceServer({ port: 0, trackingUri: 'ftp://bad', cwd: tempDir(), entry }, m.io),
    ).rejects.toThrow(/exited with code 2: mlpy-server: Unsupported tracking URI/);
  });
});
