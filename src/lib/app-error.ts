/**
 * The one error type domain code throws. Adapters map codes to HTTP statuses,
 * CLI exit codes and bot answers; `details` carries what the caller needs to
 * say what exactly was wrong (for example every invalid row of a batch).
 */
export const APP_ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNAVAILABLE',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static is(error: unknown, code?: AppErrorCode): error is AppError {
    return error instanceof AppError && (code === undefined || error.code === code);
  }
}

export const HTTP_STATUS_BY_CODE: Record<AppErrorCode, number> = {
  INVALID_INPUT: 422,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
};
