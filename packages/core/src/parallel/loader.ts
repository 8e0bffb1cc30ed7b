// Worker threads started from TypeScript sources (tests) load them through tsx.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** tsx's loader, resolved from here (a dev dependency: only source runs need it). */
export function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

/** tsx's require() hook, for worker code evaluated from a string (the loader above reaches only worker files). */
export function tsxRequireHook(): string {
  return createRequire(import.meta.url).resolve('tsx/cjs/api');
}
