// The tracking store a command uses: --tracking-uri, else MLPY_TRACKING_URI, else the embedded
// SQLite store at ./.mlpy/tracking.db (relative paths resolve against the command's directory).
import { isAbsolute, resolve } from 'node:path';
import { createTracker, type Tracker } from '@mlpy/tracking';
import type { Io } from './io.js';

/** The embedded store's path, relative to the working directory. */
export const DEFAULT_TRACKING_PATH = '.mlpy/tracking.db';

/** The tracking URI a command should use. */
export function trackingUri(option: string | undefined, io: Io): string {
  const uri = (option ?? io.env['MLPY_TRACKING_URI'] ?? '').trim() || DEFAULT_TRACKING_PATH;
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri)) return uri;
  return isAbsolute(uri) ? uri : resolve(io.cwd, uri);
}

/** Opens a tracker, runs `fn`, and closes the tracker whatever happens. */
export async function withTracker<T>(
  option: string | undefined,
  io: Io,
  fn: (tracker: Tracker) => Promise<T>,
): Promise<T> {
  const tracker = await createTracker(trackingUri(option, io));
  try {
    return await fn(tracker);
  } finally {
    await tracker.close();
  }
}

/** Registered-model tag holding an alias's earlier versions (JSON list, oldest first). */
export function aliasHistoryTag(alias: string): string {
  return `mlpy.alias_history.${alias}`;
}

/** Points `alias` at `version`, remembering where it pointed before (for `models rollback`). */
export async function moveAlias(
  tracker: Tracker,
  name: string,
  alias: string,
  version: string,
): Promise<string | undefined> {
  const model = await tracker.registry.getModel(name);
  const before = model.aliases[alias];
  await tracker.registry.setAlias(name, alias, version);
  if (before !== undefined && before !== version) {
    const key = aliasHistoryTag(alias);
    const history = parseHistory(model.tags[key]);
    history.push(before);
    await tracker.store.registry.setRegisteredModelTag(name, key, JSON.stringify(history.slice(-50)));
  }
  return before;
}

/** The versions an alias pointed at before, oldest first. */
export function parseHistory(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
