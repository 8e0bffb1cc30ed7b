// Runs a module in a plain Node process, as a user would: packages resolve to their built
// `dist` through the normal `import` condition, and native dependencies load natively.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface NodeResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `file` (TypeScript allowed) with Node; resolves when the process exits or times out. */
export function runNode(file: string, cwd: string, timeoutMs = 120_000): Promise<NodeResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, file], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
