// Small helpers shared by the store suite's cases and the stores' own tests.
/** A unique name, so suites can share a long-lived server. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export { allPages } from '../paging.js';
