/**
 * `npm run bench:web`: the JavaScript the sign-in page and the plan board download from a real
 * server over HTTP with compression on (Accept-Encoding: br, gzip), nothing cached; the bar is
 * 300 KB each. Needs chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import { launchBrowser, signIn, startDemoServer } from '../packages/web/tests/harness.ts';
import { kb, scriptTransfer } from '../packages/web/tests/transfer.ts';

const LIMIT = 300 * 1024;
const server = await startDemoServer();
const browser = await launchBrowser();
try {
  const desk = { width: 1440, height: 900 };
  const anonymous = await browser.newContext({ viewport: desk });
  const login = await scriptTransfer(anonymous, server.url, '/login', 'input[type="password"]');
  const page = await anonymous.newPage();
  await signIn(page, server.url, server.demo.username, server.demo.password);
  const signedIn = await browser.newContext({ viewport: desk, storageState: await anonymous.storageState() });
  const board = await scriptTransfer(
    signedIn,
    server.url,
    `/plans/${server.demo.planId}`,
    '[data-testid="board-task"]',
  );
  let over = false;
  for (const [name, t] of [
    ['sign-in page', login],
    ['plan board', board],
  ] as const) {
    const encodings = [...new Set(t.scripts.map((s) => s.encoding))].join(', ');
    console.log(
      `${name.padEnd(13)} ${kb(t.bytes).padStart(9)} of JavaScript (${encodings}) in ${t.scripts.length} files  (bar ${kb(LIMIT)})`,
    );
    over ||= t.bytes >= LIMIT;
  }
  if (over) process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
