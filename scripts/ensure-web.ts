import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` runs this first: build the web app when dist/web is missing or older than any
 * file it is built from, so a fresh clone and an edited source both get a current app.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist/web/index.html');

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = ['packages/web/src', 'packages/web/vite.config.ts', 'packages/web/package.json', 'packages/core/src'];

/** Build dist/web unless it is newer than all its sources; returns whether it built. */
export function ensureWebBuild(log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): boolean {
  const stale = !existsSync(built) || sources.some((p) => newest(join(root, p)) > statSync(built).mtimeMs);
  if (!stale) return false;
  log('building the web app (dist/web)…');
  // A production build whoever asks (vitest runs with NODE_ENV=test, which Vite would honour).
  execFileSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureWebBuild();
