/**
 * Errors the services raise, typed by a code; the HTTP layer maps each code to a status in one
 * place (toHttp). Services never speak HTTP.
 */
export type AppErrorCode =
  | 'bad-input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'stale-version'
  | 'conflict'
  | 'too-large'
  | 'unparseable-document'
  | 'locked';

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** The input field at fault, for bad-input. */
  readonly field: string | undefined;

  constructor(code: AppErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }
}

/** The HTTP status for an error code. */
export function statusOf(code: AppErrorCode): number {
  switch (code) {
    case 'bad-input':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    case 'stale-version':
    case 'conflict':
      return 409;
    case 'too-large':
      return 413;
    case 'unparseable-document':
      return 422;
    case 'locked':
      return 423;
  }
}

export const notFound = (what: string) => new AppError('not-found', `${what} not found`);
export const staleVersion = (what: string) =>
  new AppError('stale-version', `${what} was changed by someone else; reload it and try again`);
