import * as OpenCC from 'opencc-js';

/**
 * The parser matches its rules against a "shadow" of the document: the same text, one
 * character for one character, with full-width forms folded (NFKC: `（１）` → `(1)`) and
 * traditional characters folded to simplified (`責任單位` → `责任单位`). Because the shadow
 * keeps every offset, what the parser reports (titles, mentions, clauses) is sliced from
 * the original text, so a traditional document keeps its own characters.
 */

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
const cache = new Map<string, string>();

/** One character folded, or itself when folding would change the length. */
function foldChar(ch: string): string {
  const hit = cache.get(ch);
  if (hit !== undefined) return hit;
  let out = ch;
  const nfkc = ch.normalize('NFKC');
  if (nfkc.length === ch.length) out = nfkc;
  // Ideographic full stop and comma stay (NFKC keeps them); the full-width space becomes ' '.
  if (/[\u3400-\u9fff\uf900-\ufaff]/u.test(out)) {
    const simp = toSimplified(out);
    if (simp.length === out.length) out = simp;
  }
  cache.set(ch, out);
  return out;
}

/** The length-preserving folded copy of `text` that rules are matched against. */
export function shadow(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // ASCII needs no folding: the fast path for most of a document's punctuation and digits.
    if (code < 0x80) {
      out += text[i];
      continue;
    }
    // Surrogate pairs are kept as they are, so offsets stay aligned.
    if (code >= 0xd800 && code <= 0xdbff) {
      out += text.slice(i, i + 2);
      i++;
      continue;
    }
    out += foldChar(text[i] as string);
  }
  return out;
}

/** NFKC with all white space removed: how mentions and titles are compared. */
export function compareKey(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '');
}
