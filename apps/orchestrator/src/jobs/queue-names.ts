import type { SnapshotComponent } from '@app/snapshot-planning';
import type { JobState } from 'bullmq';

/** Every BullMQ queue of the daemon. */
export const COORDINATED_QUEUE = 'coordinated-backup';
export const RESTORE_QUEUE = 'restore';
export const SCHEDULE_QUEUE = 'backup-schedule';
/** Webhook deliveries (ops/notifications): retried with backoff while a receiver is down. */
export const NOTIFICATION_QUEUE = 'notification';

export function backupQueueName(component: SnapshotComponent): string {
  return `backup-${component}`;
}

/** Job states in which the daemon still has work to do for a job. */
export const PENDING_JOB_STATES: readonly JobState[] = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
];

export function isPending(state: JobState | 'unknown'): boolean {
  return (PENDING_JOB_STATES as readonly string[]).includes(state);
}

/** One restore job per backup ID; a finished one is replaced by the next request. */
export function restoreJobId(backupId: bigint | string): string {
  return `restore-${backupId}`;
}
