import type { BackupView } from '../../backup/backup-view.js';

/** One component's freshness, as the health endpoint shows it and the stale notification tells it. */
export interface FreshnessVerdict {
  status: 'UP' | 'DOWN';
  details: {
    /** BACKUP_FRESHNESS_MAX_AGE as given in seconds. */
    maxAgeSeconds: number;
    newestCompletedBackupId: string | null;
    /** When the newest COMPLETED backup's last part started (ISO-8601); null without one. */
    completedAt: string | null;
    ageSeconds: number | null;
    message?: string;
  };
}

/**
 * When a COMPLETED backup was taken: the start of its last part, the latest time the datastore
 * reports for every part (the end of the copy is at most that part's duration later, so the age is
 * never underestimated by more than one part).
 */
export function takenAtMs(view: BackupView): number | undefined {
  const starts = view.details
    .map((part) =>
      part.startTime === null ? Number.NaN : Date.parse(part.startTime.replace(/\+0000$/, 'Z')),
    )
    .filter((ms) => Number.isFinite(ms));
  return starts.length > 0 ? Math.max(...starts) : undefined;
}

/** UP while the newest COMPLETED backup (by time, not by ID) is at most `maxAgeMs` old. */
export function judgeFreshness(
  backups: readonly BackupView[],
  nowMs: number,
  maxAgeMs: number,
): FreshnessVerdict {
  let newest: { view: BackupView; at: number } | undefined;
  for (const view of backups) {
    if (view.state !== 'COMPLETED') continue;
    const at = takenAtMs(view);
    if (at !== undefined && (!newest || at > newest.at)) newest = { view, at };
  }
  const maxAgeSeconds = maxAgeMs / 1000;
  if (!newest) {
    return {
      status: 'DOWN',
      details: {
        maxAgeSeconds,
        newestCompletedBackupId: null,
        completedAt: null,
        ageSeconds: null,
        message: 'no COMPLETED backup',
      },
    };
  }
  const ageMs = Math.max(0, nowMs - newest.at);
  const fresh = ageMs <= maxAgeMs;
  return {
    status: fresh ? 'UP' : 'DOWN',
    details: {
      maxAgeSeconds,
      newestCompletedBackupId: newest.view.backupId.toString(),
      completedAt: new Date(newest.at).toISOString(),
      ageSeconds: Math.floor(ageMs / 1000),
      ...(fresh ? {} : { message: `the newest COMPLETED backup is older than ${maxAgeSeconds} s` }),
    },
  };
}
