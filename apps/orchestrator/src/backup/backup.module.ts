import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import type { SnapshotDatastore } from '@app/datastore';
import { COMPONENTS } from '@app/snapshot-planning';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from '../config/config.tokens.js';
import type { OrchestratorConfig } from '../config/orchestrator-config.js';
import { BackupCatalog } from './backup-catalog.service.js';
import { BackupDeletion } from './backup-deletion.service.js';
import { BackupEvents } from './backup-events.js';
import { backupQueueName } from './backup-job.js';
import { BackupQueues } from './backup-queues.js';
import { BackupRunner } from './backup-runner.service.js';
import { BackupScheduler } from './backup-scheduler.service.js';
import { BackupWorkers } from './backup-workers.service.js';
import { CancellationMarks } from './cancellation-marks.js';

/** Everything about backups that does not depend on a listener: queues, workers, reads, writes. */
@Module({})
export class BackupModule {
  static forRoot(config: OrchestratorConfig, datastore: SnapshotDatastore): DynamicModule {
    return {
      module: BackupModule,
      imports: [
        BullModule.forRoot({
          // Producers answer HTTP requests: fail fast (503) rather than queue commands while Redis is down.
          connection: { url: config.redisUrl, enableOfflineQueue: false },
          prefix: config.queuePrefix,
        }),
        BullModule.registerQueue(...COMPONENTS.map((component) => ({ name: backupQueueName(component) }))),
      ],
      providers: [
        { provide: ORCHESTRATOR_CONFIG, useValue: config },
        { provide: SNAPSHOT_DATASTORE, useValue: datastore },
        CancellationMarks,
        BackupEvents,
        BackupQueues,
        BackupCatalog,
        BackupScheduler,
        BackupDeletion,
        BackupRunner,
        BackupWorkers,
      ],
      exports: [
        ORCHESTRATOR_CONFIG,
        SNAPSHOT_DATASTORE,
        BackupQueues,
        BackupCatalog,
        BackupScheduler,
        BackupDeletion,
      ],
    };
  }
}
