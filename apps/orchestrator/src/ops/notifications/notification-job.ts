import { createHash } from 'node:crypto';
import type { Notification } from './notification.js';

/**
 * One delivery of one notification to one webhook. The webhook is named by a hash of its URL, never
 * the URL itself: webhook URLs often carry a secret (Slack's do), and job data is visible in Redis
 * and on the dashboard. A URL no longer configured is not delivered to.
 */
export interface NotificationJobData {
  webhook: string;
  notification: Notification;
}

export function webhookId(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

/** A webhook URL for logs: its origin only (the path may be a secret). */
export function webhookLabel(url: string): string {
  return new URL(url).origin;
}

export function parseNotificationJobData(raw: unknown): NotificationJobData {
  const data = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof data.webhook !== 'string' || !/^[0-9a-f]{16}$/.test(data.webhook)) {
    throw new Error('webhook is missing or invalid');
  }
  const notification = data.notification as Record<string, unknown> | undefined;
  if (typeof notification !== 'object' || notification === null || typeof notification.event !== 'string') {
    throw new Error('notification is missing or invalid');
  }
  return data as unknown as NotificationJobData;
}
