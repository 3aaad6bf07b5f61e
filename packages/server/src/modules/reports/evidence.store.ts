import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * The folder of evidence files: DUBAN_FILES_DIR when set, else `files` beside the SQLite file,
 * else (PostgreSQL without the variable) `data/files` under the working directory.
 */
export function filesDir(sqlitePath: string | null): string {
  const fromEnv = process.env.DUBAN_FILES_DIR;
  if (fromEnv) return resolve(fromEnv);
  return sqlitePath ? join(dirname(sqlitePath), 'files') : resolve('data', 'files');
}

const SHA256 = /^[0-9a-f]{64}$/u;

/** Where the bytes of `sha256` lie: two levels of fan-out keep folders small. */
function blobPath(dir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error('not a SHA-256');
  return join(dir, sha256.slice(0, 2), sha256);
}

/**
 * Keep bytes under their SHA-256; the same content is stored once. Written to a temporary name
 * then renamed, so a reader never sees half a file. Returns the hash.
 */
export async function storeBlob(dir: string, bytes: Uint8Array): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = blobPath(dir, sha256);
  if (existsSync(path)) return sha256;
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, path);
  return sha256;
}

/** The bytes stored under `sha256`, or null when the file is missing. */
export async function readBlob(dir: string, sha256: string): Promise<Buffer | null> {
  try {
    return await readFile(blobPath(dir, sha256));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
}
