import { Module } from '@nestjs/common';
import { BackupModule } from '../backup/backup.module.js';
import { ZeebeModule } from '../zeebe/zeebe.module.js';
import { CoordinatedBackups } from './coordinated-backup.service.js';
import { CoordinatedDescriber } from './coordinated-describer.service.js';
import { CoordinatedStepRunner } from './coordinated-step-runner.service.js';
import { CoordinatedStore } from './coordinated-store.js';
import { CoordinatedWorker } from './coordinated-worker.service.js';
import { ExportingWatchdog } from './exporting-watchdog.service.js';
import { OperationSlot } from './operation-slot.service.js';

/** Coordinated backups (created through `/api/v1/backups`, see catalog/): one ID across the components and Zeebe, as a BullMQ flow. */
@Module({
  imports: [BackupModule, ZeebeModule],
  providers: [
    CoordinatedStore,
    CoordinatedDescriber,
    CoordinatedStepRunner,
    CoordinatedWorker,
    ExportingWatchdog,
    CoordinatedBackups,
    OperationSlot,
  ],
  exports: [CoordinatedStore, CoordinatedBackups, CoordinatedDescriber, OperationSlot],
})
export class CoordinatedModule {}
