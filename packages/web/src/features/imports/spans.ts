import type { PreviewItem, PreviewMention, PreviewSection } from './api';

/** A stretch of the source text to highlight, [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A span as the API gives it ([start, end) or nothing), checked against the text's length. */
export function spanOf(span: readonly number[] | undefined, length: number): Span | null {
  const [start, end] = span ?? [];
  if (start === undefined || end === undefined || start < 0 || end <= start || end > length) return null;
  return { start, end };
}

// Full- and half-width brackets fold to one form, one character for one, so offsets hold.
const fold = (text: string) => text.replace(/[（(]/gu, '(').replace(/[）)]/gu, ')').replace(/[，,]/gu, ',');

/**
 * Where a mention is printed inside an item: its first occurrence in the item's span (brackets
 * of either width alike), else the whole item.
 */
export function mentionSpan(source: string, item: PreviewItem, mention: string): Span | null {
  const within = spanOf(item.span, source.length);
  if (!within) return null;
  const text = fold(source.slice(within.start, within.end));
  const at = text.indexOf(fold(mention));
  return at < 0 ? within : { start: within.start + at, end: within.start + at + mention.length };
}

/** The item a mention first appears in. */
export function firstItemOf(mention: PreviewMention, sections: readonly PreviewSection[]): PreviewItem | null {
  const first = mention.appearances[0];
  return first ? (sections[first.section]?.items[first.item] ?? null) : null;
}
