import { once } from 'node:events';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ORCHESTRATOR_CONFIG } from '../../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../../core/config/orchestrator-config.js';
import { RedisConnections } from '../../core/redis/redis-connections.js';
import { withRedis } from '../../core/redis/with-redis.js';
import { outageBounds, retryTransient } from '../../jobs/transient-retry.js';
import { withTimeout } from '../with-timeout.js';
import {
  type Outcome,
  type OutcomeSubject,
  type OutcomeSummary,
  outcomeUpdate,
  parseOutcomeHash,
} from './outcome-record.js';

/** HSET only into a hash that does not exist. */
const SEED_IF_ABSENT = `if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end redis.call('HSET', KEYS[1], unpack(ARGV)) return 1`;

/** A scrape must not hang on a dead Redis (as queue-depth.gauge.ts). */
export const SCRAPE_READ_TIMEOUT_MS = 1000;

/**
 * The outcome record in Redis (outcome-record.ts), under QUEUE_PREFIX: `{prefix}:ops:outcomes:{subject}`.
 * Written once per ended backup or restore by the daemon that ran it (atomically, MULTI), waiting out
 * a Redis outage like a job step does; read at scrape time, bounded by SCRAPE_READ_TIMEOUT_MS.
 */
@Injectable()
export class OutcomeStore {
  private readonly logger = new Logger('Metrics');
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(RedisConnections) connections: RedisConnections,
  ) {
    this.prefix = `${config.queuePrefix}:ops:outcomes`;
    this.redis = connections.client('backup metrics');
  }

  async record(
    subject: OutcomeSubject,
    outcome: Outcome,
    finishedAtMs: number,
    durationMs: number | undefined,
  ): Promise<void> {
    const update = outcomeUpdate(outcome, finishedAtMs, durationMs);
    const key = this.key(subject);
    await retryTransient(
      `recording the ${outcome} ${subject} outcome`,
      () =>
        withRedis(`recording the ${subject} outcome`, async () => {
          const multi = this.redis.multi();
          if (update.resetFailures) multi.hset(key, 'consecutiveFailures', '0');
          if (Object.keys(update.set).length > 0) multi.hset(key, update.set);
          for (const [field, by] of Object.entries(update.increment)) multi.hincrby(key, field, by);
          for (const [field, by] of Object.entries(update.incrementFloat)) multi.hincrbyfloat(key, field, by);
          const results = await multi.exec();
          const failed = results?.find(([error]) => error);
          if (!results || failed) throw failed?.[0] ?? new Error('the transaction was discarded');
        }),
      outageBounds(this.config),
      this.logger,
    );
  }

  /**
   * Writes `hash` as the subject's record only when it has none (atomically: an outcome recorded
   * meanwhile wins). Returns whether it was written.
   */
  async seed(subject: OutcomeSubject, hash: Record<string, string>): Promise<boolean> {
    const fields = Object.entries(hash).flat();
    if (fields.length === 0) return false;
    const written = await withRedis(`rebuilding the ${subject} outcome record`, () =>
      this.redis.eval(SEED_IF_ABSENT, 1, this.key(subject), ...fields),
    );
    return written === 1;
  }

  /** Every subject's summary; throws when Redis does not answer within SCRAPE_READ_TIMEOUT_MS. */
  async read(subjects: readonly OutcomeSubject[]): Promise<Map<OutcomeSubject, OutcomeSummary>> {
    const results = await withTimeout(
      (async () => {
        // Right after start-up the connection may still be opening: wait for it within the bound.
        if (this.redis.status === 'connecting' || this.redis.status === 'connect')
          await once(this.redis, 'ready');
        const pipeline = this.redis.pipeline();
        for (const subject of subjects) pipeline.hgetall(this.key(subject));
        return pipeline.exec();
      })(),
      SCRAPE_READ_TIMEOUT_MS,
    );
    const summaries = new Map<OutcomeSubject, OutcomeSummary>();
    subjects.forEach((subject, index) => {
      const [error, hash] = results?.[index] ?? [new Error('no answer')];
      if (error) throw error;
      summaries.set(subject, parseOutcomeHash(hash as Record<string, string>));
    });
    return summaries;
  }

  private key(subject: OutcomeSubject): string {
    return `${this.prefix}:${subject}`;
  }
}
