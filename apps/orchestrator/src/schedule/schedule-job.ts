/** The one BullMQ job scheduler of coordinated backups (BACKUP_SCHEDULE). */
export const SCHEDULER_ID = 'coordinated-backup-schedule';
export const SCHEDULED_JOB_NAME = 'scheduled-backup';
/** Its name on `/api/v1/schedules`. */
export const SCHEDULE_NAME = 'coordinated';
/** BACKUP_SCHEDULE is read in this time zone. */
export const SCHEDULE_TIME_ZONE = 'UTC';

/** One run of the schedule (a tick or "run now"), as recorded in Redis. */
export interface ScheduleRun {
  /** When it ran (ms since the epoch). */
  at: number;
  /** The coordinated backup it started. */
  backupId?: string;
  /** Why it started none: another backup or a restore was running. */
  skipped?: string;
  /** Why it failed before a backup was accepted. */
  error?: string;
  /** What retention did after it (absent when no retention rule is configured or it did not get there). */
  retention?: { deleted: string[]; error?: string };
}

/** The last run as `GET /api/v1/schedules` shows it. */
export interface LastRunView {
  at: string;
  /**
   * SKIPPED, ERROR, DELETED (the backup is gone since), UNKNOWN (its record is unreadable), or the
   * started backup's state (IN_PROGRESS, COMPLETED, …).
   */
  outcome: string;
  backupId: bigint | null;
  reason: string | null;
  retention: RetentionView | null;
}

export interface RetentionView {
  deleted: bigint[];
  error: string | null;
}

export function retentionView(retention: ScheduleRun['retention']): RetentionView | null {
  return retention ? { deleted: retention.deleted.map(BigInt), error: retention.error ?? null } : null;
}

export interface ScheduleView {
  name: string;
  cron: string;
  timeZone: string;
  nextRunAt: string | null;
  retention: { count: number | null; maxAge: string | null };
  lastRun: LastRunView | null;
}
