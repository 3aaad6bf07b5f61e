import { spawn } from 'node:child_process';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planSchema } from '@duban/core';
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, run } from './main.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SEED = join(ROOT, 'examples/luohu-2007-jichu.txt');
const BIN = join(ROOT, 'node_modules/.bin/duban');
// Spawning the launcher starts Node and tsx: allow for a busy machine.
const SPAWN_TIMEOUT = 30_000;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function runInProcess(argv: string[], stdin: Uint8Array[] = []): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdin };
  const code = await run(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function runBin(argv: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Exit 2 and exactly one line on stderr that names the file and says why; nothing on stdout. */
function expectRefusal(outcome: Outcome, file: string, reason: string): void {
  expect(outcome.code).toBe(2);
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr).toBe(`duban: cannot read ${file}: ${reason}\n`);
}

let dir: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duban-cli-'));
  const docx = new Uint8Array(
    await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('工作要点')] }] })),
  );
  const zip = await new JSZip().file('readme.txt', 'not a plan').generateAsync({ type: 'uint8array' });
  const write = async (name: string, bytes: Uint8Array | string): Promise<void> => {
    files[name] = join(dir, name);
    await writeFile(files[name], bytes);
  };
  await write('empty.txt', '');
  await write('binary.dat', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]));
  await write('truncated.docx', docx.subarray(0, Math.floor(docx.length / 2)));
  await write('archive.zip', zip);
  await write('huge.txt', '');
  await truncate(files['huge.txt'] as string, 25 * 1024 * 1024);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = (name: string): string => files[name] as string;

describe('duban parse', () => {
  it('prints the plan JSON with --json', async () => {
    const outcome = await runInProcess(['parse', SEED, '--json']);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toBe('');
    expect(() => planSchema.parse(JSON.parse(outcome.stdout))).not.toThrow();
  });

  it('prints a tree for a person without --json', async () => {
    const outcome = await runInProcess(['parse', SEED]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^notice {3}/u);
    expect(outcome.stdout).toMatch(/^title {4}/mu);
  });

  it('reads standard input for -', async () => {
    const outcome = await runInProcess(['parse', '-', '--json'], [new TextEncoder().encode('工作要点\n一、党建\n')]);
    expect(outcome.code).toBe(0);
    expect(() => planSchema.parse(JSON.parse(outcome.stdout))).not.toThrow();
  });

  it('refuses an empty file', async () => {
    expectRefusal(await runInProcess(['parse', file('empty.txt')]), file('empty.txt'), 'the document is empty');
  });

  it('refuses empty standard input', async () => {
    expectRefusal(await runInProcess(['parse', '-']), 'standard input', 'the document is empty');
  });

  it('refuses a binary file', async () => {
    expectRefusal(
      await runInProcess(['parse', file('binary.dat')]),
      file('binary.dat'),
      'it is a binary file, not text; Duban reads plain text (UTF-8 or GB18030/GBK) and .docx',
    );
  });

  it('refuses a truncated .docx', async () => {
    expectRefusal(
      await runInProcess(['parse', file('truncated.docx'), '--json']),
      file('truncated.docx'),
      'it looks like a .docx (a ZIP file) but it is damaged or truncated',
    );
  });

  it('refuses a file over 20 MB', async () => {
    expectRefusal(
      await runInProcess(['parse', file('huge.txt')]),
      file('huge.txt'),
      'the document is 25 MB, over the 20 MB limit',
    );
  });

  it('refuses a missing file', async () => {
    const missing = join(dir, 'missing.txt');
    expectRefusal(await runInProcess(['parse', missing]), missing, 'no such file');
  });

  it('refuses a directory', async () => {
    expectRefusal(await runInProcess(['parse', dir]), dir, 'it is a directory, not a file');
  });

  it('refuses a ZIP archive that is not a Word document', async () => {
    expectRefusal(
      await runInProcess(['parse', file('archive.zip')]),
      file('archive.zip'),
      'it is a ZIP archive, not a Word document; Duban reads plain text (UTF-8 or GB18030/GBK) and .docx',
    );
  });

  it('exits 2 when the file argument is missing', async () => {
    const outcome = await runInProcess(['parse']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("missing required argument 'file'");
  });
});

describe('the duban launcher', () => {
  it(
    'prints plan JSON that passes the schema for the seed document',
    async () => {
      const outcome = await runBin(['parse', 'examples/luohu-2007-jichu.txt', '--json']);
      expect(outcome.stderr).toBe('');
      expect(outcome.code).toBe(0);
      expect(() => planSchema.parse(JSON.parse(outcome.stdout))).not.toThrow();
    },
    SPAWN_TIMEOUT,
  );

  it(
    'refuses a file over 20 MB with one line and exit code 2',
    async () => {
      expectRefusal(
        await runBin(['parse', file('huge.txt')]),
        file('huge.txt'),
        'the document is 25 MB, over the 20 MB limit',
      );
    },
    SPAWN_TIMEOUT,
  );

  it(
    'refuses a missing file with one line and exit code 2',
    async () => {
      expectRefusal(await runBin(['parse', 'no-such-plan.txt', '--json']), 'no-such-plan.txt', 'no such file');
    },
    SPAWN_TIMEOUT,
  );
});
