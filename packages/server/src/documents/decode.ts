import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import { DocumentError } from './errors.ts';

// Random bytes hold a control character (other than tab, line feed, form feed, carriage
// return) about once in nine; text next to never. 2% leaves room for a stray escape or ^Z.
const BINARY_CONTROL_SHARE = 0.02;
// A right guess at a legacy encoding leaves at most a few broken sequences (a file cut short);
// a wrong guess breaks a large share of the non-ASCII characters.
const MAX_REPLACEMENT_SHARE = 0.05;
// Below this chardet is guessing: short or mostly-ASCII text gives it too little to go on.
const CONFIDENT = 50;

/** chardet's names of the legacy encodings Duban reads, and the iconv-lite codec for each. */
const LEGACY_CODECS: Readonly<Record<string, string>> = {
  GB18030: 'gb18030',
  GBK: 'gb18030',
  GB2312: 'gb18030',
  BIG5: 'big5',
  // Invalid as strict UTF-8 but recognised as UTF-8: a file cut mid-character; decode it leniently.
  'UTF-8': 'utf8',
};

/**
 * Decode a text document's bytes: UTF-8 with or without BOM, UTF-16 with BOM, and otherwise the
 * encoding detected from the content (GB18030, which covers GB2312 and GBK, or Big5).
 * Throws a DocumentError: 'binary' for data that is not text, 'undecodable' for text in an
 * encoding Duban does not read or that decodes to noise.
 */
export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16Encoding(bytes);
  if (utf16 !== undefined) return decodeUtf16(bytes, utf16);
  if (looksBinary(bytes)) throw new DocumentError({ code: 'binary' });
  return decodeStrictUtf8(bytes) ?? decodeLegacy(bytes);
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new DocumentError({ code: 'undecodable' });
  }
  if (looksBinary(codeUnits(text))) throw new DocumentError({ code: 'binary' });
  return text;
}

function decodeStrictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeLegacy(bytes: Uint8Array): string {
  const text = iconv.decode(bytes, legacyCodec(bytes));
  if (tooManyReplacements(text)) throw new DocumentError({ code: 'undecodable' });
  return text;
}

function legacyCodec(bytes: Uint8Array): string {
  const [best] = analyse(bytes);
  // A Chinese plan that is not UTF-8 is GB18030 (or its subsets GBK, GB2312) in practice, so that
  // is the answer unless chardet is sure of something else.
  if (best === undefined || best.confidence < CONFIDENT) return 'gb18030';
  const codec = LEGACY_CODECS[best.name.toUpperCase()];
  if (codec === undefined) throw new DocumentError({ code: 'undecodable', detail: best.name });
  return codec;
}

/** Binary data has NUL bytes or many control characters; text has neither. */
function looksBinary(units: ArrayLike<number>): boolean {
  let controls = 0;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as number;
    if (unit >= 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x0c || unit === 0x0d) continue;
    if (unit === 0) return true;
    controls++;
  }
  return controls > units.length * BINARY_CONTROL_SHARE;
}

function codeUnits(text: string): Uint16Array {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

function tooManyReplacements(text: string): boolean {
  let nonAscii = 0;
  let replaced = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    nonAscii++;
    if (code === 0xfffd) replaced++;
  }
  return replaced > nonAscii * MAX_REPLACEMENT_SHARE;
}
