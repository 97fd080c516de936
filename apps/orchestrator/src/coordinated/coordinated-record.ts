import type { SnapshotComponent } from '@app/snapshot-planning';

/** What the orchestrator remembers of one coordinated backup (stored in Redis as JSON). */
export interface CoordinatedRecord {
  /** Digits: JSON has no bigint. */
  backupId: string;
  /** Component backups taken, in the order they run. */
  components: SnapshotComponent[];
  /** Whether the Zeebe steps run (pause, records snapshot, broker backup, resume). */
  zeebe: boolean;
  /** Why the Zeebe steps were left out, when they were. */
  zeebeSkippedReason?: string;
  acceptedAt: number;
  /** Who asked: an API call, the `camunda-backup` CLI, or BACKUP_SCHEDULE. */
  trigger: 'api' | 'cli' | 'schedule';
}

/** The snapshot of the exported Zeebe records (facts §8.1 step 8). */
export function zeebeRecordsSnapshotName(backupId: bigint | string): string {
  return `camunda_zeebe_records_backup_${backupId}`;
}
