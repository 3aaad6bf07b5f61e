import { periodLabel } from '@duban/core';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Database } from '../../db/schema.ts';
import type { NotificationKind } from '../../db/tables/reminders.ts';
import { insertNotification } from './reminders.repository.ts';

/**
 * Notifications of events, written by the module where the event happens, in its transaction:
 * the event and the word of it are stored together or not at all. Each goes to the office the
 * event happened to (its users see it in 消息提醒); group robots get the daily job's reminders only.
 */

async function write(
  trx: Kysely<Database>,
  n: { kind: NotificationKind; officeId: string; subjectId: string; periodKey: string | null; message: string },
  /** When the event happened (the service's clock). */
  at: string,
): Promise<void> {
  await insertNotification(trx, {
    ...n,
    id: newId(),
    userId: null,
    createdAt: at,
    readAt: null,
  });
}

/** “,退回原因:…” when there is a comment, else nothing. */
const withComment = (label: string, comment: string | null | undefined) =>
  comment?.trim() ? `${label}:${comment.trim()}` : '';

async function officeName(trx: Kysely<Database>, id: string): Promise<string> {
  const row = await trx.selectFrom('offices').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? id;
}

/** A report returned to its office (by the plan office or the office above) or accepted. */
export async function notifyReportReviewed(
  trx: Kysely<Database>,
  props: {
    report: { id: string; officeId: string; taskId: string; periodKey: string };
    decision: 'returned' | 'accepted';
    comment: string | null;
    /** When it was reviewed. */
    at: string;
  },
): Promise<void> {
  const { report } = props;
  const task = await trx
    .selectFrom('tasks')
    .innerJoin('plans', 'plans.id', 'tasks.plan_id')
    .select(['tasks.number', 'tasks.title', 'plans.title as plan_title'])
    .where('tasks.id', '=', report.taskId)
    .executeTakeFirst();
  const office = await officeName(trx, report.officeId);
  const what = task
    ? `《${task.plan_title}》第${task.number}项“${task.title}”${periodLabel(report.periodKey)}的报送`
    : `${periodLabel(report.periodKey)}的报送`;
  const message =
    props.decision === 'returned'
      ? `【督办提醒】${office}:${what}被退回${withComment(',退回原因', props.comment)},请修改后重新提交。`
      : `【督办提醒】${office}:${what}已审核通过${withComment(',审核意见', props.comment)}。`;
  await write(
    trx,
    {
      kind: props.decision === 'returned' ? 'report-returned' : 'report-accepted',
      officeId: report.officeId,
      subjectId: report.id,
      periodKey: report.periodKey,
      message,
    },
    props.at,
  );
}

const ORDER_EVENTS = {
  issued: { kind: 'order-issued', offices: 'all' },
  urged: { kind: 'order-urged', offices: 'lead' },
  returned: { kind: 'order-returned', offices: 'lead' },
} as const;

/**
 * A supervision order issued (to its lead and supporting offices), urged or returned for more
 * handling (to its lead office).
 */
export async function notifyOrderEvent(
  trx: Kysely<Database>,
  props: {
    order: {
      id: string;
      leadOfficeId: string;
      supportOfficeIds: readonly string[];
      deadline: string;
      taskId: string | null;
      problemId: string | null;
    };
    event: keyof typeof ORDER_EVENTS;
    comment?: string | null | undefined;
    /** When the event happened. */
    at: string;
  },
): Promise<void> {
  const { order } = props;
  const rule = ORDER_EVENTS[props.event];
  const problem = order.problemId
    ? await trx.selectFrom('problems').select('title').where('id', '=', order.problemId).executeTakeFirst()
    : undefined;
  const task = order.taskId
    ? await trx.selectFrom('tasks').select('title').where('id', '=', order.taskId).executeTakeFirst()
    : undefined;
  const subject = problem?.title ?? task?.title ?? order.id;
  const deadline = order.deadline.slice(0, 10);
  const offices = rule.offices === 'all' ? [order.leadOfficeId, ...order.supportOfficeIds] : [order.leadOfficeId];
  for (const officeId of new Set(offices)) {
    const name = await officeName(trx, officeId);
    const role = officeId === order.leadOfficeId ? '牵头' : '协办';
    const message =
      props.event === 'issued'
        ? `【督办提醒】${name}:督办单“${subject}”已下发,由贵单位${role}办理,办理期限${deadline},请及时签收。`
        : props.event === 'urged'
          ? `【督办提醒】${name}:督办单“${subject}”被催办${withComment(',催办意见', props.comment)},办理期限${deadline},请抓紧办理并反馈。`
          : `【督办提醒】${name}:督办单“${subject}”的办结报告未通过核验,已退回继续办理${withComment(',退回原因', props.comment)}。`;
    await write(trx, { kind: rule.kind, officeId, subjectId: order.id, periodKey: null, message }, props.at);
  }
}

/** An office let hand in a period's reports late (补报例外). */
export async function notifyExceptionGranted(
  trx: Kysely<Database>,
  exception: { planId: string; officeId: string; periodKey: string; until: string; createdAt: string },
): Promise<void> {
  const plan = await trx.selectFrom('plans').select('title').where('id', '=', exception.planId).executeTakeFirst();
  const name = await officeName(trx, exception.officeId);
  await write(
    trx,
    {
      kind: 'exception-granted',
      officeId: exception.officeId,
      subjectId: exception.planId,
      periodKey: exception.periodKey,
      message: `【督办提醒】${name}:基层办已同意《${plan?.title ?? ''}》${periodLabel(exception.periodKey)}的报送补报,请于${exception.until}前完成报送。`,
    },
    exception.createdAt,
  );
}
