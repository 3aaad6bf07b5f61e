import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Store } from './db/connect.ts';
import { scheduleDailyReminders } from './modules/reminders/schedule.ts';

export interface ServeOptions {
  readonly store: Store;
  readonly port: number;
  readonly host: string;
  /** China time of day ('08:30') for the daily reminder job; null runs none (another instance or cron does). */
  readonly remindersAt: string | null;
}

/**
 * Listen with logs on, and close the app and the store on SIGINT/SIGTERM so that SQLite's
 * WAL is checkpointed and PostgreSQL connections are returned.
 */
export async function startServer(options: ServeOptions): Promise<FastifyInstance> {
  const app = await buildApp({ store: options.store, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  await app.listen({ port: options.port, host: options.host });
  const reminders =
    options.remindersAt === null
      ? null
      : scheduleDailyReminders(options.store.db, { at: options.remindersAt, log: app.log });
  const stop = async () => {
    reminders?.stop();
    await app.close();
    await options.store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return app;
}

/** The port a listening app is bound to (the one the system chose for port 0). */
export function boundPort(app: FastifyInstance, requested: number): number {
  const address = app.server.address();
  return typeof address === 'object' && address !== null ? address.port : requested;
}

/** The port from --port, else $PORT, else 3000. */
export function portOf(option: string | undefined): number {
  const raw = option ?? process.env.PORT ?? '3000';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port number: ${raw}`);
  return port;
}
