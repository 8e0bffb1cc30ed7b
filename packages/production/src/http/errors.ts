// The one place that maps MlpyError codes to HTTP statuses and shapes error bodies. A response
// never carries a stack trace; unexpected failures get a generic message and the request id.
import { type ErrorCode, MlpyError } from '@mlpy/core';

const STATUS: Partial<Record<ErrorCode, number>> = {
  DATA_ERROR: 400,
  SHAPE_ERROR: 400,
  INVALID_PARAMETER: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** The HTTP status for an error code; anything unmapped is a 500. */
export function httpStatusFor(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
  requestId: string;
}

/** Builds the status and body for any thrown value; only MlpyError messages reach the client. */
export function errorResponse(err: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (err instanceof MlpyError) {
    const status = httpStatusFor(err.code);
    if (status < 500 || err.code === 'UNAVAILABLE') {
      const error: ErrorBody['error'] = { code: err.code, message: err.message };
      if (err.details) error.details = err.details;
      return { status, body: { error, requestId } };
    }
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'INTERNAL',
        message: `Internal error; quote request id ${requestId} when reporting it.`,
      },
      requestId,
    },
  };
}

/** Shorthand for the errors serving raises itself. */
export function httpError(code: ErrorCode, message: string, details?: Record<string, unknown>): MlpyError {
  return new MlpyError(code, message, details ? { details } : {});
}
