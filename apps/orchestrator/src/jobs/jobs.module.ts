import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { RedisConnections } from '../core/redis/redis-connections.js';
import { JobWorkers } from './job-workers.js';
import { QueueConnectionLog } from './queue-connection-log.js';
import {
  backupQueueName,
  COORDINATED_QUEUE,
  NOTIFICATION_QUEUE,
  RESTORE_QUEUE,
  SCHEDULE_QUEUE,
} from './queue-names.js';

/** Every queue of the daemon (producers fail fast while Redis is down) and the one worker factory. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ORCHESTRATOR_CONFIG, RedisConnections],
      useFactory: (config: OrchestratorConfig, redis: RedisConnections) => ({
        connection: redis.bullConnection({ failFast: true }),
        prefix: config.queuePrefix,
      }),
    }),
    BullModule.registerQueue(
      ...SNAPSHOT_COMPONENTS.map((component) => ({ name: backupQueueName(component) })),
      { name: COORDINATED_QUEUE },
      { name: RESTORE_QUEUE },
      { name: SCHEDULE_QUEUE },
      { name: NOTIFICATION_QUEUE },
    ),
    BullModule.registerFlowProducer({ name: COORDINATED_QUEUE }),
  ],
  providers: [JobWorkers, QueueConnectionLog],
  exports: [BullModule, JobWorkers],
})
export class JobsModule {}
