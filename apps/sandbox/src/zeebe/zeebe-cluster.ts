import { isAtLeast89, isRuntimeVersion, type ZeebeStandInConfig } from './zeebe-config.js';
import type { ZeebeFaults } from './zeebe-faults.js';

/** `RUNNING` is the ≤ 8.7 stand-in's word for exporting; 8.8+ uses 8.10's `EXPORTING`. */
export type ExportingState = 'RUNNING' | 'EXPORTING' | 'PAUSED' | 'SOFT_PAUSED';
export type PartitionBackupState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'DELETED';
export type ZeebeBackupState = PartitionBackupState | 'INCOMPLETE';
/** MANUAL_BACKUP: the request named the ID; SCHEDULED_BACKUP: continuous backups generated it. */
export type CheckpointType = 'MANUAL_BACKUP' | 'SCHEDULED_BACKUP';

interface PartitionBackup {
  partitionId: number;
  /** When it finishes (epoch ms); undefined = never (HANG). */
  doneAt?: number;
  failed: boolean;
  createdAtMs: number;
  /** The 8.8+ form, computed once so every read shows the same nanoseconds. */
  createdAt: string;
  checkpointPosition: number;
  firstLogPosition: number;
}

interface StoredBackup {
  backupId: bigint;
  checkpointType: CheckpointType;
  takenAt: number;
  /** `takenAt` in the 8.8+ form, computed once. */
  checkpointTimestamp: string;
  partitions: PartitionBackup[];
  /** 8.9+: a deleted backup stays listed with state DELETED. */
  deletedAt?: number;
}

const FAILURE_REASON = '[sandbox fault injection] partition backup failed';

const BROKER_VERSIONS = { legacy: '8.8.0', '8.8': '8.8.0', '8.9': '8.9.0', '8.10': '8.10.0' } as const;

/**
 * The state of the Zeebe stand-in: the exporting switch and the broker backups (facts §8.3; 8.8+
 * facts §4). Each partition's backup finishes after its own delay; IDs must grow and are never
 * reused, not even after a delete.
 */
export class ZeebeCluster {
  exporting: ExportingState;
  private readonly backups = new Map<bigint, StoredBackup>();
  /** Highest ID ever taken, deleted ones included: IDs cannot be reused. */
  private highestId = 0n;
  /** 8.9+ `DELETE /actuator/backupRuntime/state` forgets the tracking of backups up to this ID. */
  private stateClearedUpTo = 0n;
  /** Each partition's log grows by this much between two backups (positions are per partition). */
  private logPositions: number[] = [];

  constructor(
    private readonly config: ZeebeStandInConfig,
    private readonly faults: ZeebeFaults,
  ) {
    this.exporting = this.exportingWord();
  }

  /** The word for "exporting runs" of this version. */
  exportingWord(): 'RUNNING' | 'EXPORTING' {
    return isRuntimeVersion(this.config.version) ? 'EXPORTING' : 'RUNNING';
  }

  /** The highest ID ever taken (0 when none), the "latest backup" of the 409 message. */
  get latestId(): bigint {
    return this.highestId;
  }

  /** An ID continuous backups would choose: the clock in ms, or one more than the latest. */
  generateId(): bigint {
    const now = BigInt(Date.now());
    return now > this.highestId ? now : this.highestId + 1n;
  }

  /** 'taken' when an equal or higher ID exists (or existed). */
  takeBackup(backupId: bigint, checkpointType: CheckpointType = 'MANUAL_BACKUP'): 'accepted' | 'taken' {
    if (backupId <= this.highestId) return 'taken';
    this.highestId = backupId;
    const outcome = this.faults.takeBackupOutcome();
    const now = Date.now();
    const partitions: PartitionBackup[] = [];
    for (let partitionId = 1; partitionId <= this.config.partitions; partitionId++) {
      const previous = this.logPositions[partitionId] ?? 0;
      const checkpointPosition = previous + 1000 + partitionId;
      this.logPositions[partitionId] = checkpointPosition;
      partitions.push({
        partitionId,
        doneAt: outcome === 'HANG' ? undefined : now + partitionId * this.config.partitionBackupMs,
        // The last partition fails when a FAILED outcome was injected.
        failed: outcome === 'FAILED' && partitionId === this.config.partitions,
        createdAtMs: now,
        createdAt: timestamp(now),
        checkpointPosition,
        firstLogPosition: previous + 1,
      });
    }
    this.backups.set(backupId, {
      backupId,
      checkpointType,
      takenAt: now,
      checkpointTimestamp: timestamp(now),
      partitions,
    });
    return 'accepted';
  }

  /** The backup as GET answers it; undefined when unknown (or deleted before 8.9). */
  describe(backupId: bigint): Record<string, unknown> | undefined {
    const backup = this.backups.get(backupId);
    return backup ? this.render(backup, 'full') : undefined;
  }

  /** Sorted by backupId descending; `prefix` keeps IDs whose decimal form starts with it. */
  list(prefix = ''): Record<string, unknown>[] {
    return this.sortedBackups()
      .filter((backup) => backup.backupId.toString().startsWith(prefix))
      .map((backup) => this.render(backup, isRuntimeVersion(this.config.version) ? 'list' : 'full'));
  }

  /** ≤ 8.8 forgets the backup; 8.9+ keeps it as DELETED (facts 8.8+ §4.2). */
  delete(backupId: bigint): void {
    const backup = this.backups.get(backupId);
    if (!backup) return;
    if (isAtLeast89(this.config.version)) backup.deletedAt ??= Date.now();
    else this.backups.delete(backupId);
  }

  /**
   * 8.9+ `GET /actuator/backupRuntime/state` (facts 8.8+ §4.3): per partition the latest
   * checkpoint, the latest completed backup, and the range of consecutive completed backups.
   */
  runtimeState(): Record<string, unknown> {
    const now = Date.now();
    const tracked = this.sortedBackups()
      .toReversed()
      .filter((backup) => backup.backupId > this.stateClearedUpTo);
    const checkpointStates: Record<string, unknown>[] = [];
    const backupStates: Record<string, unknown>[] = [];
    const ranges: Record<string, unknown>[] = [];
    for (let partitionId = 1; partitionId <= this.config.partitions; partitionId++) {
      const entries = tracked.map((backup) => ({
        backup,
        partition: backup.partitions[partitionId - 1],
      }));
      const latestCheckpoint = entries.at(-1);
      if (latestCheckpoint) {
        checkpointStates.push({
          ...checkpoint(latestCheckpoint.backup, latestCheckpoint.partition),
          partitionId,
        });
      }
      const completed = entries.filter(
        ({ backup, partition }) =>
          backup.deletedAt === undefined && partitionState(partition, now) === 'COMPLETED',
      );
      const latestBackup = completed.at(-1);
      if (latestBackup) {
        backupStates.push({
          ...checkpoint(latestBackup.backup, latestBackup.partition),
          partitionId,
          firstLogPosition: latestBackup.partition.firstLogPosition,
        });
        // The range ends at the latest completed backup and reaches back while backups stay
        // completed; a failed, running or deleted one in between starts a new range.
        let startAt = entries.indexOf(latestBackup);
        while (startAt > 0 && completed.includes(entries[startAt - 1])) startAt--;
        const start = entries[startAt];
        ranges.push({
          partitionId,
          start: {
            ...checkpoint(start.backup, start.partition),
            firstLogPosition: start.partition.firstLogPosition,
          },
          end: {
            ...checkpoint(latestBackup.backup, latestBackup.partition),
            firstLogPosition: latestBackup.partition.firstLogPosition,
          },
        });
      }
    }
    return { checkpointStates, backupStates, ranges };
  }

  /** 8.9+ `DELETE /actuator/backupRuntime/state`: forget checkpoint and range tracking. */
  clearRuntimeState(): void {
    this.stateClearedUpTo = this.highestId;
  }

  reset(): void {
    this.backups.clear();
    this.highestId = 0n;
    this.stateClearedUpTo = 0n;
    this.logPositions = [];
    this.exporting = this.exportingWord();
  }

  private sortedBackups(): StoredBackup[] {
    return [...this.backups.values()].sort((a, b) =>
      a.backupId === b.backupId ? 0 : a.backupId > b.backupId ? -1 : 1,
    );
  }

  private render(backup: StoredBackup, shape: 'full' | 'list'): Record<string, unknown> {
    const version = this.config.version;
    const runtime = isRuntimeVersion(version);
    const now = Date.now();
    const details = backup.partitions.map((partition) => {
      const state: PartitionBackupState =
        backup.deletedAt !== undefined ? 'DELETED' : partitionState(partition, now);
      const createdAt = runtime ? partition.createdAt : new Date(partition.createdAtMs).toISOString();
      if (shape === 'list') {
        // Zeebe's list items carry fewer partition fields (facts 8.8+ §4.2).
        return {
          partitionId: partition.partitionId,
          state,
          createdAt,
          brokerVersion: BROKER_VERSIONS[version],
        };
      }
      const lastUpdated = Math.min(now, backup.deletedAt ?? partition.doneAt ?? now);
      return {
        partitionId: partition.partitionId,
        state,
        ...(state === 'FAILED' ? { failureReason: FAILURE_REASON } : {}),
        createdAt,
        lastUpdatedAt: runtime ? timestamp(lastUpdated) : new Date(lastUpdated).toISOString(),
        snapshotId: `${backup.backupId}-${partition.partitionId}`,
        checkpointPosition: runtime ? partition.checkpointPosition : 1000 * partition.partitionId,
        ...(isAtLeast89(version) ? { firstLogPosition: partition.firstLogPosition } : {}),
        brokerId: partition.partitionId - 1,
        brokerVersion: BROKER_VERSIONS[version],
        ...(version === '8.10' ? { physicalTenantId: 'default' } : {}),
      };
    });
    const state = overallState(details.map((d) => d.state));
    return {
      backupId: backup.backupId,
      state,
      ...(state === 'FAILED' ? { failureReason: FAILURE_REASON } : {}),
      details,
    };
  }
}

/** FAILED > IN_PROGRESS > DELETED > COMPLETED (partitions here always exist, so no INCOMPLETE). */
function overallState(states: PartitionBackupState[]): ZeebeBackupState {
  if (states.includes('FAILED')) return 'FAILED';
  if (states.includes('IN_PROGRESS')) return 'IN_PROGRESS';
  if (states.includes('DELETED')) return 'DELETED';
  return 'COMPLETED';
}

function partitionState(partition: PartitionBackup, now: number): 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' {
  if (partition.doneAt === undefined || now < partition.doneAt) return 'IN_PROGRESS';
  return partition.failed ? 'FAILED' : 'COMPLETED';
}

function checkpoint(backup: StoredBackup, partition: PartitionBackup): Record<string, unknown> {
  return {
    checkpointId: backup.backupId,
    checkpointType: backup.checkpointType,
    checkpointPosition: partition.checkpointPosition,
    checkpointTimestamp: backup.checkpointTimestamp,
  };
}

/**
 * UTC with nine fraction digits as Zeebe 8.8+ prints them (`…06.246997293Z`). The digits below the
 * millisecond are derived from the time itself, so one instant always prints the same.
 */
export function timestamp(ms: number): string {
  const belowMs = (ms * 7919) % 1_000_000;
  return `${new Date(ms).toISOString().slice(0, 23)}${String(belowMs).padStart(6, '0')}Z`;
}
