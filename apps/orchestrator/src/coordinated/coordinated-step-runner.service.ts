import { Inject, Injectable, Logger } from '@nestjs/common';
import { DatastoreError, type SnapshotDatastore } from '@app/datastore';
import { SNAPSHOT_COMPONENTS, type SnapshotComponent } from '@app/snapshot-planning';

/** Web-apps backups have at most this many parts (facts 8.8+ §3). */
const MAX_WEBAPPS_PARTS = 7;
import { InjectQueue } from '@nestjs/bullmq';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { BackupQueues } from '../backup/backup-queues.js';
import { asJobFailure } from '../jobs/failure-rule.js';
import { pollUntil } from '../jobs/poll-until.js';
import { COORDINATED_QUEUE, isPending } from '../jobs/queue-names.js';
import { BackupCatalog } from '../backup/backup-catalog.service.js';
import { DomainError } from '../core/errors/domain-error.js';
import { BackupAcceptance } from '../backup/backup-acceptance.service.js';
import { BackupEvents } from '../backup/backup-events.js';
import { outageBounds, retryTransient } from '../jobs/transient-retry.js';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { ZEEBE_CLIENT } from '../zeebe/zeebe-client.provider.js';
import type { ZeebeManagementClient } from '../zeebe/zeebe-management-client.js';
import { zeebeRecordsSnapshotName } from './coordinated-record.js';
import { type StepJobData, type StepResult, stepJobId } from './coordinated-steps.js';
import { CoordinatedStore } from './coordinated-store.js';
import { withRedis } from '../core/redis/with-redis.js';

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
    @Inject(BackupAcceptance) private readonly acceptance: BackupAcceptance,
    @Inject(BackupQueues) private readonly queues: BackupQueues,
    @Inject(BackupCatalog) private readonly catalog: BackupCatalog,
    @Inject(CoordinatedStore) private readonly store: CoordinatedStore,
    @Inject(BackupEvents) private readonly events: BackupEvents,
    @InjectQueue(COORDINATED_QUEUE) private readonly steps: Pick<Queue<StepJobData, StepResult>, 'getJob'>,
  ) {}

  /** Runs the step; the flow's last step (its root, without parent) also says how the backup ended. */
  async run(job: Job<StepJobData, StepResult>): Promise<StepResult> {
    // The one failure rule (jobs/failure-rule.ts): a permanent failure ends the step at once, e.g.
    // Zeebe refusing an explicit ID while its backup scheduler is on.
    if (job.parentKey) {
      return this.runStep(job).catch((error: unknown) => {
        throw asJobFailure(error);
      });
    }
    let result: StepResult;
    try {
      result = await this.runStep(job);
    } catch (error) {
      const final = asJobFailure(error);
      if (final instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.emitFinished(job, 'FAILED', final.message);
      }
      throw final;
    }
    // resume-exporting runs on every path: what failed before it is in its children's results.
    const earlier =
      result.outcome === 'skipped'
        ? result.reason
        : job.data.step === 'resume-exporting'
          ? await this.earlierFailure(job, BigInt(job.data.backupId)).catch(() => undefined)
          : undefined;
    await this.emitFinished(job, earlier === undefined ? 'COMPLETED' : 'FAILED', earlier);
    return result;
  }

  private async emitFinished(
    job: Job<StepJobData, StepResult>,
    outcome: 'COMPLETED' | 'FAILED',
    reason: string | undefined,
  ): Promise<void> {
    const finishedAt = Date.now();
    const acceptedAt = await this.store
      .get(BigInt(job.data.backupId))
      .then((record) => record?.acceptedAt)
      .catch(() => undefined);
    this.events.emit('coordinated.finished', {
      backupId: job.data.backupId,
      outcome,
      reason,
      acceptedAt,
      finishedAt,
      durationMs: acceptedAt === undefined ? undefined : finishedAt - acceptedAt,
    });
  }

  private async runStep(job: Job<StepJobData, StepResult>): Promise<StepResult> {
    const { step } = job.data;
    const backupId = BigInt(job.data.backupId);
    if (step === 'resume-exporting') {
      await this.requireZeebe().resumeExporting();
      await this.retry('releasing the exporting pause', () => this.store.releasePause(backupId));
      this.logger.log(`Coordinated backup ${backupId}: Zeebe exporting resumed`);
      return { outcome: 'done' };
    }
    const blocked =
      ((SNAPSHOT_COMPONENTS as readonly string[]).includes(step)
        ? await this.pauseOutcome(backupId)
        : undefined) ?? (await this.earlierFailure(job, backupId));
    if (blocked) {
      this.logger.warn(`Coordinated backup ${backupId}: ${step} skipped (${blocked})`);
      return { outcome: 'skipped', reason: blocked };
    }
    switch (step) {
      case 'pause-exporting':
        await this.retry('claiming the exporting pause', () =>
          this.store.claimPause(backupId, this.config.coordination.zeebePauseLeaseMs),
        );
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
    const aborted = await this.retry('reading the abort mark', () => this.store.abortReason(backupId));
    if (aborted) return aborted;
    const failures = Object.values(await job.getIgnoredChildrenFailures());
    if (failures.length > 0) return `an earlier step failed: ${failures.join('; ')}`;
    const skipped = Object.values(await job.getChildrenValues<StepResult>()).find(
      (r) => r?.outcome === 'skipped',
    );
    return skipped?.reason;
  }

  /**
   * Components run in parallel and only the first has pause-exporting as its child (coordinated-flow.ts):
   * the others wait here until that step has ended. Why this step must not run, if the pause failed
   * or skipped itself; undefined once exporting is paused, or when the backup has no pause step.
   */
  private async pauseOutcome(backupId: bigint): Promise<string | undefined> {
    const pauseJobId = stepJobId(backupId, 'pause-exporting');
    const pause = await pollUntil({
      what: `Pausing exporting for backup ${backupId}`,
      read: async () =>
        this.retry('reading the pause step', () =>
          withRedis('reading the pause step', async () => {
            const found = await this.steps.getJob(pauseJobId);
            return found ? { job: found, state: await found.getState() } : undefined;
          }),
        ),
      isFinal: (read) => read === undefined || read.state === 'completed' || read.state === 'failed',
      deadline: { ms: this.config.snapshotTimeoutMs, setting: 'BACKUP_SNAPSHOT_TIMEOUT_MS' },
      maxIntervalMs: this.config.pollMaxIntervalMs,
    });
    if (!pause) return undefined;
    if (pause.state === 'failed')
      return `an earlier step failed: ${pause.job.failedReason ?? 'pause-exporting'}`;
    return pause.job.returnvalue?.outcome === 'skipped' ? pause.job.returnvalue.reason : undefined;
  }

  private async backUpComponent(component: SnapshotComponent, backupId: bigint): Promise<void> {
    const settings = this.config.components[component];
    if (
      !(await this.retry(`reading ${component} backup ${backupId}`, () =>
        this.catalog.getBackup(settings, backupId),
      ))
    ) {
      try {
        await this.retry(`starting the ${component} backup ${backupId}`, () =>
          this.acceptance.createBackup(settings, backupId),
        );
      } catch (error) {
        // A re-run after a crash finds its own earlier backup: follow it.
        if (!(error instanceof DomainError && error.kind === 'duplicate_backup')) throw asJobFailure(error);
      }
    }
    // Done when the parts say COMPLETED and the component's own job has ended too: until then the
    // job may still be confirming its last part.
    const { view: finalView } = await pollUntil({
      what: `The ${component} backup ${backupId}`,
      read: async () => {
        const read = await this.retry(`reading ${component} backup ${backupId}`, async () => ({
          view: await this.catalog.getBackup(settings, backupId),
          job: await this.queues.findLiveJob(component, backupId),
        }));
        if (!read.view)
          throw new UnrecoverableError(`The ${component} backup ${backupId} disappeared (deleted?)`);
        return read;
      },
      isFinal: ({ view, job }) =>
        view!.state !== 'IN_PROGRESS' && !(view!.state === 'COMPLETED' && job && isPending(job.state)),
      deadline: {
        ms: this.config.snapshotTimeoutMs * (settings.partCount ?? MAX_WEBAPPS_PARTS),
        setting: 'BACKUP_SNAPSHOT_TIMEOUT_MS × parts',
      },
      maxIntervalMs: this.config.pollMaxIntervalMs,
    });
    if (finalView!.state !== 'COMPLETED') {
      throw new UnrecoverableError(
        `The ${component} backup ${backupId} ended ${finalView!.state}${finalView!.failureReason ? `: ${finalView!.failureReason}` : ''}`,
      );
    }
  }

  private async snapshotRecords(backupId: bigint): Promise<void> {
    const repository = this.config.coordination.zeebeRecordsRepository;
    if (!repository) throw new UnrecoverableError('No repository for the Zeebe records snapshot');
    const name = zeebeRecordsSnapshotName(backupId);
    const read = async () => {
      const [snapshot] = await this.retry(`reading ${name}`, () =>
        this.datastore.getSnapshots(repository, [name]),
      );
      return snapshot;
    };
    if (!(await read())) {
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
        if (!(error instanceof DatastoreError && error.kind === 'duplicate_snapshot'))
          throw asJobFailure(error);
      }
    }
    const snapshot = await pollUntil({
      what: `The snapshot ${name}`,
      read: async () => {
        const found = await read();
        if (!found) throw new UnrecoverableError(`The snapshot ${name} disappeared (deleted?)`);
        return found;
      },
      isFinal: (found) => found.state !== 'IN_PROGRESS',
      deadline: { ms: this.config.snapshotTimeoutMs, setting: 'BACKUP_SNAPSHOT_TIMEOUT_MS' },
      maxIntervalMs: this.config.pollMaxIntervalMs,
    });
    if (snapshot.state !== 'SUCCESS') {
      const reason = snapshot.reason ?? snapshot.failures.map((f) => f.reason).join('; ');
      throw new UnrecoverableError(
        `The snapshot ${name} ended ${snapshot.state}${reason ? `: ${reason}` : ''}`,
      );
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
    const backup = await pollUntil({
      what: `The Zeebe backup ${backupId}`,
      read: async () => {
        const found = await zeebe.getBackup(backupId);
        if (!found) throw new UnrecoverableError(`The Zeebe backup ${backupId} disappeared (deleted?)`);
        return found;
      },
      isFinal: (found) => found.state !== 'IN_PROGRESS',
      deadline: { ms: this.config.coordination.zeebeBackupTimeoutMs, setting: 'ZEEBE_BACKUP_TIMEOUT_MS' },
      maxIntervalMs: this.config.pollMaxIntervalMs,
    });
    if (backup.state !== 'COMPLETED') {
      throw new UnrecoverableError(
        `The Zeebe backup ${backupId} ended ${backup.state}${backup.failureReason ? `: ${backup.failureReason}` : ''}`,
      );
    }
  }

  private requireZeebe(): ZeebeManagementClient {
    if (!this.zeebe) throw new UnrecoverableError('ZEEBE_MANAGEMENT_URL is not set');
    return this.zeebe;
  }

  private retry<T>(what: string, work: () => Promise<T>): Promise<T> {
    return retryTransient(what, work, outageBounds(this.config), this.logger);
  }
}
