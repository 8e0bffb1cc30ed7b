// Offset page tokens for the SQL stores, opaque to callers like MLflow's.
import { InvalidParameterError } from '@mlpy/core';
import type { Page, PageRequest } from './types.js';

/** Largest page a search returns, as MLflow's SearchRuns. */
export const MAX_PAGE_SIZE = 50_000;

/** Turns a page request into a validated limit and offset. */
export function decodePage(
  page: PageRequest | undefined,
  defaultSize = 1000,
): { limit: number; offset: number } {
  const limit = page?.maxResults ?? defaultSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InvalidParameterError(
      `maxResults must be an integer between 1 and ${MAX_PAGE_SIZE}, got ${limit}.`,
    );
  }
  if (page?.pageToken === undefined || page.pageToken === '') return { limit, offset: 0 };
  let offset: unknown;
  try {
    offset = (JSON.parse(Buffer.from(page.pageToken, 'base64url').toString('utf8')) as { offset?: unknown })
      .offset;
  } catch {
    offset = undefined;
  }
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
    throw new InvalidParameterError(
      `Invalid page token '${page.pageToken}': pass the nextPageToken of a previous page unchanged.`,
    );
  }
  return { limit, offset };
}

/** The token of the page after `offset + limit`, or undefined when `fetched` shows this is the last page. */
export function nextToken(offset: number, limit: number, fetched: number): string | undefined {
  if (fetched <= limit) return undefined;
  return Buffer.from(JSON.stringify({ offset: offset + limit }), 'utf8').toString('base64url');
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
