// The error catalogue: every error a user can see has a stable id and an HTTP status.

export const ERRORS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  internal: 500,
  not_implemented: 501,
  unavailable: 503,
} as const;
export type ErrorId = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  constructor(readonly id: ErrorId, message: string) {
    super(message);
    this.status = ERRORS[id];
  }
}

export const badRequest = (message: string) => new AppError('bad_request', message);
export const unauthorized = (message: string) => new AppError('unauthorized', message);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const notFound = (message: string) => new AppError('not_found', message);
export const conflict = (message: string) => new AppError('conflict', message);
export const notImplemented = (message: string) => new AppError('not_implemented', message);
export const unavailable = (message: string) => new AppError('unavailable', message);

/** 429: a rate limit was hit; the app sends Retry-After with the seconds until it would pass. */
export class RateLimited extends AppError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super('too_many_requests', message);
  }
}
