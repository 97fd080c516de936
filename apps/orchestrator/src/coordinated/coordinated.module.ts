import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { zeebeClientProvider } from '../zeebe/zeebe-client.provider.js';
import { CoordinatedBackupController } from './coordinated-backup.controller.js';
import { CoordinatedBackups } from './coordinated-backup.service.js';
import { COORDINATED_QUEUE } from './coordinated-steps.js';
import { CoordinatedStepRunner } from './coordinated-step-runner.service.js';
import { CoordinatedStore } from './coordinated-store.js';
import { CoordinatedView } from './coordinated-view.service.js';
import { CoordinatedWorker } from './coordinated-worker.service.js';
import { ExportingWatchdog } from './exporting-watchdog.service.js';

/**
 * Coordinated backups (`/api/v1/backups`). `backupModule` is the main application's BackupModule
 * instance: its services (scheduler, catalog, deletion) are used as they are.
 */
@Module({})
export class CoordinatedModule {
  static forRoot(backupModule: DynamicModule): DynamicModule {
    return {
      module: CoordinatedModule,
      imports: [
        backupModule,
        BullModule.registerQueue({ name: COORDINATED_QUEUE }),
        BullModule.registerFlowProducer({ name: COORDINATED_QUEUE }),
      ],
      controllers: [CoordinatedBackupController],
      providers: [
        zeebeClientProvider,
        CoordinatedStore,
        CoordinatedView,
        CoordinatedStepRunner,
        CoordinatedWorker,
        ExportingWatchdog,
        CoordinatedBackups,
      ],
      exports: [zeebeClientProvider, CoordinatedStore, CoordinatedBackups],
    };
  }
}
