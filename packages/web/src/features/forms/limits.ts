import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';

/**
 * The server's limits on what a form sends (the routes' zod schemas): a form counts against the
 * same number and refuses more, never cutting a pasted text short without a word.
 */
export const TEXT_LIMITS = {
  /** Titles, names, topics, places (shortText). */
  short: 200,
  /** Notes, diaries, descriptions (longText). */
  long: 20_000,
  /** An order's comment. */
  comment: 5000,
  /** A problem's closing note or an assignment's comment. */
  note: 2000,
} as const;

/** Show the count against `max` as one types or pastes; antd marks it over the limit, cutting nothing. */
export function counted(max: number) {
  return { count: { show: true, max } };
}

/** Refuse a text longer than `max`, saying so. */
export function maxLengthRule(t: TFunction, max: number): Rule {
  return { max, message: t('forms.tooLong', { max }) };
}

/** Refuse a number outside [min, max] (or not whole, when `integer`), saying so; never clamp it. */
export function numberRule(t: TFunction, range: { min: number; max: number; integer?: boolean }): Rule {
  return {
    validator: (_rule, value: unknown) => {
      if (value === null || value === undefined || value === '') return Promise.resolve();
      const n = Number(value);
      if (!Number.isFinite(n) || n < range.min || n > range.max) {
        return Promise.reject(new Error(t('forms.outOfRange', { min: range.min, max: range.max })));
      }
      if (range.integer && !Number.isInteger(n)) return Promise.reject(new Error(t('forms.wholeNumber')));
      return Promise.resolve();
    },
  };
}
