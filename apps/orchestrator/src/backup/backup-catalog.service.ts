import { Inject, Injectable } from '@nestjs/common';
import type { SnapshotDatastore, SnapshotSummary } from '@app/datastore';
import {
  backupSnapshotPattern,
  componentSnapshotPattern,
  deriveBackupState,
  formatStartTime,
  groupSnapshotsByBackup,
  type ParsedSnapshotName,
} from '@app/snapshot-planning';
import { SNAPSHOT_DATASTORE } from '../config/config.tokens.js';
import type { ComponentSettings } from '../config/orchestrator-config.js';
import { type BackupJobStatus, BackupQueues, PENDING_JOB_STATES } from './backup-queues.js';
import type { BackupView } from './backup-view.js';
import { requireRepository, translateRepositoryMissing } from './component-repository.js';

type ParsedSnapshot = SnapshotSummary & { parsed: ParsedSnapshotName };

/**
 * Reads backups: the datastore's snapshots are the truth about parts; the queue adds what only it
 * knows (queued or between parts → IN_PROGRESS; failed before or between parts → FAILED with reason).
 */
@Injectable()
export class BackupCatalog {
  constructor(
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(BackupQueues) private readonly queues: BackupQueues,
  ) {}

  /** undefined when neither a snapshot nor a live job of this backup exists. */
  async getBackup(component: ComponentSettings, backupId: bigint): Promise<BackupView | undefined> {
    const repository = requireRepository(component);
    const snapshots = await this.readSnapshots(repository, backupSnapshotPattern(component.name, backupId));
    const backup = groupSnapshotsByBackup(component.name, snapshots).find((b) => b.backupId === backupId);
    const job = await this.queues.findLiveJob(component.name, backupId);
    if (!backup && !job) return undefined;
    return this.view(component, backupId, backup?.parts ?? [], job);
  }

  /** Every backup of the component, newest backup ID first. */
  async listBackups(component: ComponentSettings): Promise<BackupView[]> {
    const repository = requireRepository(component);
    const snapshots = await this.readSnapshots(repository, componentSnapshotPattern(component.name));
    const backups = groupSnapshotsByBackup(component.name, snapshots);
    const jobs = new Map<bigint, BackupJobStatus>();
    for (const status of await this.queues.listLiveJobs(component.name)) {
      jobs.set(BigInt(status.job.data.backupId), status);
    }
    const ids = new Set<bigint>([...backups.map((b) => b.backupId), ...jobs.keys()]);
    const partsById = new Map(backups.map((b) => [b.backupId, b.parts]));
    return [...ids]
      .sort((a, b) => (a === b ? 0 : a > b ? -1 : 1))
      .map((id) => this.view(component, id, partsById.get(id) ?? [], jobs.get(id)));
  }

  private async readSnapshots(repository: string, pattern: string): Promise<SnapshotSummary[]> {
    try {
      return await this.datastore.getSnapshots(repository, [pattern]);
    } catch (error) {
      throw translateRepositoryMissing(error, repository);
    }
  }

  private view(
    component: ComponentSettings,
    backupId: bigint,
    parts: readonly ParsedSnapshot[],
    job: BackupJobStatus | undefined,
  ): BackupView {
    const pending = job !== undefined && PENDING_JOB_STATES.includes(job.state as never);
    const expectedParts = parts[0]?.parsed.partCount ?? job?.job.data.partCount ?? component.partCount;
    const derived = deriveBackupState({
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
    let { state, failureReason } = derived;
    // A job that gave up leaves its backup unfinished: say why instead of INCOMPLETE.
    if (job?.state === 'failed' && (state === 'INCOMPLETE' || state === 'IN_PROGRESS')) {
      state = 'FAILED';
      failureReason = `Backup job failed: ${job.job.failedReason ?? 'no reason recorded'}`;
    }
    return {
      backupId,
      state,
      failureReason,
      details: parts.map((part) => ({
        snapshotName: part.name,
        state: part.state,
        startTime: part.startTimeMillis === undefined ? null : formatStartTime(part.startTimeMillis),
        failures: part.failures.map((f) => f.reason),
      })),
    };
  }
}
