import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ConnectionOptions, RedisOptions as BullRedisOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { ORCHESTRATOR_CONFIG } from '../config/config.tokens.js';
import type { OrchestratorConfig } from '../config/orchestrator-config.js';

/** The URL without credentials, for logs and messages. */
export function redactRedisUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

/** Where the daemon's Redis is, for logs and messages (never with credentials). */
export function describeRedis(config: Pick<OrchestratorConfig, 'redisUrl' | 'redisSentinel'>): string {
  const sentinel = config.redisSentinel;
  if (!sentinel) return redactRedisUrl(config.redisUrl);
  const addresses = sentinel.sentinels.map(({ host, port }) =>
    host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`,
  );
  return `master "${sentinel.masterName}" via Sentinel ${addresses.join(', ')}`;
}

/** The ioredis options a Sentinel set-up adds to every connection. */
export type SentinelOptions = Pick<
  RedisOptions,
  | 'sentinels'
  | 'name'
  | 'role'
  | 'sentinelPassword'
  | 'sentinelTLS'
  | 'enableTLSForSentinelMode'
  | 'sentinelRetryStrategy'
  | 'reconnectOnError'
>;

/**
 * What every connection is built from: REDIS_URL (with Sentinel, only its user, password, database
 * and scheme count: ioredis ignores the URL's host and port when `sentinels` is given) and, when
 * configured, the Sentinel options that make ioredis ask the Sentinels for the current primary on
 * every (re)connect and check that the node it reached is the primary.
 */
export function redisConnectionSettings(
  config: Pick<OrchestratorConfig, 'redisUrl' | 'redisSentinel'>,
  options: { failFast: boolean },
): { url: string; options: SentinelOptions } {
  const sentinel = config.redisSentinel;
  if (!sentinel) return { url: config.redisUrl, options: {} };
  const dataNodesUseTls = new URL(config.redisUrl).protocol === 'rediss:';
  return {
    url: config.redisUrl,
    options: {
      sentinels: sentinel.sentinels.map(({ host, port }) => ({ host, port })),
      name: sentinel.masterName,
      role: 'master',
      ...(sentinel.password !== undefined ? { sentinelPassword: sentinel.password } : {}),
      ...(sentinel.tls ? { sentinelTLS: {} } : {}),
      // ioredis uses `tls` (from rediss://) for the data nodes it finds through Sentinel only with this.
      ...(dataNodesUseTls ? { enableTLSForSentinelMode: true } : {}),
      // No `failoverDetector` (ioredis's +switch-master subscription): a switch-master message that
      // arrives while a connection is asking the Sentinels for the primary ends that connection for
      // good ("Connection is closed." on every later command; BullMQ does not recover from it either).
      // A failover needs no message here: a dead primary drops its connections, and Redis drops every
      // client of a primary the Sentinels turn into a replica, so each connection asks them again.

      // While every Sentinel is unreachable, ask again after at most 1 s.
      sentinelRetryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
      // A former primary demoted by a failover answers writes with READONLY: reconnect, which asks
      // the Sentinels for the new primary. Fail-fast connections fail the command (the caller answers
      // 503 or retries); the others send it again on the new primary (READONLY means it did not run).
      reconnectOnError: (error: Error) =>
        error.message.startsWith('READONLY') ? (options.failFast ? 1 : 2) : false,
    },
  };
}

/**
 * Every Redis connection of the daemon comes from here: BullMQ's (through `bullConnection`) and the
 * command clients of the stores, cancellation marks and health checks. A client fails fast while
 * Redis is down (callers answer 503 or retry) and its outage is logged once when it starts and once
 * when it ends, not per reconnect attempt.
 */
/** How long an acceptance waits for replicas to acknowledge it (REDIS_ACCEPT_REPLICAS). */
export const REPLICA_ACK_TIMEOUT_MS = 1000;

@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly clients: Redis[] = [];
  /** Writes the fences of confirmReplicated; connected from the start, as it fails fast. */
  private readonly fenceClient?: Redis;

  constructor(@Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig) {
    if (config.redisAcceptReplicas > 0) this.fenceClient = this.client('replication fence');
  }

  /** What BullMQ builds its queue, worker and flow connections from. */
  bullConnection(options: { failFast: boolean }): ConnectionOptions {
    const settings = redisConnectionSettings(this.config, options);
    // Producers answer HTTP requests: fail fast rather than queue commands while Redis is down.
    const connection: BullRedisOptions = {
      url: settings.url,
      ...settings.options,
      // BullMQ's own default backs off to 20 s between reconnects, so after a Redis outage or a
      // Sentinel failover of some seconds a queue could refuse creates for 20 s more. At most 2 s,
      // like the command clients (ioredis's default).
      retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
      ...(options.failFast ? { enableOfflineQueue: false } : {}),
    };
    return connection;
  }

  /** A command client for `purpose` (named in the outage log lines). */
  client(purpose: string, options: { connectTimeoutMs?: number; lazy?: boolean } = {}): Redis {
    const settings = redisConnectionSettings(this.config, { failFast: true });
    const redis = new Redis(settings.url, {
      ...settings.options,
      lazyConnect: options.lazy ?? false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: options.connectTimeoutMs ?? 2000,
    });
    let downSince: number | undefined;
    redis.on('error', (error: Error) => {
      if (downSince !== undefined) return;
      downSince = Date.now();
      this.logger.warn(`Redis ${describeRedis(this.config)} unreachable for ${purpose}: ${error.message}`);
    });
    redis.on('ready', () => {
      if (downSince === undefined) return;
      this.logger.log(`Redis back for ${purpose} after ${Math.round((Date.now() - downSince) / 1000)} s`);
      downSince = undefined;
    });
    this.clients.push(redis);
    return redis;
  }

  /**
   * Resolves once REDIS_ACCEPT_REPLICAS replicas hold every write this daemon finished before the
   * call (e.g. a job just added); throws otherwise. Replication is one ordered stream, so a fence
   * written now and acknowledged by a replica (WAIT) proves the earlier writes reached it too. If the
   * earlier writes went to a former primary during a failover, the fence lands on the new primary,
   * which has no replica with them: the WAIT fails, and the caller answers 503 instead of accepting
   * a job the failover may lose.
   */
  async confirmReplicated(): Promise<void> {
    const wanted = this.config.redisAcceptReplicas;
    if (!this.fenceClient) return;
    await this.fenceClient.set(
      `${this.config.queuePrefix}:replication-fence`,
      String(Date.now()),
      'PX',
      60_000,
    );
    const acknowledged = await this.fenceClient.wait(wanted, REPLICA_ACK_TIMEOUT_MS);
    if (acknowledged < wanted) {
      throw new Error(
        `${acknowledged} of ${wanted} Redis replica(s) acknowledged it within ${REPLICA_ACK_TIMEOUT_MS} ms (REDIS_ACCEPT_REPLICAS=${wanted})`,
      );
    }
  }

  onApplicationShutdown(): void {
    for (const client of this.clients) client.disconnect();
  }
}
