import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SnapshotDatastore } from '@app/datastore';
import { type Job, UnrecoverableError } from 'bullmq';
import { BackupEvents } from '../backup/backup-events.js';
import { SNAPSHOT_DATASTORE } from '../core/config/config.tokens.js';
import type { RestoreJobData, RestoreProgress, RestoredStep } from './restore-job.js';

/**
 * Runs one restore: deletes the existing indices when asked, then restores the snapshots one at a
 * time in plan order (wait_for_completion=true), and verifies after each that every index of the
 * snapshot exists, counting its documents. Stops at the first failure.
 */
@Injectable()
export class RestoreRunner {
  private readonly logger = new Logger(RestoreRunner.name);

  constructor(
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(BackupEvents) private readonly events: BackupEvents,
  ) {}

  /** Runs the restore (one attempt: its job has no retries) and says how it ended. */
  async run(job: Job<RestoreJobData>): Promise<RestoreProgress> {
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
      const progress = await this.runRestore(job);
      finished('COMPLETED');
      return progress;
    } catch (error) {
      finished('FAILED', (error as Error).message);
      throw error;
    }
  }

  private async runRestore(job: Job<RestoreJobData>): Promise<RestoreProgress> {
    const { data } = job;
    const progress: RestoreProgress = { deletedIndices: 0, restored: [] };
    if (data.indicesToDelete.length > 0) {
      const existing = (await this.datastore.listIndices(data.indicesToDelete)).map((index) => index.name);
      if (existing.length > 0) await this.datastore.deleteIndices(existing);
      progress.deletedIndices = existing.length;
      this.logger.log(`Restore ${data.backupId}: deleted ${existing.length} existing indices`);
    }
    for (const step of data.steps) {
      progress.current = step.snapshot;
      await job.updateProgress({ ...progress });
      progress.restored.push(await this.restoreOne(step.repository, step.snapshot));
      this.logger.log(`Restore ${data.backupId}: ${step.snapshot} restored`);
    }
    delete progress.current;
    await job.updateProgress({ ...progress });
    return progress;
  }

  private async restoreOne(repository: string, snapshot: string): Promise<RestoredStep> {
    const [summary] = await this.datastore.getSnapshots(repository, [snapshot]);
    if (!summary) throw new UnrecoverableError(`The snapshot ${snapshot} disappeared before its restore`);
    await this.datastore.restoreSnapshot({ repository, snapshot, waitForCompletion: true });
    const expected = summary.indices ?? [];
    const present = new Set((await this.datastore.listIndices(expected)).map((index) => index.name));
    const missing = expected.filter((index) => !present.has(index));
    if (missing.length > 0) {
      throw new UnrecoverableError(
        `After restoring ${snapshot}, these indices are missing: ${missing.join(', ')}`,
      );
    }
    const documents = expected.length > 0 ? await this.datastore.countDocuments(expected) : 0;
    return { snapshot, indices: expected, documents };
  }
}
