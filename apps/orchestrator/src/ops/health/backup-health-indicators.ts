import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { SnapshotDatastore } from '@app/datastore';
import type { SnapshotComponent } from '@app/snapshot-planning';
import type { Redis } from 'ioredis';
import { BackupQueues } from '../../backup/backup-queues.js';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from '../../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../../core/config/orchestrator-config.js';
import { RedisConnections } from '../../core/redis/redis-connections.js';
import { withTimeout } from '../with-timeout.js';
import { BackupFreshness } from './backup-freshness.service.js';

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
    @Inject(BackupFreshness) private readonly freshness: BackupFreshness,
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

  /** Whether /actuator/health carries backupFreshness (BACKUP_FRESHNESS_MAX_AGE is set). */
  get checksFreshness(): boolean {
    return this.freshness.maxAgeMs !== undefined;
  }

  /**
   * Per component, in Spring's composite shape (`components`): DOWN when its newest COMPLETED backup
   * is older than BACKUP_FRESHNESS_MAX_AGE, or the catalog cannot be read within the time-out. A
   * component without a repository is UNKNOWN and does not count.
   */
  async backupFreshness(components: readonly SnapshotComponent[]) {
    const session = this.indicators.check('backupFreshness');
    const judged = await Promise.all(
      components.map(async (component) => {
        if (!this.freshness.applies(component)) {
          return [
            component,
            { status: 'UNKNOWN', details: { message: 'no repository configured' } },
          ] as const;
        }
        try {
          const verdict = await withTimeout(this.freshness.judge(component), this.timeoutMs);
          return [component, verdict] as const;
        } catch (error) {
          return [component, { status: 'DOWN', details: { message: (error as Error).message } }] as const;
        }
      }),
    );
    const nested = Object.fromEntries(judged);
    const down = judged.some(([, verdict]) => verdict.status === 'DOWN');
    return down ? session.down({ components: nested }) : session.up({ components: nested });
  }
}
