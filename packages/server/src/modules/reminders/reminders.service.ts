import { type Clock, chinaToday, isIsoDate, nowIso, systemClock, workingDaysBetween } from '@duban/core';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Database } from '../../db/schema.ts';
import { WEBHOOK_FORMATS, type WebhookFormat } from '../../db/tables/reminders.ts';
import { isHandedIn } from '../../db/tables/reports.ts';
import type { SessionUser } from '../../http/access.ts';
import { AppError, notFound, staleVersion, type Words } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { isUniqueViolation } from '../offices/offices.repository.ts';
import { DEFAULT_SETTINGS, findPlanHead, findSettings, loadStatusData } from '../status/status.repository.ts';
import { owedReports } from '../status/status.service.ts';
import { orderOverdueMessage, reportDueMessage, reportLateMessage, webhookBody } from './messages.ts';
import {
  countUnread,
  deleteWebhook,
  findNotification,
  findWebhook,
  insertDelivery,
  insertNotification,
  insertWebhook,
  insertWebhookTest,
  listNotifications as listNotificationRows,
  listOverdueOrders,
  listPlansForReminders,
  listWebhooks as listWebhookRows,
  markAllNotificationsRead,
  markNotificationRead,
  type Notification,
  notificationExists,
  officeExists,
  officeNames,
  updateWebhook,
  type Webhook,
  type WebhookTest,
  webhooksFor,
} from './reminders.repository.ts';

export type { Notification, Webhook, WebhookTest } from './reminders.repository.ts';
export type ReminderActor = Pick<SessionUser, 'id' | 'role' | 'officeId'>;

/** Posts a JSON body to a URL; resolves to the HTTP status, rejects when no answer came. */
export type Send = (url: string, body: unknown) => Promise<number>;

/** A report is "due soon" this many working days before its due date, or fewer. */
const DUE_SOON_WORKING_DAYS = 3;

/** POST with global fetch, giving up after five seconds. */
export const fetchSend: Send = async (url, body) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  await r.arrayBuffer().catch(() => undefined);
  return r.status;
};

export interface RunCounts {
  readonly date: string;
  /** Notifications written by this run (those already written on an earlier run are not). */
  readonly created: number;
  readonly dueSoon: number;
  readonly late: number;
  readonly overdueOrders: number;
  readonly delivered: number;
  readonly failed: number;
}

type Draft = Omit<Notification, 'id' | 'createdAt' | 'readAt' | 'userId'>;

/** Reports due soon and late in every plan, on `today`, owed as the status owes them (owedReports). */
async function reportDrafts(db: Kysely<Database>, today: string, names: Map<string, string>): Promise<Draft[]> {
  const drafts: Draft[] = [];
  for (const plan of await listPlansForReminders(db)) {
    const head = await findPlanHead(db, plan.id);
    if (!head) continue;
    const settings = (await findSettings(db, plan.id)) ?? { ...DEFAULT_SETTINGS };
    const year = head.year ?? Number(today.slice(0, 4));
    const data = await loadStatusData(db, plan.id, { year, date: today });
    for (const { taskId, slots } of owedReports({ plan: head, settings, data, year, date: today }).tasks) {
      const task = plan.tasks.get(taskId);
      if (!task) continue;
      for (const { officeId, period: p, report: r, allowed: last } of slots) {
        if (r !== undefined && isHandedIn(r.status)) continue;
        const allowed = last.date;
        const words = {
          officeName: names.get(officeId) ?? officeId,
          planTitle: plan.title,
          taskNumber: task.number,
          taskTitle: task.title,
          periodKey: p.key,
          due: allowed,
        };
        const base = { officeId, subjectId: taskId, periodKey: p.key };
        if (today > allowed) {
          // A returned report is with its office already; the status does not count it late either.
          if (r?.status !== 'returned')
            drafts.push({ ...base, kind: 'report-late', message: reportLateMessage(words) });
        } else if (workingDaysBetween(today, allowed) <= DUE_SOON_WORKING_DAYS) {
          drafts.push({ ...base, kind: 'report-due', message: reportDueMessage(words) });
        }
      }
    }
  }
  return drafts;
}

/**
 * The daily reminder job for `today` (China's date by default): writes a notification for each
 * report due within three working days and not handed in, each late report and each open
 * supervision order past its deadline (to its lead office), skipping those written on an earlier
 * run, then posts each new one to the enabled webhooks of its office and of the plan office
 * through `send`. Every post is recorded as a delivery; a failed one never fails the run.
 */
export async function runDailyReminders(
  db: Kysely<Database>,
  props: { today?: string | undefined; send?: Send | undefined; clock: Clock },
): Promise<RunCounts> {
  const today = props.today ?? chinaToday(props.clock);
  if (!isIsoDate(today)) {
    throw new AppError(
      'bad-input',
      { en: `"${today}" is not a date like 2007-07-20`, zh: `“${today}”不是有效日期,应写作 2007-07-20 的形式` },
      'date',
    );
  }
  const send = props.send ?? fetchSend;
  const names = await officeNames(db);
  const drafts = await reportDrafts(db, today, names);
  let overdueOrders = 0;
  for (const o of await listOverdueOrders(db, today)) {
    overdueOrders += 1;
    drafts.push({
      kind: 'order-overdue',
      officeId: o.leadOfficeId,
      subjectId: o.id,
      // The deadline missed: a new deadline that passes reminds again.
      periodKey: o.deadline,
      message: orderOverdueMessage({
        officeName: names.get(o.leadOfficeId) ?? o.leadOfficeId,
        subject: o.subject,
        deadline: o.deadline,
      }),
    });
  }

  const created = await db.transaction().execute(async (trx) => {
    const now = nowIso(props.clock);
    const written: Notification[] = [];
    for (const d of drafts) {
      if (await notificationExists(trx, d)) continue;
      const n: Notification = { ...d, id: newId(), userId: null, createdAt: now, readAt: null };
      try {
        await insertNotification(trx, n);
      } catch (error) {
        // A run at the same time wrote it: on PostgreSQL the transaction is then spoilt, so rethrow.
        if (isUniqueViolation(error)) {
          throw new AppError('conflict', {
            en: 'Another reminder run is writing; try again',
            zh: '另一次提醒任务正在写入,请稍后重试',
          });
        }
        throw error;
      }
      written.push(n);
    }
    return written;
  });

  // Posts go out after the commit: no transaction is held open across the network.
  let delivered = 0;
  let failed = 0;
  for (const n of created) {
    for (const w of await webhooksFor(db, n.officeId)) {
      let status: number | null = null;
      let error: string | null = null;
      try {
        status = await send(w.url, webhookBody(w.format, n.message));
        if (status < 200 || status >= 300) error = `HTTP ${status}`;
      } catch (e) {
        error = e instanceof Error ? e.message.slice(0, 500) : String(e).slice(0, 500);
      }
      if (error === null) delivered += 1;
      else failed += 1;
      await insertDelivery(db, {
        id: newId(),
        webhookId: w.id,
        notificationId: n.id,
        at: nowIso(props.clock),
        status,
        error,
      });
    }
  }
  return {
    date: today,
    created: created.length,
    dueSoon: created.filter((n) => n.kind === 'report-due').length,
    late: created.filter((n) => n.kind === 'report-late').length,
    overdueOrders,
    delivered,
    failed,
  };
}

/** Run the daily job now (administrators), optionally as of another date. */
export async function runRemindersAs(
  db: Kysely<Database>,
  actor: ReminderActor,
  props: { date?: string | undefined; send?: Send | undefined; clock: Clock },
): Promise<RunCounts> {
  requireAdmin(actor);
  return runDailyReminders(db, { today: props.date, send: props.send, clock: props.clock });
}

/** Notifications newest first: a reporter's office's only, everyone else's all. */
export async function listNotifications(
  db: Kysely<Database>,
  actor: ReminderActor,
  props: { unread: boolean },
): Promise<Notification[]> {
  if (actor.role === 'reporter' && actor.officeId === null) return [];
  return listNotificationRows(db, {
    officeId: actor.role === 'reporter' ? (actor.officeId as string) : undefined,
    unread: props.unread,
    limit: 500,
  });
}

/** How many of the notifications the actor sees are unread (the list stops at 500; this does not). */
export async function unreadCount(db: Kysely<Database>, actor: ReminderActor): Promise<number> {
  if (actor.role === 'reporter' && actor.officeId === null) return 0;
  return countUnread(db, { officeId: actor.role === 'reporter' ? (actor.officeId as string) : undefined });
}

/** Mark a notification read; a reporter only their office's. */
export async function readNotification(
  db: Kysely<Database>,
  actor: ReminderActor,
  id: string,
  clock: Clock = systemClock,
): Promise<Notification> {
  return db.transaction().execute(async (trx) => {
    const n = await findNotification(trx, id);
    if (!n || (actor.role === 'reporter' && (actor.officeId === null || n.officeId !== actor.officeId))) {
      throw notFound({ en: 'Notification', zh: '消息' });
    }
    await markNotificationRead(trx, n.id, nowIso(clock));
    return (await findNotification(trx, n.id)) as Notification;
  });
}

/** Mark every notification the actor sees read (全部标为已读): a reporter's office's, anyone else's all. */
export async function readAllNotifications(
  db: Kysely<Database>,
  actor: ReminderActor,
  clock: Clock = systemClock,
): Promise<{ count: number }> {
  if (actor.role === 'reporter' && actor.officeId === null) return { count: 0 };
  const count = await markAllNotificationsRead(
    db,
    { officeId: actor.role === 'reporter' ? (actor.officeId as string) : undefined },
    nowIso(clock),
  );
  return { count };
}

/** The chat apps by their Chinese names, for messages that list the formats. */
const FORMAT_NAMES_ZH: Record<WebhookFormat, string> = { wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书' };

const WEBHOOK: Words = { en: 'Webhook', zh: '群机器人' };
const STALE_WEBHOOK: Words = { en: 'The webhook', zh: '该群机器人' };
const NO_SUCH_OFFICE: Words = { en: 'No such office', zh: '找不到该单位' };

function requireAdmin(actor: ReminderActor): void {
  if (actor.role !== 'admin') {
    throw new AppError('forbidden', { en: 'Only an administrator manages reminders', zh: '只有管理员可以管理提醒' });
  }
}

function checkUrl(url: string): string {
  const u = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    throw new AppError('bad-input', { en: `"${u}" is not a web address`, zh: `“${u}”不是有效的网址` }, 'url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError(
      'bad-input',
      { en: 'A webhook address starts with http:// or https://', zh: '群机器人地址应以 http:// 或 https:// 开头' },
      'url',
    );
  }
  return u;
}

function checkFormat(format: string): WebhookFormat {
  if (!(WEBHOOK_FORMATS as readonly string[]).includes(format)) {
    throw new AppError(
      'bad-input',
      {
        en: `The format is one of ${WEBHOOK_FORMATS.join(', ')}`,
        zh: `格式须为以下之一:${WEBHOOK_FORMATS.map((f) => `${f}(${FORMAT_NAMES_ZH[f]})`).join('、')}`,
      },
      'format',
    );
  }
  return format as WebhookFormat;
}

/** Every webhook (administrators). */
export async function listWebhooks(db: Kysely<Database>, actor: ReminderActor): Promise<Webhook[]> {
  requireAdmin(actor);
  return listWebhookRows(db);
}

/** Add a webhook for an office, or for the plan office when officeId is null; audited. */
export async function createWebhook(
  db: Kysely<Database>,
  actor: ReminderActor,
  props: { officeId?: string | null | undefined; format: string; url: string; enabled?: boolean | undefined },
  clock: Clock = systemClock,
): Promise<Webhook> {
  requireAdmin(actor);
  const w: Webhook = {
    id: newId(),
    officeId: props.officeId ?? null,
    format: checkFormat(props.format),
    url: checkUrl(props.url),
    enabled: props.enabled ?? true,
    version: 1,
    createdAt: nowIso(clock),
  };
  return db.transaction().execute(async (trx) => {
    if (w.officeId !== null && !(await officeExists(trx, w.officeId))) {
      throw new AppError('bad-input', NO_SUCH_OFFICE, 'officeId');
    }
    await insertWebhook(trx, w);
    await insertAudit(trx, { userId: actor.id, action: 'create', entity: 'webhook', entityId: w.id, after: w });
    return w;
  });
}

/** Change a webhook with the version read; audited. */
export async function changeWebhook(
  db: Kysely<Database>,
  actor: ReminderActor,
  props: {
    id: string;
    version: number;
    officeId?: string | null | undefined;
    format?: string | undefined;
    url?: string | undefined;
    enabled?: boolean | undefined;
  },
): Promise<Webhook> {
  requireAdmin(actor);
  return db.transaction().execute(async (trx) => {
    const before = await findWebhook(trx, props.id);
    if (!before) throw notFound(WEBHOOK);
    if (before.version !== props.version) throw staleVersion(STALE_WEBHOOK);
    const after: Webhook = {
      ...before,
      officeId: props.officeId === undefined ? before.officeId : props.officeId,
      format: props.format === undefined ? before.format : checkFormat(props.format),
      url: props.url === undefined ? before.url : checkUrl(props.url),
      enabled: props.enabled ?? before.enabled,
      version: before.version + 1,
    };
    if (after.officeId !== null && !(await officeExists(trx, after.officeId))) {
      throw new AppError('bad-input', NO_SUCH_OFFICE, 'officeId');
    }
    if (!(await updateWebhook(trx, after, before.version))) throw staleVersion(STALE_WEBHOOK);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'update',
      entity: 'webhook',
      entityId: after.id,
      before,
      after,
    });
    return after;
  });
}

/** Remove a webhook and its deliveries; audited. */
export async function removeWebhook(db: Kysely<Database>, actor: ReminderActor, id: string): Promise<void> {
  requireAdmin(actor);
  await db.transaction().execute(async (trx) => {
    const before = await findWebhook(trx, id);
    if (!before) throw notFound(WEBHOOK);
    await deleteWebhook(trx, id);
    await insertAudit(trx, { userId: actor.id, action: 'delete', entity: 'webhook', entityId: id, before });
  });
}

/** The text of a group robot's test message. */
export function testMessage(officeName: string | null): string {
  return `【督办提醒】测试消息:督办平台已连接${officeName ? `${officeName}的` : ''}群机器人,提醒将发到这里。`;
}

/**
 * Post a test message to one webhook now (administrators), paused or not, and record how it
 * went; a failure is an answer (ok: false), not an error.
 */
export async function testWebhook(
  db: Kysely<Database>,
  actor: ReminderActor,
  props: { id: string; send?: Send | undefined },
  clock: Clock = systemClock,
): Promise<WebhookTest & { ok: boolean }> {
  requireAdmin(actor);
  const w = await findWebhook(db, props.id);
  if (!w) throw notFound(WEBHOOK);
  const name = w.officeId === null ? null : ((await officeNames(db)).get(w.officeId) ?? null);
  let status: number | null = null;
  let error: string | null = null;
  try {
    status = await (props.send ?? fetchSend)(w.url, webhookBody(w.format, testMessage(name)));
    if (status < 200 || status >= 300) error = `HTTP ${status}`;
  } catch (e) {
    error = e instanceof Error ? e.message.slice(0, 500) : String(e).slice(0, 500);
  }
  const test: WebhookTest = {
    id: newId(),
    webhookId: w.id,
    userId: actor.id,
    at: nowIso(clock),
    status,
    error,
  };
  await db.transaction().execute(async (trx) => {
    await insertWebhookTest(trx, test);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'create',
      entity: 'webhook_test',
      entityId: test.id,
      after: test,
    });
  });
  return { ...test, ok: error === null };
}
