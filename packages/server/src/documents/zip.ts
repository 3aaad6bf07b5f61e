import { Inflate } from 'fflate';
import { DocumentError } from './errors.ts';

/**
 * How much a ZIP file may unpack to. A plan's word/document.xml is a few megabytes at most; a
 * small file that unpacks to hundreds (a zip bomb) would take the memory and the time of the
 * whole server, so inflating stops at these limits, whatever the archive declares.
 */
export interface UnpackLimits {
  /** Unpacked bytes of one part. */
  readonly partBytes: number;
  /** Unpacked bytes of all parts read from one archive together. */
  readonly totalBytes: number;
  /** Entries in the central directory. */
  readonly entries: number;
}

export const UNPACK_LIMITS: UnpackLimits = {
  partBytes: 32 * 1024 * 1024,
  totalBytes: 48 * 1024 * 1024,
  entries: 5000,
};

/** Compressed bytes handed to the inflater at a time: deflate expands at most ~1032×, so one step's output stays small. */
const STEP = 4 * 1024;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly declaredSize: number;
  readonly localHeader: number;
}

/** The parts of a ZIP file by name, each unpacked only when asked for, within the limits. */
export interface ZipArchive {
  readonly names: ReadonlySet<string>;
  /** A part as UTF-8 text, or undefined when the archive has none of that name. */
  readonly text: (name: string) => string | undefined;
}

const corrupt = () => new DocumentError({ code: 'corrupt-docx' });
const tooLarge = (limit: number) => new DocumentError({ code: 'unpacks-too-large', size: limit });

/**
 * Open a ZIP file from its central directory (ECMA-376 parts are found there, not by scanning).
 * Throws a DocumentError: 'corrupt-docx' for a damaged, encrypted, ZIP64 or otherwise unreadable
 * archive; 'unpacks-too-large' when a part declares or turns out to unpack past the limits.
 */
export function openZip(bytes: Uint8Array, limits: UnpackLimits = UNPACK_LIMITS): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = new Map<string, Entry>();
  for (const entry of centralDirectory(bytes, view, limits))
    if (!entries.has(entry.name)) entries.set(entry.name, entry);
  let unpacked = 0;
  return {
    names: new Set(entries.keys()),
    text: (name) => {
      const entry = entries.get(name);
      if (entry === undefined) return undefined;
      // What the directory declares is checked first: most bombs say what they are.
      if (entry.declaredSize > limits.partBytes) throw tooLarge(limits.partBytes);
      if (unpacked + entry.declaredSize > limits.totalBytes) throw tooLarge(limits.totalBytes);
      const budget = limits.totalBytes - unpacked;
      const data = inflateEntry(bytes, view, entry, {
        bytes: Math.min(limits.partBytes, budget),
        told: limits.partBytes <= budget ? limits.partBytes : limits.totalBytes,
      });
      unpacked += data.length;
      // As jszip read them: a stray invalid byte becomes U+FFFD rather than refusing the file.
      return new TextDecoder('utf-8').decode(data);
    },
  };
}

function centralDirectory(bytes: Uint8Array, view: DataView, limits: UnpackLimits): Entry[] {
  const end = endOfCentralDirectory(bytes, view);
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw corrupt(); // ZIP64: no document of ours needs it
  if (count > limits.entries) throw corrupt();
  if (at + size > end) throw corrupt();
  const names = new TextDecoder('utf-8');
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) throw corrupt();
    const flags = view.getUint16(at + 8, true);
    if (flags & 1) throw corrupt(); // encrypted
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      declaredSize: view.getUint32(at + 24, true),
      localHeader: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where the end-of-central-directory record starts: searched back over the largest comment. */
function endOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  throw corrupt();
}

/** An entry's bytes, inflated `STEP` by `STEP` and given up as soon as they pass `limit.bytes`. */
function inflateEntry(
  bytes: Uint8Array,
  view: DataView,
  entry: Entry,
  limit: { readonly bytes: number; readonly told: number },
): Uint8Array {
  const header = entry.localHeader;
  if (header + 30 > bytes.length || view.getUint32(header, true) !== 0x04034b50) throw corrupt();
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw corrupt();
  if (entry.method === 0) {
    if (data.length > limit.bytes) throw tooLarge(limit.told);
    return data;
  }
  if (entry.method !== 8) throw corrupt();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    // Counted as it comes out: the directory's declared size may be a lie.
    if (size > limit.bytes) throw tooLarge(limit.told);
    chunks.push(chunk);
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length; at += STEP)
      inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
  } catch (error) {
    throw error instanceof DocumentError ? error : corrupt();
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
