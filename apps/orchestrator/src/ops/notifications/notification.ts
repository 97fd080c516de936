import type {
  BackupFinishedEvent,
  CoordinatedFinishedEvent,
  RestoreFinishedEvent,
} from '../../backup/backup-events.js';
import type { NotifyEvent } from '../../core/config/orchestrator-config.js';
import type { FreshnessVerdict } from '../health/backup-freshness.js';

/** The JSON body of a notification (contract §8); times are ISO-8601, absent facts null. */
export interface Notification {
  event: NotifyEvent;
  /** optimize, operate, tasklist, webapps, coordinated, or restore (a restore of backup `backupId`). */
  component: string;
  backupId: string | null;
  /** COMPLETED or FAILED; STALE for a stale notification. */
  state: string;
  failureReason: string | null;
  acceptedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

/** The notification of an ended backup or restore; undefined for a cancelled backup (nothing to tell). */
export function finishedNotification(
  component: string,
  event: BackupFinishedEvent | CoordinatedFinishedEvent | RestoreFinishedEvent,
): Notification | undefined {
  if (event.outcome === 'CANCELLED') return undefined;
  return {
    event: event.outcome === 'COMPLETED' ? 'success' : 'failure',
    component,
    backupId: event.backupId,
    state: event.outcome,
    failureReason: event.outcome === 'FAILED' ? (event.reason ?? null) : null,
    acceptedAt: iso(event.acceptedAt),
    finishedAt: iso(event.finishedAt),
    durationMs: event.durationMs ?? null,
  };
}

/** The notification that a component's freshness went DOWN. */
export function staleNotification(component: string, verdict: FreshnessVerdict): Notification {
  return {
    event: 'stale',
    component,
    backupId: verdict.details.newestCompletedBackupId,
    state: 'STALE',
    failureReason: verdict.details.message ?? null,
    acceptedAt: null,
    finishedAt: verdict.details.completedAt,
    durationMs: null,
  };
}

/** The request body in NOTIFY_WEBHOOK_FORMAT: the notification itself, or Slack's `{"text"}` with one readable line. */
export function webhookBody(notification: Notification, format: 'json' | 'slack'): string {
  if (format === 'json') return JSON.stringify(notification);
  return JSON.stringify({ text: slackLine(notification) });
}

function slackLine(n: Notification): string {
  const subject = n.component === 'restore' ? `Restore of backup ${n.backupId}` : `${n.component} backup`;
  if (n.event === 'stale') {
    const newest = n.backupId ? ` (newest COMPLETED: ${n.backupId} at ${n.finishedAt})` : '';
    return `:warning: ${n.component} backups are stale: ${n.failureReason ?? 'no recent COMPLETED backup'}${newest}`;
  }
  const what = n.component === 'restore' ? subject : `${subject} ${n.backupId}`;
  const took = n.durationMs === null ? '' : ` after ${formatDuration(n.durationMs)}`;
  if (n.event === 'success') return `:white_check_mark: ${what} COMPLETED${took}`;
  return `:x: ${what} FAILED${took}: ${n.failureReason ?? 'no reason recorded'}`;
}

/** 950 ms → "0.95 s", 75 000 ms → "1 min 15 s", 2 h 5 min → "2 h 5 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (ms < 60_000) return `${Math.round(ms / 10) / 100} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}
