import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SnapshotDatastore, SnapshotSummary } from '@app/datastore';
import {
  backupSnapshotPattern,
  compareBackupIdsNewestFirst,
  componentSnapshotPattern,
  deriveBackupState,
  type BackupState,
  type DerivedBackupState,
  formatStartTime,
  groupSnapshotsByBackup,
  type ParsedAnySnapshotName,
} from '@app/snapshot-planning';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from '../core/config/config.tokens.js';
import type { ComponentSettings, OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { DomainError } from '../core/errors/domain-error.js';
import { isPending } from '../jobs/queue-names.js';
import { type BackupJobStatus, BackupQueues } from './backup-queues.js';
import type { BackupView } from './backup-view.js';
import { requireRepository, translateRepositoryMissing } from './snapshot-repository.js';

type ParsedSnapshot = SnapshotSummary & { parsed: ParsedAnySnapshotName };

/** States no job can change: the parts alone settle them. */
const SETTLED_BY_PARTS: readonly BackupState[] = ['COMPLETED', 'FAILED', 'INCOMPATIBLE'];

/**
 * Reads backups: the datastore's snapshots are the truth about parts; the queue adds what only it
 * knows (queued or between parts → IN_PROGRESS; failed before or between parts → FAILED with reason).
 */
@Injectable()
export class BackupCatalog {
  private readonly logger = new Logger(BackupCatalog.name);

  constructor(
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(BackupQueues) private readonly queues: BackupQueues,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  /** undefined when neither a snapshot nor a live job of this backup exists. */
  async getBackup(component: ComponentSettings, backupId: bigint): Promise<BackupView | undefined> {
    const repository = requireRepository(component);
    const snapshots = await this.readSnapshots(repository, backupSnapshotPattern(component.name, backupId));
    const parts = groupSnapshotsByBackup(component.name, snapshots).find(
      (b) => b.backupId === backupId,
    )?.parts;
    // Finished parts alone decide COMPLETED, FAILED and INCOMPATIBLE: no job can change those, so
    // Redis is asked only about backups the datastore cannot settle (most reads are of finished ones).
    if (parts) {
      const settled = this.derive(component, parts, undefined, false);
      if (SETTLED_BY_PARTS.includes(settled.state)) return this.view(backupId, parts, settled);
    }
    const jobs = await this.withoutRedisIfNeeded(async () => {
      const job = await this.queues.findLiveJob(component.name, backupId);
      return job ? [job] : [];
    });
    const job = jobs?.[0];
    if (!parts && !job) return undefined;
    return this.view(backupId, parts ?? [], this.stateOf(component, parts ?? [], job, jobs !== undefined));
  }

  /** Every backup of the component, newest backup ID first. */
  async listBackups(component: ComponentSettings): Promise<BackupView[]> {
    const repository = requireRepository(component);
    const [snapshots, liveJobs] = await Promise.all([
      this.readSnapshots(repository, componentSnapshotPattern(component.name)),
      this.withoutRedisIfNeeded(() => this.queues.listLiveJobs(component.name)),
    ]);
    const backups = groupSnapshotsByBackup(component.name, snapshots);
    const jobs = new Map<bigint, BackupJobStatus>();
    for (const status of liveJobs ?? []) {
      jobs.set(BigInt(status.job.data.backupId), status);
    }
    const ids = new Set<bigint>([...backups.map((b) => b.backupId), ...jobs.keys()]);
    const partsById = new Map(backups.map((b) => [b.backupId, b.parts]));
    return [...ids].sort(compareBackupIdsNewestFirst).map((id) => {
      const parts = partsById.get(id) ?? [];
      return this.view(id, parts, this.stateOf(component, parts, jobs.get(id), liveJobs !== undefined));
    });
  }

  /**
   * Reads answer without Redis, from the datastore alone: the job facts are then unknown (undefined)
   * and a backup between parts is told apart from an abandoned one by BACKUP_INCOMPLETE_GRACE_MS.
   */
  private async withoutRedisIfNeeded(
    read: () => Promise<BackupJobStatus[]>,
  ): Promise<BackupJobStatus[] | undefined> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'queue_unavailable')) throw error;
      this.logger.warn(`${error.message} Answering from the datastore alone.`);
      return undefined;
    }
  }

  private endedRecently(parts: readonly ParsedSnapshot[]): boolean {
    const lastEnd = Math.max(0, ...parts.map((part) => part.endTimeMillis ?? part.startTimeMillis ?? 0));
    return Date.now() - lastEnd < this.config.incompleteGraceMs;
  }

  private async readSnapshots(repository: string, pattern: string): Promise<SnapshotSummary[]> {
    try {
      return await this.datastore.getSnapshots(repository, [pattern], { stateOnly: true });
    } catch (error) {
      throw translateRepositoryMissing(error, repository);
    }
  }

  private derive(
    component: ComponentSettings,
    parts: readonly ParsedSnapshot[],
    job: BackupJobStatus | undefined,
    pending: boolean,
  ): DerivedBackupState {
    const expectedParts = parts[0]?.parsed.partCount ?? job?.job.data.partCount ?? component.partCount;
    return deriveBackupState({
      expectedParts,
      pending,
      parts: parts.map((part) => ({
        name: part.name,
        partNo: part.parsed.partNo,
        partCount: part.parsed.partCount,
        state: part.state,
        startTimeMillis: part.startTimeMillis,
        reason: part.reason,
        failures: part.failures.map((f) => f.reason),
      })),
    });
  }

  /** The state from the parts and what Redis knows of the backup's job (jobsKnown false: Redis down). */
  private stateOf(
    component: ComponentSettings,
    parts: readonly ParsedSnapshot[],
    job: BackupJobStatus | undefined,
    jobsKnown: boolean,
  ): DerivedBackupState {
    const pending = jobsKnown ? job !== undefined && isPending(job.state) : this.endedRecently(parts);
    const derived = this.derive(component, parts, job, pending);
    // A job that gave up leaves its backup unfinished: say why instead of INCOMPLETE.
    if (job?.state === 'failed' && (derived.state === 'INCOMPLETE' || derived.state === 'IN_PROGRESS')) {
      return {
        state: 'FAILED',
        failureReason: `Backup job failed: ${job.job.failedReason ?? 'no reason recorded'}`,
      };
    }
    return derived;
  }

  private view(backupId: bigint, parts: readonly ParsedSnapshot[], derived: DerivedBackupState): BackupView {
    return {
      backupId,
      state: derived.state,
      failureReason: derived.failureReason,
      details: parts.map((part) => ({
        snapshotName: part.name,
        state: part.state,
        startTime: part.startTimeMillis === undefined ? null : formatStartTime(part.startTimeMillis),
        failures: part.failures.map((f) => f.reason),
      })),
    };
  }
}
