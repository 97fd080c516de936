import { Inject, Injectable, Logger } from '@nestjs/common';
import { DatastoreError, type SnapshotDatastore, type SnapshotSummary } from '@app/datastore';
import { planParts, snapshotName } from '@app/snapshot-planning';
import { UnrecoverableError } from 'bullmq';
import { asJobFailure } from '../jobs/failure-rule.js';
import { pollUntil } from '../jobs/poll-until.js';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { BackupEvents } from './backup-events.js';
import type { BackupJobData } from './backup-job.js';
import type { BackupJob } from './backup-queues.js';
import { CancellationMarks } from './cancellation-marks.js';
import { outageBounds, retryTransient } from '../jobs/transient-retry.js';

/** Thrown when a DELETE cancelled the backup while it ran. */
export class BackupCancelledError extends UnrecoverableError {
  constructor(backupId: string) {
    super(`Backup ${backupId} was cancelled by a DELETE request`);
  }
}

/**
 * Runs one backup job: creates the parts strictly in order, following each snapshot to completion by
 * polling (never one long blocking call), and stops at the first part that does not succeed.
 * Re-entrant: a part that already exists is followed, never created twice.
 */
@Injectable()
export class BackupRunner {
  private readonly logger = new Logger(BackupRunner.name);
  /** Jobs whose cancellation mark could not be read: said once per outage, not per poll. */
  private readonly marksUnreadable = new Set<string>();

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(CancellationMarks) private readonly cancellations: CancellationMarks,
    @Inject(BackupEvents) private readonly events: BackupEvents,
  ) {}

  async run(job: BackupJob): Promise<{ parts: string[] }> {
    const data = job.data;
    const label = `${data.component} backup ${data.backupId}`;
    const started = Date.now();
    const finished = (outcome: 'COMPLETED' | 'FAILED' | 'CANCELLED', reason?: string): void => {
      this.events.emit('backup.finished', {
        component: data.component,
        backupId: data.backupId,
        outcome,
        reason,
        durationMs: Date.now() - started,
        acceptedAt: data.acceptedAt,
        finishedAt: Date.now(),
      });
    };
    try {
      const plan = data.plan ?? (await this.fixPlan(job));
      const names: string[] = [];
      for (let partNo = 1; partNo <= data.partCount; partNo++) {
        const name = snapshotName({
          component: data.component,
          backupId: BigInt(data.backupId),
          version: data.version,
          partNo,
          partCount: data.partCount,
        });
        names.push(name);
        await job.updateProgress({ partNo, partCount: data.partCount, snapshot: name });
        const partStarted = Date.now();
        const part = await this.runPart(job, name, plan[partNo - 1]!, partNo);
        this.events.emit('part.finished', {
          component: data.component,
          backupId: data.backupId,
          partNo,
          partCount: data.partCount,
          snapshot: name,
          state: part.state,
          durationMs: Date.now() - partStarted,
        });
        if (part.state !== 'SUCCESS') {
          const reason = part.reason ?? part.failures.map((f) => f.reason).join('; ');
          throw new UnrecoverableError(
            `Part ${partNo} of ${data.partCount} (${name}) ended ${part.state}${reason ? `: ${reason}` : ''}; later parts were not created`,
          );
        }
        this.logger.log({
          msg: `${label}: part ${partNo}/${data.partCount} ${name} SUCCESS`,
          component: data.component,
          backupId: data.backupId,
          partNo,
          partCount: data.partCount,
          snapshot: name,
        });
      }
      this.logger.log({
        msg: `${label}: completed`,
        component: data.component,
        backupId: data.backupId,
        partCount: data.partCount,
      });
      finished('COMPLETED');
      return { parts: names };
    } catch (error) {
      const final = asJobFailure(error);
      // A retryable error ends the backup only when BullMQ has no attempt left.
      const lastAttempt =
        final instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final instanceof BackupCancelledError) finished('CANCELLED', final.message);
      else if (lastAttempt) finished('FAILED', final.message);
      throw final;
    }
  }

  /** Lists the component's indices once and stores the part plan in the job. */
  private async fixPlan(job: BackupJob): Promise<string[][]> {
    const { component } = job.data;
    // Web-apps plans are fixed when the backup is accepted (their part count is in the answer).
    if (component === 'webapps') throw new UnrecoverableError('The web-apps backup job carries no part plan');
    const settings = this.config.components[component];
    const indices = await this.retry(`listing ${settings.indexPrefix}-* indices`, () =>
      this.datastore.listIndices([`${settings.indexPrefix}-*`]),
    );
    const plan = planParts(
      component,
      settings.indexPrefix,
      indices.map((index) => index.name),
    ).map((part) => part.indices);
    const data: BackupJobData = { ...job.data, plan };
    await job.updateData(data);
    return plan;
  }

  private async runPart(
    job: BackupJob,
    name: string,
    indices: string[],
    partNo: number,
  ): Promise<SnapshotSummary> {
    const { data } = job;
    await this.throwIfCancelled(job);
    let snapshot = await this.findSnapshot(data.repository, name);
    if (!snapshot) {
      try {
        await this.retry(`creating ${name}`, () =>
          this.datastore.createSnapshot({
            repository: data.repository,
            snapshot: name,
            indices,
            includeGlobalState: data.component !== 'optimize',
            featureStates: ['none'],
            metadata: {
              backupId: BigInt(data.backupId),
              version: data.version,
              partNo,
              partCount: data.partCount,
            },
          }),
        );
      } catch (error) {
        // Another attempt of this job created it first: follow that one.
        if (!(error instanceof DatastoreError && error.kind === 'duplicate_snapshot')) throw error;
      }
      if (await this.isCancelled(job)) {
        await this.datastore.deleteSnapshots(data.repository, [name]);
        throw new BackupCancelledError(data.backupId);
      }
    }
    snapshot = await this.follow(job, name);
    return snapshot;
  }

  /** Follows the part until it leaves IN_PROGRESS, bounded by BACKUP_SNAPSHOT_TIMEOUT_MS. */
  private async follow(job: BackupJob, name: string): Promise<SnapshotSummary> {
    const { repository } = job.data;
    return pollUntil({
      what: `Snapshot ${name}`,
      read: async () => {
        const snapshot = await this.findSnapshot(repository, name);
        if (snapshot) return snapshot;
        await this.throwIfCancelled(job);
        throw new UnrecoverableError(`Snapshot ${name} disappeared while the backup was following it`);
      },
      isFinal: (snapshot) => snapshot.state !== 'IN_PROGRESS',
      deadline: { ms: this.config.snapshotTimeoutMs, setting: 'BACKUP_SNAPSHOT_TIMEOUT_MS' },
      maxIntervalMs: this.config.pollMaxIntervalMs,
      betweenReads: () => this.throwIfCancelled(job),
      // A hung snapshot holds the datastore's resources: abort it before giving up.
      onDeadline: () =>
        this.datastore
          .deleteSnapshots(repository, [name])
          .catch((error: Error) =>
            this.logger.warn(`Could not abort the hung snapshot ${name}: ${error.message}`),
          ),
      logger: this.logger,
    });
  }

  private async findSnapshot(repository: string, name: string): Promise<SnapshotSummary | undefined> {
    const found = await this.retry(`reading ${name}`, () => this.datastore.getSnapshots(repository, [name]));
    return found.find((snapshot) => snapshot.name === name);
  }

  /** Unknown while Redis is down: the backup goes on (a DELETE is noticed once Redis answers). */
  private async isCancelled(job: BackupJob): Promise<boolean> {
    try {
      const cancelled = await this.cancellations.isCancelled(job);
      this.marksUnreadable.delete(job.id!);
      return cancelled;
    } catch (error) {
      if (!this.marksUnreadable.has(job.id!)) {
        this.marksUnreadable.add(job.id!);
        this.logger.warn({
          msg: `Could not read the cancellation mark of ${job.id}: ${(error as Error).message}; going on until Redis answers`,
          component: job.data.component,
          backupId: job.data.backupId,
        });
      }
      return false;
    }
  }

  private async throwIfCancelled(job: BackupJob): Promise<void> {
    if (await this.isCancelled(job)) throw new BackupCancelledError(job.data.backupId);
  }

  private retry<T>(what: string, work: () => Promise<T>): Promise<T> {
    return retryTransient(what, work, outageBounds(this.config), this.logger);
  }
}
