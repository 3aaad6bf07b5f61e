import type { Plan } from '@duban/core';
import { Command, CommanderError } from 'commander';
import { DocumentError } from '../documents/errors.ts';
import { parseDocument, readDocument } from '../documents/read.ts';
import { readFileBytes, readStreamBytes } from '../documents/source.ts';
import { CliError } from './errors.ts';
import { renderPlan } from './render.ts';

/** Where the command reads and writes, so that tests can run it in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/** Exit code for input the command cannot use: a bad document or a wrong command line. */
const EXIT_BAD_INPUT = 2;

/**
 * Run `duban` with the arguments after the program name; resolves to the exit code: 0 on
 * success, 2 for a document that cannot be read or a wrong command line (one line on stderr).
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await (await buildProgram(io, argv)).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already written its own message (or the help it was asked for).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    if (!(error instanceof DocumentError) && !(error instanceof CliError)) throw error;
    io.stderr(`duban: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
}

/** Run `duban` on this process's arguments and streams; resolves to the exit code. */
export function main(): Promise<number> {
  // `duban parse x --json | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  return run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: process.stdin,
  });
}

/**
 * The program. `duban parse` loads only the parser and the document readers: it is run once per
 * document by evaluation scripts, and must not pay for (or depend on) the server's modules.
 */
async function buildProgram(io: CliIo, argv: readonly string[]): Promise<Command> {
  const program = new Command('duban')
    .description('Duban (督办): run a district work plan (工作要点) from document to year-end assessment')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program
    .command('parse')
    .description('read a work-plan document (plain text in UTF-8 or GB18030/GBK, or .docx) and show the plan')
    .argument('<file>', 'the document; - reads standard input')
    .option('--json', 'print the plan as JSON instead of a tree')
    .action(async (file: string, options: { json?: boolean }) => {
      const plan = await parseFile(file, io);
      io.stdout(options.json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan));
    });
  if (argv[0] === 'parse') return program;
  const [backup, serve, demo, user, importCommand, remind] = await Promise.all([
    import('./backup.ts'),
    import('./serve.ts'),
    import('./demo.ts'),
    import('./user.ts'),
    import('./import.ts'),
    import('./remind.ts'),
  ]);
  backup.registerBackupCommands(program, io);
  serve.registerServeCommand(program, io);
  demo.registerDemoCommand(program, io);
  user.registerUserCommand(program, io);
  importCommand.registerImportCommand(program, io);
  remind.registerRemindCommand(program, io);
  return program;
}

async function parseFile(file: string, io: CliIo): Promise<Plan> {
  const fromStdin = file === '-';
  const bytes = fromStdin ? await readStreamBytes(io.stdin) : await readFileBytes(file);
  return parseDocument(await readDocument(bytes, fromStdin ? 'standard input' : file));
}
