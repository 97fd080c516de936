import { Inject, Injectable, Logger } from '@nestjs/common';
import { DatastoreError, type SnapshotDatastore } from '@app/datastore';
import type { ComponentName } from '@app/snapshot-planning';
import { type Job, UnrecoverableError } from 'bullmq';
import { BackupCatalog } from '../backup/backup-catalog.service.js';
import { BackupError } from '../backup/backup-errors.js';
import { BackupScheduler } from '../backup/backup-scheduler.service.js';
import { datastoreOutageBounds, retryTransient } from '../backup/transient-retry.js';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from '../config/config.tokens.js';
import type { OrchestratorConfig } from '../config/orchestrator-config.js';
import { ZEEBE_CLIENT } from '../zeebe/zeebe-client.provider.js';
import type { ZeebeManagementClient } from '../zeebe/zeebe-management-client.js';
import { zeebeRecordsSnapshotName } from './coordinated-record.js';
import type { StepJobData, StepResult } from './coordinated-steps.js';
import { CoordinatedStore } from './coordinated-store.js';

/**
 * Runs one step of a coordinated backup. Every step is re-entrant (a step re-run after a crash
 * follows what it already started) and skips itself when an earlier step failed, except
 * resume-exporting, which always runs.
 */
@Injectable()
export class CoordinatedStepRunner {
  private readonly logger = new Logger(CoordinatedStepRunner.name);

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeManagementClient | null,
    @Inject(BackupScheduler) private readonly scheduler: BackupScheduler,
    @Inject(BackupCatalog) private readonly catalog: BackupCatalog,
    @Inject(CoordinatedStore) private readonly store: CoordinatedStore,
  ) {}

  async run(job: Job<StepJobData, StepResult>): Promise<StepResult> {
    const { step } = job.data;
    const backupId = BigInt(job.data.backupId);
    if (step === 'resume-exporting') {
      await this.requireZeebe().resumeExporting();
      await this.store.releasePause(backupId);
      this.logger.log(`Coordinated backup ${backupId}: Zeebe exporting resumed`);
      return { outcome: 'done' };
    }
    const blocked = await this.earlierFailure(job, backupId);
    if (blocked) {
      this.logger.warn(`Coordinated backup ${backupId}: ${step} skipped (${blocked})`);
      return { outcome: 'skipped', reason: blocked };
    }
    switch (step) {
      case 'pause-exporting':
        await this.store.claimPause(backupId, this.config.coordination.zeebePauseLeaseMs);
        await this.requireZeebe().pauseExporting();
        break;
      case 'zeebe-records':
        await this.snapshotRecords(backupId);
        break;
      case 'zeebe-backup':
        await this.backUpZeebe(backupId);
        break;
      default:
        await this.backUpComponent(step, backupId);
    }
    this.logger.log(`Coordinated backup ${backupId}: ${step} done`);
    return { outcome: 'done' };
  }

  /** Why this step must not run: the backup was aborted, or the step before failed or skipped. */
  private async earlierFailure(
    job: Job<StepJobData, StepResult>,
    backupId: bigint,
  ): Promise<string | undefined> {
    const aborted = await this.store.abortReason(backupId);
    if (aborted) return aborted;
    const failures = Object.values(await job.getIgnoredChildrenFailures());
    if (failures.length > 0) return `an earlier step failed: ${failures.join('; ')}`;
    const skipped = Object.values(await job.getChildrenValues<StepResult>()).find(
      (r) => r?.outcome === 'skipped',
    );
    return skipped?.reason;
  }

  private async backUpComponent(component: ComponentName, backupId: bigint): Promise<void> {
    const settings = this.config.components[component];
    if (!(await this.catalog.getBackup(settings, backupId))) {
      try {
        await this.scheduler.createBackup(settings, backupId);
      } catch (error) {
        // A re-run after a crash finds its own earlier backup: follow it.
        if (!(error instanceof BackupError && error.kind === 'duplicate_backup')) throw permanent(error);
      }
    }
    for (;;) {
      const view = await this.retry(`reading ${component} backup ${backupId}`, () =>
        this.catalog.getBackup(settings, backupId),
      );
      if (!view) throw new UnrecoverableError(`The ${component} backup ${backupId} disappeared (deleted?)`);
      if (view.state === 'COMPLETED') return;
      if (view.state !== 'IN_PROGRESS') {
        throw new UnrecoverableError(
          `The ${component} backup ${backupId} ended ${view.state}${view.failureReason ? `: ${view.failureReason}` : ''}`,
        );
      }
      await sleep(this.config.pollMaxIntervalMs);
    }
  }

  private async snapshotRecords(backupId: bigint): Promise<void> {
    const repository = this.config.coordination.zeebeRecordsRepository;
    if (!repository) throw new UnrecoverableError('No repository for the Zeebe records snapshot');
    const name = zeebeRecordsSnapshotName(backupId);
    const existing = await this.retry(`reading ${name}`, () =>
      this.datastore.getSnapshots(repository, [name]),
    );
    if (existing.length === 0) {
      try {
        await this.retry(`creating ${name}`, () =>
          this.datastore.createSnapshot({
            repository,
            snapshot: name,
            indices: [this.config.coordination.zeebeRecordsIndexPattern],
            includeGlobalState: false,
            featureStates: ['none'],
            metadata: { backupId },
          }),
        );
      } catch (error) {
        if (!(error instanceof DatastoreError && error.kind === 'duplicate_snapshot')) throw permanent(error);
      }
    }
    const deadline = Date.now() + this.config.snapshotTimeoutMs;
    for (;;) {
      const [snapshot] = await this.retry(`reading ${name}`, () =>
        this.datastore.getSnapshots(repository, [name]),
      );
      if (!snapshot) throw new UnrecoverableError(`The snapshot ${name} disappeared (deleted?)`);
      if (snapshot.state === 'SUCCESS') return;
      if (snapshot.state !== 'IN_PROGRESS') {
        const reason = snapshot.reason ?? snapshot.failures.map((f) => f.reason).join('; ');
        throw new UnrecoverableError(
          `The snapshot ${name} ended ${snapshot.state}${reason ? `: ${reason}` : ''}`,
        );
      }
      if (Date.now() > deadline) {
        throw new UnrecoverableError(
          `The snapshot ${name} was still IN_PROGRESS after BACKUP_SNAPSHOT_TIMEOUT_MS=${this.config.snapshotTimeoutMs} ms`,
        );
      }
      await sleep(this.config.pollMaxIntervalMs);
    }
  }

  private async backUpZeebe(backupId: bigint): Promise<void> {
    const zeebe = this.requireZeebe();
    if (!(await zeebe.getBackup(backupId))) {
      if ((await zeebe.takeBackup(backupId)) === 'conflict' && !(await zeebe.getBackup(backupId))) {
        throw new UnrecoverableError(
          `Zeebe refused backup ${backupId}: a backup with this or a higher ID exists (Zeebe backup IDs must increase)`,
        );
      }
    }
    const deadline = Date.now() + this.config.coordination.zeebeBackupTimeoutMs;
    for (;;) {
      const backup = await zeebe.getBackup(backupId);
      if (!backup) throw new UnrecoverableError(`The Zeebe backup ${backupId} disappeared (deleted?)`);
      if (backup.state === 'COMPLETED') return;
      if (backup.state !== 'IN_PROGRESS') {
        throw new UnrecoverableError(
          `The Zeebe backup ${backupId} ended ${backup.state}${backup.failureReason ? `: ${backup.failureReason}` : ''}`,
        );
      }
      if (Date.now() > deadline) {
        throw new UnrecoverableError(
          `The Zeebe backup ${backupId} was still IN_PROGRESS after ZEEBE_BACKUP_TIMEOUT_MS=${this.config.coordination.zeebeBackupTimeoutMs} ms`,
        );
      }
      await sleep(this.config.pollMaxIntervalMs);
    }
  }

  private requireZeebe(): ZeebeManagementClient {
    if (!this.zeebe) throw new UnrecoverableError('ZEEBE_MANAGEMENT_URL is not set');
    return this.zeebe;
  }

  private retry<T>(what: string, work: () => Promise<T>): Promise<T> {
    return retryTransient(what, work, datastoreOutageBounds(this.config), this.logger);
  }
}

/** Refusals (bad configuration, missing repository) cannot be fixed by a retry. */
function permanent(error: unknown): Error {
  if (error instanceof BackupError) return new UnrecoverableError(error.message);
  if (error instanceof DatastoreError && !error.isTransient) return new UnrecoverableError(error.message);
  return error as Error;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
