import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as initial from './migrations/001-initial.ts';
import * as revisions from './migrations/002-revisions.ts';
import * as reports from './migrations/003-reports.ts';
import * as ledgers from './migrations/004-ledgers.ts';
import * as cadence from './migrations/005-cadence.ts';
import * as reminders from './migrations/006-reminders.ts';
import * as dashboard from './migrations/007-dashboard.ts';
import * as officeTrend from './migrations/008-office-trend.ts';
import * as reportMissingFigures from './migrations/009-report-missing-figures.ts';
import * as eventNotifications from './migrations/010-event-notifications.ts';
import * as idempotencyProblemPlans from './migrations/013-idempotency-problem-plans.ts';
import * as taskCadence from './migrations/014-task-cadence.ts';
import * as planOffice from './migrations/015-plan-office.ts';
import * as targetFit from './migrations/016-target-fit.ts';
import * as milestones from './migrations/017-milestones.ts';
import * as rosters from './migrations/018-rosters.ts';
import * as taskSource from './migrations/019-task-source.ts';

/** Migrations are listed here, not read from a folder, so they work however the code is run. */
const provider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '001-initial': initial,
      '002-revisions': revisions,
      '003-reports': reports,
      '004-ledgers': ledgers,
      '005-cadence': cadence,
      '006-reminders': reminders,
      '007-dashboard': dashboard,
      '008-office-trend': officeTrend,
      '009-report-missing-figures': reportMissingFigures,
      '010-event-notifications': eventNotifications,
      '013-idempotency-problem-plans': idempotencyProblemPlans,
      '015-plan-office': planOffice,
      '018-rosters': rosters,
      '017-milestones': milestones,
      '016-target-fit': targetFit,
      '019-task-source': taskSource,
      '014-task-cadence': taskCadence,
    };
  },
};

/** Bring the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<unknown>, pgSchema?: string): Promise<void> {
  // On PostgreSQL Kysely looks for its own tables in any schema: name ours, or a test in one
  // schema would find another schema's migration table and skip creating its own.
  const migrator = new Migrator({ db, provider, ...(pgSchema ? { migrationTableSchema: pgSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${String(error)}`);
  }
}
