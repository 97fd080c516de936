import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { RESTORE_QUEUE } from './restore-job.js';
import { RestoreController } from './restore.controller.js';
import { RestorePrechecks } from './restore-prechecks.service.js';
import { RestoreRunner } from './restore-runner.service.js';
import { RestoreWorker } from './restore-worker.service.js';
import { Restores } from './restores.service.js';

/** Restores (`/api/v1/restores`), using the main application's backup and coordinated modules. */
@Module({})
export class RestoreModule {
  static forRoot(backupModule: DynamicModule, coordinatedModule: DynamicModule): DynamicModule {
    return {
      module: RestoreModule,
      imports: [backupModule, coordinatedModule, BullModule.registerQueue({ name: RESTORE_QUEUE })],
      controllers: [RestoreController],
      providers: [RestorePrechecks, RestoreRunner, RestoreWorker, Restores],
    };
  }
}
