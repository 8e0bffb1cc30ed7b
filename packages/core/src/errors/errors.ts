// Typed errors. Every failure a user can cause is an MlpyError with a stable `code`, so callers
// (and the server, which maps codes to HTTP statuses in one place) never parse messages.

/** Stable error codes; never renamed once released. */
export type ErrorCode =
  | 'NOT_FITTED'
  | 'INVALID_PARAMETER'
  | 'DATA_ERROR'
  | 'SHAPE_ERROR'
  | 'CHECKSUM_ERROR'
  | 'FORMAT_ERROR'
  | 'BACKEND_ERROR'
  | 'STORE_ERROR'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ABORTED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface MlpyErrorOptions {
  cause?: unknown;
  /** Machine-readable context (row, column, parameter…), safe to show to a client. */
  details?: Record<string, unknown>;
}

/** Base class of every error MLPY throws on purpose. */
export class MlpyError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: MlpyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
  }

  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

function defineError(code: ErrorCode) {
  return class extends MlpyError {
    constructor(message: string, options?: MlpyErrorOptions) {
      super(code, message, options);
    }
  };
}

/** predict/transform called before fit. */
export class NotFittedError extends defineError('NOT_FITTED') {}
/** A parameter is unknown or has an invalid value. */
export class InvalidParameterError extends defineError('INVALID_PARAMETER') {}
/** Input values are unusable: NaN where not allowed, wrong type, unknown category… */
export class DataError extends defineError('DATA_ERROR') {}
/** Input dimensions do not match what is expected. */
export class ShapeError extends defineError('SHAPE_ERROR') {}
/** A saved model's checksum does not match its content. */
export class ChecksumError extends defineError('CHECKSUM_ERROR') {}
/** A file or payload is not in a format we can read (foreign, truncated, future version). */
export class FormatError extends defineError('FORMAT_ERROR') {}
/** A compute backend (worker pool, tfjs, onnxruntime) failed or is missing. */
export class BackendError extends defineError('BACKEND_ERROR') {}
/** A tracking or registry store failed. */
export class StoreError extends defineError('STORE_ERROR') {}
/** A named thing (model, run, experiment, version) does not exist. */
export class NotFoundError extends defineError('NOT_FOUND') {}
/** The operation conflicts with existing state (e.g. changing a logged param). */
export class ConflictError extends defineError('CONFLICT') {}
/** An operation was cancelled through its AbortSignal. */
export class AbortError extends defineError('ABORTED') {}

/** Throws AbortError if the signal has fired; call between units of work in long loops. */
export function throwIfAborted(signal: AbortSignal | undefined, what = 'operation'): void {
  if (signal?.aborted) throw new AbortError(`${what} was aborted`, { cause: signal.reason });
}
