import { type DynamicModule, Module } from '@nestjs/common';
import type { SnapshotDatastore } from '@app/datastore';
import { BackupModule } from '../backup/backup.module.js';
import type { OrchestratorConfig } from '../config/orchestrator-config.js';
import { CoordinatedModule } from '../coordinated/coordinated.module.js';
import { RestoreModule } from '../restore/restore.module.js';
import { ScheduleModule } from '../schedule/schedule.module.js';
import { OrchestratorInfoController } from './orchestrator-info.controller.js';

/**
 * The daemon's main application, served on ORCHESTRATOR_PORT (9700): it owns the backup services
 * (queues, workers) and the daemon-wide endpoints. The component listeners borrow its services.
 */
@Module({})
export class OrchestratorAppModule {
  static forRoot(
    config: OrchestratorConfig,
    datastore: SnapshotDatastore,
    /** Operations modules (health, metrics, dashboard, logging), composed in main.ts. */
    operations: DynamicModule['imports'] = [],
  ): DynamicModule {
    const backup = BackupModule.forRoot(config, datastore);
    const coordinated = CoordinatedModule.forRoot(backup);
    return {
      module: OrchestratorAppModule,
      imports: [
        backup,
        coordinated,
        RestoreModule.forRoot(backup, coordinated),
        ScheduleModule.forRoot(backup, coordinated),
        ...operations,
      ],
      controllers: [OrchestratorInfoController],
    };
  }
}
