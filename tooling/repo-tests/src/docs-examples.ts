// Extracts the runnable TypeScript examples from the README and docs/, so docs cannot drift.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './workspace.js';

export interface DocExample {
  file: string;
  line: number;
  code: string;
}

function* markdownFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== 'benchmarks') yield* markdownFiles(path);
    } else if (entry.endsWith('.md')) yield path;
  }
}

/**
 * Every ```ts block of README.md and docs/**.md. A block preceded by the line
 * `<!-- not-run: reason -->` is skipped (for fragments that need a live service, say).
 */
export function docExamples(): DocExample[] {
  const files = [join(repoRoot, 'README.md'), ...markdownFiles(join(repoRoot, 'docs'))];
  const out: DocExample[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
      if (/^<!-- not-run:/.test(lines[start - 1] ?? '') || /^<!-- not-run:/.test(lines[start - 2] ?? ''))
        continue;
      out.push({ file: relative(repoRoot, file), line: start + 1, code: body.join('\n') });
    }
  }
  return out;
}
