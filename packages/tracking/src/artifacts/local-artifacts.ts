// Artifacts of the SQL stores: files under a local directory tree, one folder per run, with every
// path checked so a write or read can never leave the run's folder.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InvalidParameterError, NotFoundError } from '@mlpy/core';
import type { ArtifactInfo } from '../store/types.js';
import { validateArtifactPath } from '../store/validate.js';

/** Reads and writes run artifacts below `root` (an absolute directory). */
export class LocalArtifactStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The artifact location of a new experiment. */
  experimentUri(experimentId: string): string {
    return pathToFileURL(join(this.root, experimentId)).href;
  }

  /** The artifact URI of a new run in an experiment stored at `experimentUri`. */
  runUri(experimentUri: string, runId: string): string {
    const base = experimentUri.startsWith('file:') ? fileURLToPath(experimentUri) : resolve(experimentUri);
    return pathToFileURL(join(base, runId, 'artifacts')).href;
  }

  private locate(runUri: string, path: string, allowRoot = false): string {
    const base = fileURLToPath(runUri);
    const clean = validateArtifactPath(path, allowRoot);
    const full = resolve(base, clean);
    const rel = relative(base, full);
    if (rel.startsWith('..') || (rel === '' && !allowRoot) || rel.split(sep).includes('..')) {
      throw new InvalidParameterError(`Artifact path '${path}' leaves the run's artifact directory.`);
    }
    return full;
  }

  async write(runUri: string, path: string, content: Uint8Array): Promise<void> {
    const full = this.locate(runUri, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }

  async read(runUri: string, path: string): Promise<Uint8Array> {
    const full = this.locate(runUri, path);
    try {
      return new Uint8Array(await readFile(full));
    } catch (error) {
      throw new NotFoundError(`No artifact '${path}' in this run; list them with listArtifacts().`, {
        cause: error,
      });
    }
  }

  async list(runUri: string, path = ''): Promise<ArtifactInfo[]> {
    const dir = this.locate(runUri, path, true);
    const prefix = validateArtifactPath(path, true);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    const out: ArtifactInfo[] = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) out.push({ path: rel, isDir: true });
      else out.push({ path: rel, isDir: false, fileSize: (await stat(join(dir, entry.name))).size });
    }
    return out;
  }
}
