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
  | 'unsupported-file'
  | 'locked';

/**
 * A message in both languages of the UI. English is the API's default and what logs and tests
 * read; a client that asks for Chinese (Accept-Language: zh…) gets the Chinese.
 */
export interface Words {
  readonly en: string;
  readonly zh: string;
}

export type Language = 'en' | 'zh';

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** The input field at fault, for bad-input. */
  readonly field: string | undefined;
  /** The Chinese message; undefined where only English was written. */
  readonly zh: string | undefined;

  constructor(code: AppErrorCode, message: string | Words, field?: string) {
    super(typeof message === 'string' ? message : message.en);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
    this.zh = typeof message === 'string' ? undefined : message.zh;
  }

  /** The message in a language, English where no Chinese was written. */
  messageIn(language: Language): string {
    return language === 'zh' && this.zh !== undefined ? this.zh : this.message;
  }
}

/** The language a request asks for: Chinese when its first preference is any zh, else English. */
export function languageOf(acceptLanguage: string | undefined): Language {
  return /^\s*zh\b/iu.test(acceptLanguage ?? '') ? 'zh' : 'en';
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
    case 'unsupported-file':
      return 415;
    case 'unparseable-document':
      return 422;
    case 'locked':
      return 423;
  }
}

/** `what` names the thing: 'Plan', or { en: 'Plan', zh: '计划' }. */
export const notFound = (what: string | Words) =>
  typeof what === 'string'
    ? new AppError('not-found', `${what} not found`)
    : new AppError('not-found', { en: `${what.en} not found`, zh: `找不到该${what.zh}` });

export const staleVersion = (what: string | Words) =>
  typeof what === 'string'
    ? new AppError('stale-version', `${what} was changed by someone else; reload it and try again`)
    : new AppError('stale-version', {
        en: `${what.en} was changed by someone else; reload it and try again`,
        zh: `${what.zh}已被他人修改,请刷新后重试`,
      });
