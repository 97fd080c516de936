import type { ZeebeStandInConfig } from './zeebe-config.js';
import type { ZeebeFaults } from './zeebe-faults.js';

export type ExportingState = 'RUNNING' | 'PAUSED' | 'SOFT_PAUSED';
export type ZeebeBackupState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

interface PartitionBackup {
  partitionId: number;
  /** When it finishes (epoch ms); undefined = never (HANG). */
  doneAt?: number;
  failed: boolean;
  createdAt: string;
}

interface StoredBackup {
  backupId: bigint;
  partitions: PartitionBackup[];
}

const FAILURE_REASON = '[sandbox fault injection] partition backup failed';

/**
 * The state of the Zeebe stand-in: the exporting switch and the broker backups (facts §8.3).
 * Each partition's backup finishes after its own delay; IDs must grow and are never reused.
 */
export class ZeebeCluster {
  exporting: ExportingState = 'RUNNING';
  private readonly backups = new Map<bigint, StoredBackup>();
  /** Highest ID ever taken, deleted ones included: IDs cannot be reused. */
  private highestId = 0n;

  constructor(
    private readonly config: ZeebeStandInConfig,
    private readonly faults: ZeebeFaults,
  ) {}

  /** 'taken' when an equal or higher ID exists (or existed). */
  takeBackup(backupId: bigint): 'accepted' | 'taken' {
    if (backupId <= this.highestId) return 'taken';
    this.highestId = backupId;
    const outcome = this.faults.takeBackupOutcome();
    const now = Date.now();
    const partitions: PartitionBackup[] = [];
    for (let partitionId = 1; partitionId <= this.config.partitions; partitionId++) {
      partitions.push({
        partitionId,
        doneAt: outcome === 'HANG' ? undefined : now + partitionId * this.config.partitionBackupMs,
        // The last partition fails when a FAILED outcome was injected.
        failed: outcome === 'FAILED' && partitionId === this.config.partitions,
        createdAt: new Date(now).toISOString(),
      });
    }
    this.backups.set(backupId, { backupId, partitions });
    return 'accepted';
  }

  describe(backupId: bigint): Record<string, unknown> | undefined {
    const backup = this.backups.get(backupId);
    return backup ? this.render(backup) : undefined;
  }

  /** Sorted by backupId descending. */
  list(): Record<string, unknown>[] {
    return [...this.backups.values()]
      .sort((a, b) => (a.backupId === b.backupId ? 0 : a.backupId > b.backupId ? -1 : 1))
      .map((backup) => this.render(backup));
  }

  delete(backupId: bigint): void {
    this.backups.delete(backupId);
  }

  reset(): void {
    this.backups.clear();
    this.highestId = 0n;
    this.exporting = 'RUNNING';
  }

  private render(backup: StoredBackup): Record<string, unknown> {
    const now = Date.now();
    const details = backup.partitions.map((partition) => {
      const state = partitionState(partition, now);
      return {
        partitionId: partition.partitionId,
        state,
        ...(state === 'FAILED' ? { failureReason: FAILURE_REASON } : {}),
        createdAt: partition.createdAt,
        lastUpdatedAt: new Date(Math.min(now, partition.doneAt ?? now)).toISOString(),
        snapshotId: `${backup.backupId}-${partition.partitionId}`,
        checkpointPosition: 1000 * partition.partitionId,
        brokerId: partition.partitionId - 1,
        brokerVersion: '8.8.0',
      };
    });
    const states = details.map((d) => d.state);
    const state: ZeebeBackupState = states.includes('FAILED')
      ? 'FAILED'
      : states.every((s) => s === 'COMPLETED')
        ? 'COMPLETED'
        : 'IN_PROGRESS';
    return {
      backupId: backup.backupId,
      state,
      ...(state === 'FAILED' ? { failureReason: FAILURE_REASON } : {}),
      details,
    };
  }
}

function partitionState(partition: PartitionBackup, now: number): ZeebeBackupState {
  if (partition.doneAt === undefined || now < partition.doneAt) return 'IN_PROGRESS';
  return partition.failed ? 'FAILED' : 'COMPLETED';
}
