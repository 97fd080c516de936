import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { RedisConnections } from '../core/redis/redis-connections.js';
import { withRedis } from '../core/redis/with-redis.js';
import type { ScheduleRun } from './schedule-job.js';

/** The last run of each schedule, in Redis under QUEUE_PREFIX (it outlives restarts and is shared by daemons). */
@Injectable()
export class ScheduleRunStore {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) config: OrchestratorConfig,
    @Inject(RedisConnections) connections: RedisConnections,
  ) {
    this.prefix = `${config.queuePrefix}:schedule`;
    this.redis = connections.client('backup schedule');
  }

  async record(name: string, run: ScheduleRun): Promise<void> {
    await withRedis(`recording the run of schedule ${name}`, () =>
      this.redis.set(this.lastRunKey(name), JSON.stringify(run)),
    );
  }

  /** The last run; undefined when there was none, or its record cannot be read (the next run replaces it). */
  async lastRun(name: string): Promise<ScheduleRun | undefined> {
    const text = await withRedis(`reading the last run of schedule ${name}`, () =>
      this.redis.get(this.lastRunKey(name)),
    );
    if (text === null) return undefined;
    try {
      const run = JSON.parse(text) as ScheduleRun;
      return typeof run.at === 'number' ? run : undefined;
    } catch {
      return undefined;
    }
  }

  private lastRunKey(name: string): string {
    return `${this.prefix}:${name}:last-run`;
  }
}
