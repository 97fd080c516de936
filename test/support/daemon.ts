import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { freePort, type RunningProcess, spawnApp, waitFor } from './processes.js';

export interface DaemonOptions {
  datastoreUrl: string;
  datastoreType: 'elasticsearch' | 'opensearch';
  /** Extra or overriding environment (e.g. BACKUP_REPOSITORY_NAME). */
  env?: Record<string, string>;
  /** Reuse a queue prefix (several instances sharing one Redis); default: a fresh unique one. */
  queuePrefix?: string;
  /** Default: REDIS_URL of the test run. */
  redisUrl?: string;
  /** Orchestrator path that answers 2xx once the daemon listens; default '/' (use an open one with management auth on). */
  readyPath?: string;
}

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The daemon as a real process on free ports, with a unique BullMQ prefix removed on close. */
export class DaemonHandle {
  private constructor(
    readonly process: RunningProcess,
    readonly ports: { optimize: number; operate: number; tasklist: number; orchestrator: number },
    readonly queuePrefix: string,
    readonly redisUrl: string,
  ) {}

  /**
   * Starts the daemon on free ports. A port the OS handed out as free can be taken before the daemon
   * listens (by another suite's process, or as the local port of an outgoing connection, which comes
   * from the same ephemeral range): then the daemon exits with EADDRINUSE and is started again on
   * other ports.
   */
  static async start(options: DaemonOptions): Promise<DaemonHandle> {
    for (let attempt = 1; ; attempt++) {
      const handle = await DaemonHandle.startOnce(options);
      if (handle.process.isRunning) return handle;
      if (attempt === 3 || !handle.process.logs.includes('EADDRINUSE')) {
        throw new Error(`daemon exited:\n${handle.process.logs}`);
      }
    }
  }

  private static async startOnce(options: DaemonOptions): Promise<DaemonHandle> {
    const ports = {
      optimize: await freePort(),
      operate: await freePort(),
      tasklist: await freePort(),
      orchestrator: await freePort(),
    };
    const queuePrefix = options.queuePrefix ?? `cbo-test-${randomUUID().slice(0, 8)}`;
    const child = spawnApp('orchestrator', {
      HOST: '127.0.0.1',
      OPTIMIZE_PORT: String(ports.optimize),
      OPERATE_PORT: String(ports.operate),
      TASKLIST_PORT: String(ports.tasklist),
      ORCHESTRATOR_PORT: String(ports.orchestrator),
      DATASTORE_URL: options.datastoreUrl,
      DATASTORE_TYPE: options.datastoreType,
      REDIS_URL: options.redisUrl ?? REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      BACKUP_POLL_MAX_INTERVAL_MS: '100',
      ...options.env,
    });
    const handle = new DaemonHandle(child, ports, queuePrefix, options.redisUrl ?? REDIS_URL);
    // Start-up takes seconds; on a loaded 2-core machine (suites in parallel) it took over 20 s.
    await waitFor(
      'the daemon to listen',
      async () => {
        if (!child.isRunning) return true;
        return (await fetch(`${handle.orchestratorUrl}${options.readyPath ?? '/'}`)).ok;
      },
      { timeoutMs: 60_000 },
    );
    return handle;
  }

  get orchestratorUrl(): string {
    return `http://127.0.0.1:${this.ports.orchestrator}`;
  }

  componentUrl(component: 'optimize' | 'operate' | 'tasklist'): string {
    return `http://127.0.0.1:${this.ports[component]}`;
  }

  async stop(): Promise<void> {
    await this.process.stop();
  }

  /** SIGKILL: no shutdown hooks run, as with an OOM kill or a node loss. */
  async kill(): Promise<void> {
    await this.process.kill();
  }

  /** Stops the process and deletes every Redis key under its prefix. */
  async close(): Promise<void> {
    await this.process.stop();
    await deleteQueueKeys(this.queuePrefix, this.redisUrl);
  }
}

export async function deleteQueueKeys(prefix: string, redisUrl = REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // That Redis is gone (a test's own one): its keys went with it.
  } finally {
    redis.disconnect();
  }
}
