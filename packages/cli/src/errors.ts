// Exit codes and one-line error messages fit for scripts: 2 for a user's mistake (bad file,
// unknown column, bad parameter, unknown model), 1 for anything unexpected. No stack traces
// unless MLPY_DEBUG is set.
import { MlpyError } from '@mlpy/core';

/** Exit codes of the mlpy command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A mistake in how the command was called or in what it was given. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** MlpyError codes that mean the user's input was wrong, not that mlpy failed. */
const USER_CODES = new Set([
  'DATA_ERROR',
  'SHAPE_ERROR',
  'INVALID_PARAMETER',
  'NOT_FOUND',
  'FORMAT_ERROR',
  'CHECKSUM_ERROR',
  'CONFLICT',
  'NOT_FITTED',
]);

/** The exit code for an error a command threw. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof MlpyError && USER_CODES.has(error.code)) return EXIT.usage;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES' || code === 'EADDRINUSE') return EXIT.usage;
  return EXIT.failure;
}

/** `mlpy: <message>` on one line. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `mlpy: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`;
}
