import { withRedis } from '../core/redis/with-redis.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SnapshotDatastore } from '@app/datastore';
import { backupSnapshotPattern, parseAnySnapshotName } from '@app/snapshot-planning';
import { SNAPSHOT_DATASTORE } from '../core/config/config.tokens.js';
import type { ComponentSettings } from '../core/config/orchestrator-config.js';
import { type BackupJob, BackupQueues } from './backup-queues.js';
import { CancellationMarks } from './cancellation-marks.js';
import { assertRepositoryPresent, requireRepository } from './snapshot-repository.js';

/** How long a DELETE waits for a running backup step to notice its cancellation. */
const RUNNING_JOB_STOP_WAIT_MS = 15_000;

/**
 * Deletes one backup: cancels its job (queued or running) and deletes exactly its parts, by exact
 * names that parse back to this component and ID. A running part is aborted by the datastore.
 */
@Injectable()
export class BackupDeletion {
  private readonly logger = new Logger(BackupDeletion.name);

  constructor(
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(BackupQueues) private readonly queues: BackupQueues,
    @Inject(CancellationMarks) private readonly cancellations: CancellationMarks,
  ) {}

  /** false when nothing of that backup existed. */
  async deleteBackup(component: ComponentSettings, backupId: bigint): Promise<boolean> {
    const repository = requireRepository(component);
    await assertRepositoryPresent(this.datastore, repository);
    const live = await this.queues.findLiveJob(component.name, backupId);
    const partNames = await this.partNames(component, repository, backupId);
    if (!live && partNames.length === 0) return false;

    if (live) {
      await withRedis(`cancelling backup ${backupId}`, () => this.cancellations.mark(live.job));
    }
    if (partNames.length > 0) await this.datastore.deleteSnapshots(repository, partNames);
    if (live) {
      await this.stopAndRemove(live.job);
      // A part created while the job was stopping is deleted too.
      const lateParts = await this.partNames(component, repository, backupId);
      if (lateParts.length > 0) await this.datastore.deleteSnapshots(repository, lateParts);
    }
    this.logger.log(`Deleted ${component.name} backup ${backupId} (${partNames.length} parts)`);
    return true;
  }

  private async partNames(
    component: ComponentSettings,
    repository: string,
    backupId: bigint,
  ): Promise<string[]> {
    const snapshots = await this.datastore.getSnapshots(
      repository,
      [backupSnapshotPattern(component.name, backupId)],
      {
        verbose: false,
      },
    );
    return snapshots
      .map((snapshot) => snapshot.name)
      .filter((name) => {
        const parsed = parseAnySnapshotName(name);
        return parsed?.component === component.name && parsed.backupId === backupId;
      });
  }

  /** Removes the job; a running one is first given time to notice its cancellation mark and stop. */
  private async stopAndRemove(job: BackupJob): Promise<void> {
    const deadline = Date.now() + RUNNING_JOB_STOP_WAIT_MS;
    for (;;) {
      const state = await job.getState();
      if (state === 'unknown') return;
      if (state !== 'active') {
        try {
          await job.remove();
          await this.cancellations.clear(job);
          return;
        } catch {
          // It became active between the two calls: wait for it like any running job.
        }
      }
      if (Date.now() > deadline) {
        this.logger.warn(
          `Backup job ${job.id} is still running ${RUNNING_JOB_STOP_WAIT_MS} ms after its cancellation; it stops at its next step and stays hidden`,
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
