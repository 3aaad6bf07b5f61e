import { basename, extname } from 'node:path';
import { type Command, CommanderError } from 'commander';
import { openStore, type StoreOptions } from '../db/connect.ts';
import { MAX_DOCUMENT_BYTES } from '../documents/errors.ts';
import { readFileBytes } from '../documents/source.ts';
import {
  type CommitResult,
  commitImport,
  correctImport,
  createImport,
  type MentionCorrection,
} from '../modules/imports/imports.service.ts';
import type { CliIo } from './main.ts';

/** Exit code for anything the import could not do: one line on stderr says why. */
const EXIT_FAILED = 2;

/**
 * Register `duban import FILE [--data DIR | --database URL]`: read and parse a plan document,
 * resolve its mentions against the office directory, create an office (kind 'other') for each
 * mention that does not resolve, and commit the plan — through the same service functions as
 * the HTTP import, acting as nobody (actor null).
 */
export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description(
      'import a work-plan document as a plan; mentions that match no office or group of the directory become new offices',
    )
    .argument('<file>', 'the document: plain text in UTF-8 or GB18030/GBK, or .docx')
    .option('--data <dir>', 'folder of the SQLite database (default ./data)')
    .option('--database <url>', 'a postgres:// URL to use PostgreSQL instead (default: env DATABASE_URL)')
    .action(async (file: string, options: { data?: string; database?: string }) => {
      try {
        const r = await importFile(file, storeOptions(options));
        io.stdout(
          `imported plan ${r.planId}: ${r.sections} sections, ${r.tasks} tasks, ${r.targets} targets, ${r.officesCreated} offices created\n`,
        );
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
        io.stderr(`duban: ${message}\n`);
        throw new CommanderError(EXIT_FAILED, 'duban.import', message);
      }
    });
}

function storeOptions(options: { data?: string; database?: string }): StoreOptions {
  if (options.database !== undefined) {
    if (!/^postgres(?:ql)?:\/\//u.test(options.database)) {
      throw new Error('--database must be a postgres:// URL');
    }
    return { databaseUrl: options.database };
  }
  // An explicit --data wins over DATABASE_URL in the environment.
  if (options.data !== undefined) return { dataDir: options.data };
  return { dataDir: 'data', databaseUrl: process.env.DATABASE_URL };
}

/** Import one file into the store; what was stored. */
export async function importFile(file: string, options: StoreOptions): Promise<CommitResult> {
  const bytes = await readFileBytes(file);
  const store = await openStore(options);
  try {
    const preview = await createImport(store.db, null, {
      bytes,
      fileName: basename(file),
      maxBytes: MAX_DOCUMENT_BYTES,
    });
    const mentions: Record<string, MentionCorrection> = {};
    for (const m of preview.mentions) {
      if (m.resolution.kind === 'unresolved') mentions[m.mention] = { create: { name: m.mention, kind: 'other' } };
    }
    // A document without a title still makes a plan: it is named after its file.
    const title = preview.plan.title.trim() === '' ? basename(file, extname(file)) : undefined;
    let version = preview.version;
    if (title !== undefined || Object.keys(mentions).length > 0) {
      version = (await correctImport(store.db, null, { id: preview.id, version, title, mentions })).version;
    }
    return await commitImport(store.db, null, { id: preview.id, version });
  } finally {
    await store.close();
  }
}
