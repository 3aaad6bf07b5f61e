import type { Command } from 'commander';
import { openStore, type Store } from '../db/connect.ts';
import { ROLES, type Role } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { PASSWORD_MIN } from '../modules/auth/passwords.ts';
import { createUser, findOfficeId } from '../modules/users/users.service.ts';
import type { CliIo } from './main.ts';
import { addStoreOptions, storeOptionsOf } from './store-options.ts';

/** Exit code for a command line or input the command cannot use (as for `duban parse`). */
const EXIT_BAD_INPUT = 2;
/** Passwords are short; a larger standard input is a mistake such as a piped file. */
const PASSWORD_STDIN_MAX = 4096;

interface AddOptions {
  role: string;
  office?: string;
  displayName?: string;
  passwordStdin?: boolean;
  data?: string;
  database?: string;
}

/**
 * Add `duban user add NAME --role ROLE [--office OFFICE] --password-stdin [--data DIR |
 * --database URL]` to the program: creates an account (audited with no actor) and prints its id.
 */
export function registerUserCommand(program: Command, io: CliIo): void {
  const user = program.command('user').description('manage accounts');
  const add = user
    .command('add')
    .description('create an account; the password is read from standard input')
    .argument('<name>', 'the username: 2 to 50 letters, digits, Chinese characters, or _ . -')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--office <office>', "the user's office, by its exact name or id (required for a reporter)")
    .option('--display-name <name>', 'the name shown in the app (default: the username)')
    .option('--password-stdin', 'read the password from standard input (one line)');
  addStoreOptions(add);
  add.action(async (name: string, options: AddOptions) => {
    // Typed as a never-returning function so that the checks below narrow the values they test.
    const fail: (message: string) => never = (message) => add.error(`duban: ${message}`, { exitCode: EXIT_BAD_INPUT });
    if (!(ROLES as readonly string[]).includes(options.role)) {
      fail(`unknown role "${options.role}": use one of ${ROLES.join(', ')}`);
    }
    if (!options.passwordStdin) fail('give the password on standard input and pass --password-stdin');
    const password = await readPassword(io.stdin);
    if (password === null) fail('the password on standard input is too long');
    if (password.length < PASSWORD_MIN) fail(`the password must have at least ${PASSWORD_MIN} characters`);
    if (/[\r\n]/u.test(password)) fail('the password must be one line');
    let store: Store;
    try {
      store = await openStore(storeOptionsOf(options));
    } catch (error) {
      return fail(`cannot open the database: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      let officeId: string | null = null;
      if (options.office !== undefined) {
        officeId = await findOfficeId(store.db, options.office);
        if (officeId === null) fail(`no office is named "${options.office}" or has that id`);
      }
      const created = await createUser(store.db, null, {
        username: name,
        displayName: options.displayName ?? name,
        role: options.role as Role,
        officeId,
        password,
      });
      io.stdout(`${created.id}\n`);
    } catch (error) {
      if (error instanceof AppError) fail(error.message);
      throw error;
    } finally {
      await store.close();
    }
  });
}

/** Standard input without its final line ending; null when it is too long to be a password. */
async function readPassword(stdin: CliIo['stdin']): Promise<string | null> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    size += chunk.length;
    if (size > PASSWORD_STDIN_MAX) return null;
    parts.push(chunk);
  }
  return Buffer.concat(parts)
    .toString('utf8')
    .replace(/\r?\n$/u, '');
}
