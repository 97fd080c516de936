import { Inject, Injectable, Logger } from '@nestjs/common';
import { DatastoreError, type SnapshotDatastore } from '@app/datastore';
import { type Job, UnrecoverableError } from 'bullmq';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { withRedis } from '../core/redis/with-redis.js';
import { asJobFailure } from '../jobs/failure-rule.js';
import { pollUntil } from '../jobs/poll-until.js';
import { outageBounds, retryTransient } from '../jobs/transient-retry.js';
import {
  type RestoreJobData,
  type RestoreProgress,
  type RestoreStep,
  type RestoredStep,
  savedRestoreProgress,
} from './restore-job.js';
import { decideRestore, followedRestore } from './restore-resume-rule.js';

/** Rounds of "delete the existing indices, list them again" before giving up on a writer. */
const DELETE_ROUNDS = 3;
import { BackupEvents } from '../backup/backup-events.js';

/**
 * Runs one restore: deletes the existing indices when asked, then restores the snapshots one at a
 * time in plan order. Each restore is started without waiting (`wait_for_completion=false`: one
 * call as long as a restore would be cut by proxies) and followed through the recovery of the
 * snapshot's indices until every primary shard is DONE; then every index is checked present and its
 * documents counted. Stops at the first failure.
 *
 * Crash-safe: the progress is saved in the job before each change in the datastore (the deletion
 * done, the snapshot about to be restored, the snapshots restored), and a run resumed after a crash
 * starts from it. It never deletes again once the deletion was saved, so it never deletes what it
 * restored; it skips restored snapshots; and for the others it applies `decideRestore`: a snapshot
 * whose indices recover from it is followed, one with none of its indices present is started.
 */
@Injectable()
export class RestoreRunner {
  private readonly logger = new Logger(RestoreRunner.name);

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(BackupEvents) private readonly events: BackupEvents,
  ) {}

  /** Runs (or resumes) the restore and says how it ended. */
  async run(job: Job<RestoreJobData, RestoreProgress>): Promise<RestoreProgress> {
    const started = Date.now();
    const finished = (outcome: 'COMPLETED' | 'FAILED', reason?: string): void => {
      this.events.emit('restore.finished', {
        backupId: job.data.backupId,
        outcome,
        reason,
        acceptedAt: job.data.acceptedAt,
        finishedAt: Date.now(),
        durationMs: Date.now() - started,
      });
    };
    try {
      const progress = await this.runSteps(job);
      finished('COMPLETED');
      return progress;
    } catch (error) {
      const failure = asJobFailure(error);
      finished('FAILED', failure.message);
      throw failure;
    }
  }

  private async runSteps(job: Job<RestoreJobData, RestoreProgress>): Promise<RestoreProgress> {
    const { data } = job;
    let progress: RestoreProgress;
    try {
      progress = savedRestoreProgress(job.progress);
    } catch (error) {
      throw new UnrecoverableError(`Restore of backup ${data.backupId}: ${(error as Error).message}`);
    }
    if (progress.existingDeleted !== undefined) {
      this.logger.log(
        `Restore ${data.backupId}: resuming with ${progress.restored.length} of ${data.steps.length} snapshots restored${progress.current ? `, ${progress.current} possibly started` : ''}`,
      );
    }
    if (!progress.existingDeleted) {
      progress.deletedIndices = await this.deleteExisting(data);
      progress.existingDeleted = true;
      if (data.indicesToDelete.length > 0) await this.save(job, progress);
    }
    const restored = new Set(progress.restored.map((step) => step.snapshot));
    for (const step of data.steps) {
      if (restored.has(step.snapshot)) continue;
      const mayHaveStarted = progress.current === step.snapshot;
      progress.current = step.snapshot;
      // Saved before the restore is sent: a resumed run then knows the snapshot may be restoring.
      if (!mayHaveStarted) await this.save(job, progress);
      progress.restored.push(await this.restoreOne(data.backupId, step, mayHaveStarted));
    }
    delete progress.current;
    await this.save(job, progress);
    return progress;
  }

  /** Deletes those of the indices to delete that exist; returns how many existed. */
  private async deleteExisting(data: RestoreJobData): Promise<number> {
    if (data.indicesToDelete.length === 0) return 0;
    const existing = () =>
      this.retry('listing the indices to delete', async () =>
        (await this.datastore.listIndices(data.indicesToDelete)).map((index) => index.name),
      );
    const found = await existing();
    let remaining = found;
    for (let round = 1; remaining.length > 0; round++) {
      if (round > DELETE_ROUNDS) {
        throw new UnrecoverableError(
          `These indices exist again after being deleted ${DELETE_ROUNDS} times (is an application still writing?): ${remaining.join(', ')}`,
        );
      }
      try {
        await this.retry(`deleting ${remaining.length} existing indices`, () =>
          this.datastore.deleteIndices(remaining),
        );
      } catch (error) {
        // Deleted meanwhile (or by an attempt whose answer was lost): list again.
        if (!(error instanceof DatastoreError && error.kind === 'index_missing')) throw error;
      }
      remaining = await existing();
    }
    this.logger.log(`Restore ${data.backupId}: deleted ${found.length} existing indices`);
    return found.length;
  }

  private async restoreOne(
    backupId: string,
    step: RestoreStep,
    mayHaveStarted: boolean,
  ): Promise<RestoredStep> {
    const { repository, snapshot } = step;
    const [summary] = await this.retry(`reading ${snapshot}`, () =>
      this.datastore.getSnapshots(repository, [snapshot]),
    );
    if (!summary) throw new UnrecoverableError(`The snapshot ${snapshot} disappeared before its restore`);
    if (!summary.indices)
      throw new UnrecoverableError(`The datastore did not list the indices of ${snapshot}`);
    const indices = summary.indices;
    if (indices.length === 0) {
      this.logger.log(`Restore ${backupId}: ${snapshot} holds no index, nothing to restore`);
      return { snapshot, indices, documents: 0 };
    }
    await this.start(step, indices, mayHaveStarted);
    await pollUntil({
      what: `The restore of ${snapshot}`,
      read: async () => {
        const recoveries = await this.retry(`reading the recovery of ${snapshot}`, () =>
          this.datastore.getRecovery(indices),
        );
        const followed = followedRestore(step, indices, recoveries);
        if (followed.problem) throw new UnrecoverableError(followed.problem);
        return followed;
      },
      isFinal: (followed) => followed.done,
      deadline: { ms: this.config.restoreTimeoutMs, setting: 'RESTORE_TIMEOUT_MS' },
      maxIntervalMs: this.config.pollMaxIntervalMs,
      logger: this.logger,
    });
    const documents = await this.retry(`counting the documents of ${snapshot}`, () =>
      this.datastore.countDocuments(indices),
    );
    this.logger.log(
      `Restore ${backupId}: ${snapshot} restored (${indices.length} indices, ${documents} documents)`,
    );
    return { snapshot, indices, documents };
  }

  /** Sends the snapshot's restore unless the resume rule says it runs already (or forbids it). */
  private async start(step: RestoreStep, indices: string[], mayHaveStarted: boolean): Promise<void> {
    const { repository, snapshot } = step;
    let sent = 0;
    await this.retry(`starting the restore of ${snapshot}`, async () => {
      const decide = async (started: boolean) =>
        decideRestore(step, indices, await this.datastore.getRecovery(indices), started);
      const decision = await decide(mayHaveStarted || sent > 0);
      if (decision.action === 'refuse') throw new UnrecoverableError(decision.reason);
      if (decision.action === 'follow') {
        if (sent === 0) this.logger.log(`The restore of ${snapshot} was started before: following it`);
        return;
      }
      const sentBefore = sent > 0;
      sent++;
      try {
        await this.datastore.restoreSnapshot({ repository, snapshot, waitForCompletion: false });
      } catch (error) {
        // An earlier attempt whose answer was lost may have started it: the indices then exist.
        const refused = error instanceof DatastoreError && error.kind === 'restore_refused';
        if (refused && sentBefore && (await decide(true)).action === 'follow') return;
        throw error;
      }
    });
  }

  private async save(job: Job<RestoreJobData, RestoreProgress>, progress: RestoreProgress): Promise<void> {
    const saved: RestoreProgress = { ...progress, restored: [...progress.restored] };
    await this.retry(`saving the progress of the restore of backup ${job.data.backupId}`, () =>
      withRedis(`saving the progress of the restore of backup ${job.data.backupId}`, () =>
        job.updateProgress(saved),
      ),
    );
  }

  private retry<T>(what: string, work: () => Promise<T>): Promise<T> {
    return retryTransient(what, work, outageBounds(this.config), this.logger);
  }
}
