import { basename, extname } from 'node:path';
import { type Command, CommanderError } from 'commander';
import type { Kysely } from 'kysely';
import { openStore, type StoreOptions } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
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
import { addStoreOptions, storeOptionsOf } from './store-options.ts';

/** Exit code for anything the import could not do: one line on stderr says why. */
const EXIT_FAILED = 2;

/**
 * Register `duban import FILE [--data DIR | --database URL]`: read and parse a plan document,
 * resolve its mentions against the office directory, create an office (kind 'other') for each
 * mention that does not resolve, and commit the plan — through the same service functions as
 * the HTTP import, acting as nobody (actor null).
 */
export function registerImportCommand(program: Command, io: CliIo): void {
  const command = program
    .command('import')
    .description(
      'import a work-plan document as a plan; mentions that match no office or group of the directory become new offices',
    )
    .argument('<file>', 'the document: plain text in UTF-8 or GB18030/GBK, or .docx');
  addStoreOptions(command).action(async (file: string, options: { data?: string; database?: string }) => {
    try {
      const r = await importFile(file, storeOptionsOf(options));
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

/** Import one file into the store; what was stored. */
export async function importFile(file: string, options: StoreOptions): Promise<CommitResult> {
  const bytes = await readFileBytes(file);
  const store = await openStore(options);
  try {
    return await importDocument(store.db, { bytes, fileName: basename(file) });
  } finally {
    await store.close();
  }
}

/**
 * Import a document with nobody to correct the preview: every unresolved mention becomes a new
 * office (kind 'other') and a plan without a title is named after its file.
 */
export async function importDocument(
  db: Kysely<Database>,
  props: { readonly bytes: Uint8Array; readonly fileName: string },
): Promise<CommitResult> {
  const preview = await createImport(db, null, { ...props, maxBytes: MAX_DOCUMENT_BYTES });
  const mentions: Record<string, MentionCorrection> = {};
  for (const m of preview.mentions) {
    if (m.resolution.kind === 'unresolved') mentions[m.mention] = { create: { name: m.mention, kind: 'other' } };
  }
  const title = preview.plan.title.trim() === '' ? basename(props.fileName, extname(props.fileName)) : undefined;
  let version = preview.version;
  if (title !== undefined || Object.keys(mentions).length > 0) {
    version = (await correctImport(db, null, { id: preview.id, version, title, mentions })).version;
  }
  // Running the import is the confirmation: a plan imported before is imported again, as asked.
  return commitImport(db, null, { id: preview.id, version, confirmDuplicate: true });
}
