import { Module } from '@nestjs/common';
import { BackupModule } from '../backup/backup.module.js';
import { CoordinatedModule } from '../coordinated/coordinated.module.js';
import { RestoreController } from './restore.controller.js';
import { RestorePrechecks } from './restore-prechecks.service.js';
import { RestoreRunner } from './restore-runner.service.js';
import { RestoreWorker } from './restore-worker.service.js';
import { Restores } from './restores.service.js';

/** Restores (`/api/v1/restores`) of component and coordinated backups. */
@Module({
  imports: [BackupModule, CoordinatedModule],
  controllers: [RestoreController],
  providers: [RestorePrechecks, RestoreRunner, RestoreWorker, Restores],
})
export class RestoreModule {}
