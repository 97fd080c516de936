import { type DynamicModule, Module } from '@nestjs/common';
import type { SnapshotDatastore } from '@app/datastore';
import { BackupModule } from '../backup/backup.module.js';
import type { OrchestratorConfig } from '../config/orchestrator-config.js';
import { OrchestratorInfoController } from './orchestrator-info.controller.js';

/**
 * The daemon's main application, served on ORCHESTRATOR_PORT (9700): it owns the backup services
 * (queues, workers) and the daemon-wide endpoints. The component listeners borrow its services.
 */
@Module({})
export class OrchestratorAppModule {
  static forRoot(config: OrchestratorConfig, datastore: SnapshotDatastore): DynamicModule {
    return {
      module: OrchestratorAppModule,
      imports: [BackupModule.forRoot(config, datastore)],
      controllers: [OrchestratorInfoController],
    };
  }
}
