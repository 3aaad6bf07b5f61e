import * as OpenCC from 'opencc-js';

/**
 * The parser matches its rules against a "shadow" of the document: the same text, one
 * character for one character, with full-width forms folded (NFKC: `（１）` → `(1)`) and
 * traditional characters folded to simplified (`責任單位` → `责任单位`). Because the shadow
 * keeps every offset, what the parser reports (titles, mentions, clauses) is sliced from
 * the original text, so a traditional document keeps its own characters.
 */

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Folded code unit for each BMP code unit, filled on first sight; 0 means not yet known. */
const folded = new Uint16Array(0x10000);

/** One character folded, or itself when folding would change the length. */
function foldCode(code: number): number {
  const ch = String.fromCharCode(code);
  let out = ch;
  const nfkc = ch.normalize('NFKC');
  if (nfkc.length === 1) out = nfkc;
  // Ideographic full stop and comma stay (NFKC keeps them); the full-width space becomes ' '.
  if (/[\u3400-\u9fff\uf900-\ufaff]/u.test(out)) {
    const simp = toSimplified(out);
    if (simp.length === 1) out = simp;
  }
  return out.charCodeAt(0);
}

const utf16 = new TextDecoder('utf-16le');

/** The length-preserving folded copy of `text` that rules are matched against. */
export function shadow(text: string): string {
  const n = text.length;
  // Pure ASCII needs no folding: the common case for short pieces.
  let i = 0;
  while (i < n && text.charCodeAt(i) < 0x80) i++;
  if (i === n) return text;
  const out = new Uint16Array(n);
  for (let j = 0; j < n; j++) {
    const code = text.charCodeAt(j);
    // ASCII and surrogate halves (astral characters) are kept, so offsets stay aligned.
    if (code < 0x80 || (code >= 0xd800 && code <= 0xdfff)) {
      out[j] = code;
      continue;
    }
    let f = folded[code] as number;
    if (f === 0) {
      f = foldCode(code);
      folded[code] = f;
    }
    out[j] = f;
  }
  return utf16.decode(out);
}

/** NFKC with all white space removed: how mentions and titles are compared. */
export function compareKey(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '');
}
