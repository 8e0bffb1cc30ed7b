// Small helpers shared by the store suite's cases and the stores' own tests.
import type { Page } from '../types.js';

/** A unique name, so suites can share a long-lived server. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Collects every page of a paged call. */
export async function allPages<T>(fetch: (token?: string) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...page.items);
    token = page.nextPageToken;
  } while (token);
  return out;
}
