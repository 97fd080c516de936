import { Module } from '@nestjs/common';
import { BackupAcceptance } from './backup-acceptance.service.js';
import { BackupCatalog } from './backup-catalog.service.js';
import { BackupDeletion } from './backup-deletion.service.js';
import { BackupEvents } from './backup-events.js';
import { BackupQueues } from './backup-queues.js';
import { BackupRunner } from './backup-runner.service.js';
import { BackupWorkers } from './backup-workers.service.js';
import { CancellationMarks } from './cancellation-marks.js';
import { RedisSnapshotDetailsCache, SnapshotDetailsCache } from './snapshot-details-cache.js';

/** Component backups: accepting, running (workers), reading and deleting them, whatever the listener. */
@Module({
  providers: [
    CancellationMarks,
    { provide: SnapshotDetailsCache, useClass: RedisSnapshotDetailsCache },
    BackupEvents,
    BackupQueues,
    BackupCatalog,
    BackupAcceptance,
    BackupDeletion,
    BackupRunner,
    BackupWorkers,
  ],
  exports: [BackupEvents, BackupQueues, BackupCatalog, BackupAcceptance, BackupDeletion],
})
export class BackupModule {}
