/** Tables of notifications and outgoing webhooks (issue 5), written by the reminders module. */

/** What the daily reminder job writes, once per subject, office and period. */
export const DAILY_NOTIFICATION_KINDS = ['report-due', 'report-late', 'order-overdue'] as const;
/** What an event writes to the office it happened to, each time it happens. */
export const EVENT_NOTIFICATION_KINDS = [
  'report-returned',
  'report-accepted',
  'order-issued',
  'order-urged',
  'order-returned',
  'exception-granted',
] as const;
export const NOTIFICATION_KINDS = [...DAILY_NOTIFICATION_KINDS, ...EVENT_NOTIFICATION_KINDS] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const WEBHOOK_FORMATS = ['wecom', 'dingtalk', 'feishu'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * A reminder the daily job wrote, or the word of an event. The daily job's kinds are unique on
 * (kind, subject_id, office_id, period_key), so that running the job twice on a day writes (and
 * posts) nothing new; an event's may repeat.
 */
export interface NotificationTable {
  id: string;
  /** The office reminded; null for the plan office (everyone). */
  office_id: string | null;
  /** A single user reminded, when there is one; null for the whole office. */
  user_id: string | null;
  kind: NotificationKind;
  /**
   * What it is about: the task (report reminders), the report (report events), the supervision
   * order (orders), the plan (an exception granted).
   */
  subject_id: string;
  /** The report's period key; for an overdue order the deadline missed (ISO date); null for order events. */
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

/** A test message posted to one group robot by hand, successful or not. */
export interface WebhookTestTable {
  id: string;
  webhook_id: string;
  /** Who sent it. */
  user_id: string | null;
  at: string;
  /** The HTTP status answered; null when no answer came. */
  status: number | null;
  /** Why it failed; null when it succeeded. */
  error: string | null;
}

export interface ReminderTables {
  notifications: NotificationTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_tests: WebhookTestTable;
}
