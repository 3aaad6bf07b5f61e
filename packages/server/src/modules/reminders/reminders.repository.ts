import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { NotificationKind, WebhookFormat } from '../../db/tables/reminders.ts';

/** A notification as the API shows it. */
export interface Notification {
  readonly id: string;
  readonly officeId: string | null;
  readonly userId: string | null;
  readonly kind: NotificationKind;
  readonly subjectId: string;
  readonly periodKey: string | null;
  readonly message: string;
  readonly createdAt: string;
  readonly readAt: string | null;
}

/** A webhook as the API shows it. */
export interface Webhook {
  readonly id: string;
  readonly officeId: string | null;
  readonly format: WebhookFormat;
  readonly url: string;
  readonly enabled: boolean;
  readonly version: number;
  readonly createdAt: string;
}

export interface Delivery {
  readonly id: string;
  readonly webhookId: string;
  readonly notificationId: string;
  readonly at: string;
  readonly status: number | null;
  readonly error: string | null;
}

type NotificationRow = Database['notifications'];
type WebhookRow = Database['webhooks'];

function toNotification(r: NotificationRow): Notification {
  return {
    id: r.id,
    officeId: r.office_id,
    userId: r.user_id,
    kind: r.kind,
    subjectId: r.subject_id,
    periodKey: r.period_key,
    message: r.message,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

function toWebhook(r: WebhookRow): Webhook {
  return {
    id: r.id,
    officeId: r.office_id,
    format: r.format,
    url: r.url,
    enabled: Number(r.enabled) === 1,
    version: Number(r.version),
    createdAt: r.created_at,
  };
}

/** Whether a notification with this key exists (NULLs match NULLs, unlike in the unique index). */
export async function notificationExists(
  db: Kysely<Database>,
  key: Pick<Notification, 'kind' | 'subjectId' | 'officeId' | 'periodKey'>,
): Promise<boolean> {
  let q = db
    .selectFrom('notifications')
    .select('id')
    .where('kind', '=', key.kind)
    .where('subject_id', '=', key.subjectId);
  q = key.officeId === null ? q.where('office_id', 'is', null) : q.where('office_id', '=', key.officeId);
  q = key.periodKey === null ? q.where('period_key', 'is', null) : q.where('period_key', '=', key.periodKey);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertNotification(db: Kysely<Database>, n: Notification): Promise<void> {
  await db
    .insertInto('notifications')
    .values({
      id: n.id,
      office_id: n.officeId,
      user_id: n.userId,
      kind: n.kind,
      subject_id: n.subjectId,
      period_key: n.periodKey,
      message: n.message,
      created_at: n.createdAt,
      read_at: n.readAt,
    })
    .execute();
}

/** Notifications newest first: of one office when `officeId` is given, else all. */
export async function listNotifications(
  db: Kysely<Database>,
  filter: { officeId?: string | undefined; unread: boolean; limit: number },
): Promise<Notification[]> {
  let q = db.selectFrom('notifications').selectAll();
  if (filter.officeId !== undefined) q = q.where('office_id', '=', filter.officeId);
  if (filter.unread) q = q.where('read_at', 'is', null);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(toNotification);
}

/** How many notifications are unread: of one office when `officeId` is given, else all. */
export async function countUnread(db: Kysely<Database>, filter: { officeId?: string | undefined }): Promise<number> {
  let q = db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('read_at', 'is', null);
  if (filter.officeId !== undefined) q = q.where('office_id', '=', filter.officeId);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findNotification(db: Kysely<Database>, id: string): Promise<Notification | null> {
  const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toNotification(row) : null;
}

/** Mark a notification read at `at` unless it already is. */
export async function markNotificationRead(db: Kysely<Database>, id: string, at: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
}

/** Mark every unread notification read at `at` (of one office when `officeId` is given); how many. */
export async function markAllNotificationsRead(
  db: Kysely<Database>,
  filter: { officeId?: string | undefined },
  at: string,
): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: at }).where('read_at', 'is', null);
  if (filter.officeId !== undefined) q = q.where('office_id', '=', filter.officeId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A test message posted to one group robot by hand. */
export interface WebhookTest {
  readonly id: string;
  readonly webhookId: string;
  readonly userId: string | null;
  readonly at: string;
  readonly status: number | null;
  readonly error: string | null;
}

export async function insertWebhookTest(db: Kysely<Database>, t: WebhookTest): Promise<void> {
  await db
    .insertInto('webhook_tests')
    .values({ id: t.id, webhook_id: t.webhookId, user_id: t.userId, at: t.at, status: t.status, error: t.error })
    .execute();
}

export async function listWebhookTests(db: Kysely<Database>, webhookId: string): Promise<WebhookTest[]> {
  const rows = await db
    .selectFrom('webhook_tests')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    webhookId: r.webhook_id,
    userId: r.user_id,
    at: r.at,
    status: r.status === null ? null : Number(r.status),
    error: r.error,
  }));
}

export async function listWebhooks(db: Kysely<Database>): Promise<Webhook[]> {
  const rows = await db.selectFrom('webhooks').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toWebhook);
}

export async function findWebhook(db: Kysely<Database>, id: string): Promise<Webhook | null> {
  const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toWebhook(row) : null;
}

/** The enabled webhooks a notification of `officeId` goes to: that office's and the plan office's. */
export async function webhooksFor(db: Kysely<Database>, officeId: string | null): Promise<Webhook[]> {
  const rows = await db
    .selectFrom('webhooks')
    .selectAll()
    .where('enabled', '=', 1)
    .where((eb) =>
      officeId === null
        ? eb('office_id', 'is', null)
        : eb.or([eb('office_id', 'is', null), eb('office_id', '=', officeId)]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toWebhook);
}

export async function insertWebhook(db: Kysely<Database>, w: Webhook): Promise<void> {
  await db
    .insertInto('webhooks')
    .values({
      id: w.id,
      office_id: w.officeId,
      format: w.format,
      url: w.url,
      enabled: w.enabled ? 1 : 0,
      version: w.version,
      created_at: w.createdAt,
    })
    .execute();
}

/** Write the webhook when the row is still at `version`; whether it was. */
export async function updateWebhook(db: Kysely<Database>, w: Webhook, version: number): Promise<boolean> {
  const r = await db
    .updateTable('webhooks')
    .set({ office_id: w.officeId, format: w.format, url: w.url, enabled: w.enabled ? 1 : 0, version: w.version })
    .where('id', '=', w.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteWebhook(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
}

export async function insertDelivery(db: Kysely<Database>, d: Delivery): Promise<void> {
  await db
    .insertInto('webhook_deliveries')
    .values({
      id: d.id,
      webhook_id: d.webhookId,
      notification_id: d.notificationId,
      at: d.at,
      status: d.status,
      error: d.error,
    })
    .execute();
}

export async function listDeliveries(db: Kysely<Database>, webhookId: string): Promise<Delivery[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    webhookId: r.webhook_id,
    notificationId: r.notification_id,
    at: r.at,
    status: r.status === null ? null : Number(r.status),
    error: r.error,
  }));
}

export async function officeNames(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('offices').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function officeExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('offices').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export interface PlanForReminders {
  readonly id: string;
  readonly title: string;
  readonly tasks: ReadonlyMap<string, { number: string; title: string }>;
}

/** Every plan with its tasks' numbers and titles, for wording report reminders. */
export async function listPlansForReminders(db: Kysely<Database>): Promise<PlanForReminders[]> {
  const plans = await db.selectFrom('plans').select(['id', 'title']).orderBy('created_at').orderBy('id').execute();
  const tasks = await db.selectFrom('tasks').select(['id', 'plan_id', 'number', 'title']).execute();
  return plans.map((p) => ({
    id: p.id,
    title: p.title,
    tasks: new Map(tasks.filter((t) => t.plan_id === p.id).map((t) => [t.id, { number: t.number, title: t.title }])),
  }));
}

/** Open (not closed) supervision orders past `today`, with what they are about. */
export async function listOverdueOrders(
  db: Kysely<Database>,
  today: string,
): Promise<{ id: string; leadOfficeId: string; deadline: string; subject: string }[]> {
  const rows = await db
    .selectFrom('orders')
    .leftJoin('tasks', 'tasks.id', 'orders.task_id')
    .leftJoin('problems', 'problems.id', 'orders.problem_id')
    .select([
      'orders.id',
      'orders.lead_office_id',
      'orders.deadline',
      'tasks.title as task_title',
      'problems.title as problem_title',
    ])
    .where('orders.state', '!=', 'closed')
    .orderBy('orders.deadline')
    .orderBy('orders.id')
    .execute();
  return rows
    .filter((r) => r.deadline.slice(0, 10) < today)
    .map((r) => ({
      id: r.id,
      leadOfficeId: r.lead_office_id,
      deadline: r.deadline.slice(0, 10),
      subject: r.problem_title ?? r.task_title ?? r.id,
    }));
}
