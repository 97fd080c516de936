import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createDatastore, type SnapshotDatastore } from '@app/datastore';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from './config/config.tokens.js';
import type { OrchestratorConfig } from './config/orchestrator-config.js';
import { datastoreErrorsCounter } from './datastore-errors.counter.js';
import { InstrumentedDatastore } from './instrumented-datastore.js';
import { RedisConnections } from './redis/redis-connections.js';

/**
 * What every feature of the main application uses: the validated configuration, the datastore
 * (errors counted for metrics) and the Redis connection factory. Global: features inject them.
 */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore) {}

  static forRoot(config: OrchestratorConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: ORCHESTRATOR_CONFIG, useValue: config },
        {
          provide: SNAPSHOT_DATASTORE,
          useFactory: () =>
            new InstrumentedDatastore(createDatastore(config.datastore), datastoreErrorsCounter()),
        },
        RedisConnections,
      ],
      exports: [ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE, RedisConnections],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.datastore.close();
  }
}
