// The deployment files stay consistent with the code: the Dockerfile is multi-stage, non-root and
// builds with CI's commands; the Kubernetes probes hit routes the serving app really answers; the
// manifests render with kustomize (when kubectl is installed).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServingApp } from '../src/app/create-app.js';
import { fittedClassifier } from './fixtures.js';

const root = join(import.meta.dirname, '..', '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('deployment files', () => {
  it('Dockerfile: multi-stage, CI build commands, numeric non-root user, apps/server entry', () => {
    const docker = read('deploy/docker/Dockerfile');
    const ci = read('.ci/run');
    expect(docker.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    for (const cmd of ['pnpm install --frozen-lockfile', 'pnpm build --output-logs=errors-only']) {
      expect(ci).toContain(cmd);
      expect(docker).toContain(cmd);
    }
    expect(docker).toMatch(/^USER 10001:10001$/m);
    expect(docker).toContain('CMD ["node", "dist/main.js"]');
    expect(docker).toContain('MLPY_PORT=8080');
    // The server's default bind address is loopback: a container must override it.
    expect(docker).toContain('MLPY_HOST=0.0.0.0');
  });

  it('Kubernetes probes use /health and /ready, which the app serves', async () => {
    const deployment = read('deploy/k8s/deployment.yaml');
    expect(deployment).toMatch(/livenessProbe:\s+httpGet: \{ path: \/health/);
    expect(deployment).toMatch(/readinessProbe:\s+httpGet: \{ path: \/ready/);
    expect(deployment).toContain('{ name: MLPY_HOST, value: "0.0.0.0" }');
    expect(deployment).toContain('runAsNonRoot: true');
    expect(deployment).toContain('runAsUser: 10001');
    expect(deployment).toContain('name: MLPY_TRACKING_URI');
    const app = createServingApp({
      models: [{ name: 'm', model: await fittedClassifier(0) }],
      metrics: { processMetrics: false },
    });
    await app.runtime.ready();
    expect((await app.request('/health')).status).toBe(200);
    expect((await app.request('/ready')).status).toBe(200);
    expect((await app.request('/metrics')).status).toBe(200);
  });

  it('the manifests render with kustomize', (ctx) => {
    if (!hasKubectl()) {
      console.info('skipped: kubectl is not installed');
      ctx.skip();
    }
    const out = execFileSync('kubectl', ['kustomize', join(root, 'deploy/k8s')], { encoding: 'utf8' });
    const kinds = [...out.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]).sort();
    expect(kinds).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service']);
  });
});
