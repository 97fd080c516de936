import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FlowProducer, Queue } from 'bullmq';
import { redactRedisUrl } from '../core/redis/redis-connections.js';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { backupQueueName, COORDINATED_QUEUE, RESTORE_QUEUE, SCHEDULE_QUEUE } from './queue-names.js';

/**
 * The producers' connections (every queue and the flow producer) report a Redis outage once when
 * it starts and once when it ends. Without a listener ioredis prints every reconnect attempt.
 */
@Injectable()
export class QueueConnectionLog {
  private readonly logger = new Logger('Redis');
  private lastError = '';

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) config: OrchestratorConfig,
    @InjectQueue(backupQueueName('optimize')) optimize: Queue,
    @InjectQueue(backupQueueName('operate')) operate: Queue,
    @InjectQueue(backupQueueName('tasklist')) tasklist: Queue,
    @InjectQueue(backupQueueName('webapps')) webapps: Queue,
    @InjectQueue(COORDINATED_QUEUE) coordinated: Queue,
    @InjectQueue(RESTORE_QUEUE) restore: Queue,
    @InjectQueue(SCHEDULE_QUEUE) schedule: Queue,
    @InjectFlowProducer(COORDINATED_QUEUE) flows: FlowProducer,
  ) {
    const url = redactRedisUrl(config.redisUrl);
    const producers: Array<Pick<NodeJS.EventEmitter, 'on'>> = [
      optimize,
      operate,
      tasklist,
      webapps,
      coordinated,
      restore,
      schedule,
      flows as unknown as NodeJS.EventEmitter,
    ];
    for (const producer of producers) {
      producer.on('error', (error: Error) => {
        // Every producer sees the same outage: one line for all of them, once per distinct error.
        if (error.message === this.lastError) return;
        this.lastError = error.message;
        this.logger.warn(`Redis ${url} unreachable for the queues: ${error.message}`);
      });
    }
  }
}
