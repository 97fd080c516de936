import { compareBackupIdsNewestFirst } from '@app/snapshot-planning';

/** What retention needs to know of one coordinated backup. */
export interface RetainedBackup {
  backupId: bigint;
  acceptedAt: number;
  state: string;
  /** Every step has run. */
  finished: boolean;
}

export interface RetentionRules {
  /** Keep at most this many (the newest by ID, the one in progress included). */
  count?: number;
  /** Delete backups accepted longer ago than this. */
  maxAgeMs?: number;
}

/**
 * The backups to delete: beyond the newest `count` or older than `maxAgeMs`, but never one that is
 * still in progress and never the newest COMPLETED one.
 */
export function backupsToDelete(
  backups: readonly RetainedBackup[],
  rules: RetentionRules,
  now: number,
): bigint[] {
  const newestFirst = [...backups].sort((a, b) => compareBackupIdsNewestFirst(a.backupId, b.backupId));
  const newestCompleted = newestFirst.find((backup) => backup.state === 'COMPLETED')?.backupId;
  return newestFirst
    .filter((backup, index) => {
      const beyondCount = rules.count !== undefined && index >= rules.count;
      const tooOld = rules.maxAgeMs !== undefined && now - backup.acceptedAt > rules.maxAgeMs;
      return (beyondCount || tooOld) && backup.finished && backup.backupId !== newestCompleted;
    })
    .map((backup) => backup.backupId);
}
