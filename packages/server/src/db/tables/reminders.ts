/** Tables of notifications and outgoing webhooks (issue 5), written by the reminders module. */

export const NOTIFICATION_KINDS = ['report-due', 'report-late', 'order-overdue'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const WEBHOOK_FORMATS = ['wecom', 'dingtalk', 'feishu'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * A reminder the daily job wrote. Unique on (kind, subject_id, office_id, period_key), so that
 * running the job twice on a day writes (and posts) nothing new.
 */
export interface NotificationTable {
  id: string;
  /** The office reminded; null for the plan office (everyone). */
  office_id: string | null;
  /** A single user reminded, when there is one; null for the whole office. */
  user_id: string | null;
  kind: NotificationKind;
  /** The task (reports) or the supervision order (orders) it is about. */
  subject_id: string;
  /** The report's period key; for an overdue order the deadline missed (ISO date). */
  period_key: string | null;
  /** The text shown and posted, in Chinese. */
  message: string;
  created_at: string;
  read_at: string | null;
}

/** A group robot the reminders are posted to: an office's own, or the plan office's (office_id null). */
export interface WebhookTable {
  id: string;
  office_id: string | null;
  format: WebhookFormat;
  url: string;
  /** 1 when posts go out, 0 when paused. */
  enabled: number;
  version: number;
  created_at: string;
}

/** One post of a notification to a webhook, successful or not. */
export interface WebhookDeliveryTable {
  id: string;
  webhook_id: string;
  notification_id: string;
  at: string;
  /** The HTTP status answered; null when no answer came (network error, timeout). */
  status: number | null;
  /** Why it failed; null when it succeeded. */
  error: string | null;
}

export interface ReminderTables {
  notifications: NotificationTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
}
