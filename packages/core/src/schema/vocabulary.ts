/**
 * The target vocabulary as plain lists, apart from the zod schemas built on them, so that a
 * page that only labels targets does not carry zod.
 */
export const OPS = ['>=', '<=', '=', '>', '<', 'between'] as const;
export const KINDS = ['level', 'change', 'frequency'] as const;
export const PERIODS = ['day', 'week', 'month', 'two-months', 'quarter', 'half-year', 'year'] as const;
export const BASELINES = ['previous-year'] as const;
