import { open } from 'node:fs/promises';
import { DocumentError, type DocumentProblem, MAX_DOCUMENT_BYTES } from './errors.ts';

/**
 * A file's bytes, refused before reading when it is over `limit`. Throws a DocumentError naming
 * the path: 'not-found', 'not-a-file', 'unreadable' or 'too-large'.
 */
export async function readFileBytes(path: string, limit = MAX_DOCUMENT_BYTES): Promise<Uint8Array> {
  try {
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat();
      if (info.isDirectory()) throw new DocumentError({ code: 'not-a-file' }, path);
      if (info.size > limit) throw new DocumentError({ code: 'too-large', size: info.size }, path);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw error instanceof DocumentError ? error : new DocumentError(fileProblem(error), path);
  }
}

/** The bytes of a stream such as standard input, given up as soon as they pass `limit`. */
export async function readStreamBytes(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  name = 'standard input',
  limit = MAX_DOCUMENT_BYTES,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > limit) throw new DocumentError({ code: 'too-large' }, name);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

function fileProblem(error: unknown): DocumentProblem {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { code: 'not-found' };
  if (code === 'EISDIR') return { code: 'not-a-file' };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'unreadable', detail: 'permission denied' };
  return { code: 'unreadable', detail: code ?? String(error) };
}
