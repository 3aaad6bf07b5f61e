/**
 * Resolving an office mention (as a plan document prints it) to an office or a group of the
 * directory. Pure: the directory is passed in.
 */

export interface DirectoryOffice {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly kind: string;
  readonly parentId: string | null;
}

export interface DirectoryGroup {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

export interface Directory {
  readonly offices: readonly DirectoryOffice[];
  readonly groups: readonly DirectoryGroup[];
}

/** How a mention was matched, for the preview to show. */
export type ResolvedVia = 'name' | 'alias' | 'parenthesis' | 'prefix' | 'abbreviation';

export interface Suggestion {
  readonly kind: 'office' | 'group';
  readonly id: string;
  readonly name: string;
  /** 0..1, higher is closer. */
  readonly score: number;
}

export type Resolution =
  | { readonly kind: 'office'; readonly id: string; readonly name: string; readonly via: ResolvedVia }
  | { readonly kind: 'group'; readonly id: string; readonly name: string; readonly via: ResolvedVia }
  | { readonly kind: 'unresolved'; readonly suggestions: readonly Suggestion[] };

/** A resolver over one directory, with its indexes built once. Stub: to be implemented. */
export function buildResolver(directory: Directory): (mention: string) => Resolution {
  void directory;
  return () => ({ kind: 'unresolved', suggestions: [] });
}
