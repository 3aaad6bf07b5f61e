import { periodLabel } from '@duban/core';
import type { WebhookFormat } from '../../db/tables/reminders.ts';

export interface ReportReminder {
  readonly officeName: string;
  readonly planTitle: string;
  readonly taskNumber: string;
  readonly taskTitle: string;
  readonly periodKey: string;
  readonly due: string;
}

/** 将于…到期: a report not yet handed in whose due date is close. */
export function reportDueMessage(r: ReportReminder): string {
  return `【督办提醒】${r.officeName}:《${r.planTitle}》第${r.taskNumber}项“${r.taskTitle}”${periodLabel(r.periodKey)}进展将于${r.due}到期,请按时报送。`;
}

/** 已逾期: a report still missing after its due date. */
export function reportLateMessage(r: ReportReminder): string {
  return `【督办提醒】${r.officeName}:《${r.planTitle}》第${r.taskNumber}项“${r.taskTitle}”${periodLabel(r.periodKey)}进展已于${r.due}到期,尚未报送,请尽快报送。`;
}

/** An open supervision order past its deadline, to its lead office. */
export function orderOverdueMessage(o: { officeName: string; subject: string; deadline: string }): string {
  return `【督办提醒】${o.officeName}:督办单“${o.subject}”办理期限${o.deadline}已过,尚未办结,请尽快办理并反馈。`;
}

/**
 * The JSON body a group robot takes for a plain text message: WeCom (企业微信) and DingTalk
 * (钉钉) share one shape, Feishu (飞书) has its own.
 */
export function webhookBody(format: WebhookFormat, text: string): unknown {
  switch (format) {
    case 'wecom':
    case 'dingtalk':
      return { msgtype: 'text', text: { content: text } };
    case 'feishu':
      return { msg_type: 'text', content: { text } };
  }
}
