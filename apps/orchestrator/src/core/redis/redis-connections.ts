import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { ORCHESTRATOR_CONFIG } from '../config/config.tokens.js';
import type { OrchestratorConfig } from '../config/orchestrator-config.js';

/** The URL without credentials, for logs and messages. */
export function redactRedisUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

/**
 * Every Redis connection of the daemon comes from here: BullMQ's (through `bullConnection`) and the
 * command clients of the stores, cancellation marks and health checks. A client fails fast while
 * Redis is down (callers answer 503 or retry) and its outage is logged once when it starts and once
 * when it ends, not per reconnect attempt.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly clients: Redis[] = [];

  constructor(@Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig) {}

  /** What BullMQ builds its queue, worker and flow connections from. */
  bullConnection(options: { failFast: boolean }): ConnectionOptions {
    // Producers answer HTTP requests: fail fast rather than queue commands while Redis is down.
    return { url: this.config.redisUrl, ...(options.failFast ? { enableOfflineQueue: false } : {}) };
  }

  /** A command client for `purpose` (named in the outage log lines). */
  client(purpose: string, options: { connectTimeoutMs?: number; lazy?: boolean } = {}): Redis {
    const redis = new Redis(this.config.redisUrl, {
      lazyConnect: options.lazy ?? false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: options.connectTimeoutMs ?? 2000,
    });
    let downSince: number | undefined;
    redis.on('error', (error: Error) => {
      if (downSince !== undefined) return;
      downSince = Date.now();
      this.logger.warn(
        `Redis ${redactRedisUrl(this.config.redisUrl)} unreachable for ${purpose}: ${error.message}`,
      );
    });
    redis.on('ready', () => {
      if (downSince === undefined) return;
      this.logger.log(`Redis back for ${purpose} after ${Math.round((Date.now() - downSince) / 1000)} s`);
      downSince = undefined;
    });
    this.clients.push(redis);
    return redis;
  }

  onApplicationShutdown(): void {
    for (const client of this.clients) client.disconnect();
  }
}
