import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { SnapshotDatastore } from '@app/datastore';
import type { SnapshotComponent } from '@app/snapshot-planning';
import type { Redis } from 'ioredis';
import { BackupQueues } from '../../backup/backup-queues.js';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from '../../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../../core/config/orchestrator-config.js';
import { RedisConnections } from '../../core/redis/redis-connections.js';

/**
 * The daemon's health indicators, one instance per process shared by every listener. Each check is
 * bounded by HEALTH_CHECK_TIMEOUT_MS; a check that throws or runs out of time reports DOWN.
 */
@Injectable()
export class BackupHealthIndicators {
  private readonly timeoutMs: number;
  /** A connection of its own: BullMQ's may be busy (blocking reads) or retrying. */
  private readonly redis: Redis;

  constructor(
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(BackupQueues) private readonly queues: BackupQueues,
    @Inject(RedisConnections) connections: RedisConnections,
  ) {
    this.timeoutMs = config.healthCheckTimeoutMs;
    this.redis = connections.client('health checks', { lazy: true, connectTimeoutMs: this.timeoutMs });
  }

  /** Reachable, and the cluster is not red. */
  datastoreReachable() {
    return this.indicators
      .check('datastore')
      .attempt(async () => {
        const clusterStatus = await this.datastore.clusterHealth();
        if (clusterStatus === 'red') throw new Error('cluster health is red');
        return { flavor: this.datastore.flavor, clusterStatus };
      })
      .withTimeout(this.timeoutMs);
  }

  redisReachable() {
    return this.indicators
      .check('redis')
      .attempt(async () => {
        if (this.redis.status === 'wait') await this.redis.connect();
        return { pong: await this.redis.ping() };
      })
      .withTimeout(this.timeoutMs);
  }

  /** The components' queues answer (through BullMQ's own connection), with their job counts. */
  queueReachable(components: readonly SnapshotComponent[]) {
    return this.indicators
      .check('queue')
      .attempt(async () => {
        const counts: Record<string, Record<string, number>> = {};
        for (const component of components) {
          counts[component] = await this.queues
            .queue(component)
            .getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
        }
        return counts;
      })
      .withTimeout(this.timeoutMs);
  }

  /** Every configured repository exists; a component without one is reported, not DOWN (contract §2). */
  snapshotRepositories(components: readonly SnapshotComponent[]) {
    return this.indicators
      .check('snapshotRepository')
      .attempt(async () => {
        const details: Record<string, string> = {};
        const missing: string[] = [];
        for (const component of components) {
          const repository = this.config.components[component].repository;
          if (repository === undefined) {
            details[component] = 'not configured';
            continue;
          }
          try {
            await this.datastore.assertRepositoryExists(repository);
            details[component] = repository;
          } catch (error) {
            missing.push(`${component}: ${(error as Error).message}`);
          }
        }
        if (missing.length > 0) throw new Error(missing.join('; '));
        return details;
      })
      .withTimeout(this.timeoutMs);
  }
}
