import { Inject, Injectable } from '@nestjs/common';
import { RedisConnections } from '../core/redis/redis-connections.js';
import type { Redis } from 'ioredis';
import type { Job } from 'bullmq';
import type { BackupJobData } from './backup-job.js';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';

/** A cancelled job keeps its mark this long: longer than any job is retained. */
const MARK_TTL_SECONDS = 31 * 24 * 3600;

/**
 * Marks a backup job as cancelled by DELETE, visible to every daemon process sharing the Redis.
 * The mark holds the job's acceptance token, so a later backup with the same ID is never affected.
 */
@Injectable()
export class CancellationMarks {
  private readonly redis: Redis;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(RedisConnections) connections: RedisConnections,
  ) {
    this.redis = connections.client('cancellation marks');
  }

  private key(job: Job<BackupJobData>): string {
    return `${this.config.queuePrefix}:cancelled:${job.id}`;
  }

  async mark(job: Job<BackupJobData>): Promise<void> {
    await this.redis.set(this.key(job), job.data.acceptanceToken, 'EX', MARK_TTL_SECONDS);
  }

  async isCancelled(job: Job<BackupJobData>): Promise<boolean> {
    return (await this.redis.get(this.key(job))) === job.data.acceptanceToken;
  }

  async clear(job: Job<BackupJobData>): Promise<void> {
    await this.redis.del(this.key(job));
  }
}
