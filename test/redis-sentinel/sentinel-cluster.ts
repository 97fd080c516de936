import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, removeDir, RunningProcess, tempDir, waitFor } from '../support/processes.js';

/** The master group name the test's Sentinels monitor. */
export const MASTER_NAME = 'cbo-test';

interface Node {
  port: number;
  dir: string;
  process?: RunningProcess;
}

/**
 * One primary, one replica and three Sentinels (quorum 2) on free loopback ports, each with its own
 * temp dir. The data nodes and the Sentinels each have a password of their own, so the daemon's
 * REDIS_URL credentials and REDIS_SENTINEL_PASSWORD are both exercised. Failure detection is quick
 * (1 s) so a failover takes seconds.
 */
export class SentinelCluster {
  readonly dataPassword = `data-${randomUUID()}`;
  readonly sentinelPassword = `sentinel-${randomUUID()}`;

  private constructor(
    readonly dataNodes: Node[],
    readonly sentinels: Node[],
  ) {}

  static async start(): Promise<SentinelCluster> {
    const dataNodes: Node[] = [];
    for (let i = 0; i < 2; i++) dataNodes.push({ port: await freePort(), dir: tempDir('sentinel-data') });
    const sentinels: Node[] = [];
    for (let i = 0; i < 3; i++) sentinels.push({ port: await freePort(), dir: tempDir('sentinel') });
    const cluster = new SentinelCluster(dataNodes, sentinels);
    try {
      const [primary, replica] = dataNodes as [Node, Node];
      await cluster.launchDataNode(primary);
      await cluster.launchDataNode(replica, primary.port);
      await waitFor('the replica to sync', async () => (await cluster.replicationOf(primary.port)).synced, {
        timeoutMs: 15_000,
        intervalMs: 100,
      });
      for (const sentinel of sentinels) await cluster.launchSentinel(sentinel, primary.port);
      await cluster.waitUntilFailoverPossible();
      return cluster;
    } catch (error) {
      await cluster.close();
      throw error;
    }
  }

  /** What the daemon needs: REDIS_URL's host and port point nowhere, so only Sentinel can lead to Redis. */
  daemonEnv(): Record<string, string> {
    return {
      REDIS_URL: `redis://:${this.dataPassword}@127.0.0.1:1`,
      REDIS_SENTINELS: this.sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
      REDIS_SENTINEL_MASTER: MASTER_NAME,
      REDIS_SENTINEL_PASSWORD: this.sentinelPassword,
    };
  }

  /** The primary's port as the first Sentinel sees it. */
  async primaryPort(): Promise<number> {
    return (await this.primaryPortsSeen())[0]!;
  }

  /**
   * SIGKILLs the primary and waits until every Sentinel names the replica as primary and it accepts
   * writes. Returns how long that took.
   */
  async killPrimary(): Promise<number> {
    const before = await this.primaryPort();
    const node = this.dataNodes.find((n) => n.port === before)!;
    const started = Date.now();
    await node.process!.kill();
    await this.waitForNewPrimary(before);
    return Date.now() - started;
  }

  /**
   * Starts killed data nodes again as replicas of the current primary (with their data dirs), as an
   * operator's restart script would, and waits until they are in sync.
   */
  async restartKilledAsReplicas(): Promise<void> {
    const primary = await this.primaryPort();
    for (const node of this.dataNodes.filter((n) => !n.process?.isRunning)) {
      await this.launchDataNode(node, primary);
    }
    await waitFor('the restarted replica to sync', async () => (await this.replicationOf(primary)).synced, {
      timeoutMs: 15_000,
      intervalMs: 100,
    });
  }

  /**
   * Every Sentinel agrees on the primary, it has an in-sync replica the Sentinels know as healthy, and
   * a quorum can authorise a failover.
   */
  async waitUntilFailoverPossible(): Promise<void> {
    await waitFor(
      'the Sentinels to be ready for a failover',
      async () => {
        const ports = await this.primaryPortsSeen();
        if (new Set(ports).size !== 1) return false;
        const replication = await this.replicationOf(ports[0]!);
        if (!replication.synced) return false;
        for (const sentinel of this.sentinels) {
          const healthy = await this.withSentinel(sentinel, async (client) => {
            const quorum = String(await client.call('SENTINEL', 'CKQUORUM', MASTER_NAME));
            const replicas = (await client.call('SENTINEL', 'REPLICAS', MASTER_NAME)) as string[][];
            const goodReplica = replicas.some((fields) => {
              const info = fieldsOf(fields);
              // (Replication itself is checked on the primary above; the Sentinels refresh a
              // replica's own view of its link only every 10 s.)
              return info.flags === 'slave';
            });
            return quorum.startsWith('OK 3 usable') && goodReplica;
          });
          if (!healthy) return false;
        }
        return true;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }

  async close(): Promise<void> {
    for (const node of [...this.sentinels, ...this.dataNodes]) {
      await node.process?.kill();
      removeDir(node.dir);
    }
  }

  private async waitForNewPrimary(previousPort: number): Promise<void> {
    await waitFor(
      `a new primary instead of ${previousPort}`,
      async () => {
        const ports = await this.primaryPortsSeen();
        if (ports.some((port) => port === previousPort) || new Set(ports).size !== 1) return false;
        return (await this.role(ports[0]!)) === 'master';
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  private async launchDataNode(node: Node, primaryPort?: number): Promise<void> {
    const args = [
      '--port',
      String(node.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      node.dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--requirepass',
      this.dataPassword,
      '--masterauth',
      this.dataPassword,
      ...(primaryPort !== undefined ? ['--replicaof', '127.0.0.1', String(primaryPort)] : []),
    ];
    node.process = new RunningProcess(
      `redis ${node.port}`,
      spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    await waitFor(`redis on ${node.port}`, async () => (await this.role(node.port)) !== undefined, {
      timeoutMs: 10_000,
    });
  }

  private async launchSentinel(node: Node, primaryPort: number): Promise<void> {
    const configFile = join(node.dir, 'sentinel.conf');
    writeFileSync(
      configFile,
      [
        `port ${node.port}`,
        'bind 127.0.0.1',
        `dir ${node.dir}`,
        // Sentinels authenticate to each other with this same password.
        `requirepass ${this.sentinelPassword}`,
        `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${primaryPort} 2`,
        `sentinel auth-pass ${MASTER_NAME} ${this.dataPassword}`,
        `sentinel down-after-milliseconds ${MASTER_NAME} 1000`,
        `sentinel failover-timeout ${MASTER_NAME} 3000`,
        `sentinel parallel-syncs ${MASTER_NAME} 1`,
        '',
      ].join('\n'),
    );
    node.process = new RunningProcess(
      `sentinel ${node.port}`,
      spawn('redis-server', [configFile, '--sentinel'], { stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    await waitFor(
      `sentinel on ${node.port}`,
      async () => {
        if (!node.process!.isRunning) throw new Error(`sentinel exited:\n${node.process!.logs}`);
        return this.withSentinel(node, async (client) => (await client.ping()) === 'PONG');
      },
      { timeoutMs: 10_000 },
    );
  }

  private async primaryPortsSeen(): Promise<number[]> {
    const ports: number[] = [];
    for (const sentinel of this.sentinels) {
      const address = await this.withSentinel(
        sentinel,
        (client) => client.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', MASTER_NAME) as Promise<string[]>,
      );
      ports.push(Number(address[1]));
    }
    return ports;
  }

  /** The node's role, or undefined when it does not answer. */
  private async role(port: number): Promise<string | undefined> {
    return this.withDataNode(
      port,
      async (client) => fieldsOfInfo(await client.info('replication')).role,
    ).catch(() => undefined);
  }

  /** Whether the primary on `port` has a replica that is online and caught up. */
  private async replicationOf(port: number): Promise<{ synced: boolean }> {
    return this.withDataNode(port, async (client) => {
      const info = fieldsOfInfo(await client.info('replication'));
      const replica = info.slave0 ?? '';
      const offset = /offset=(\d+)/.exec(replica)?.[1];
      return {
        synced:
          info.role === 'master' && replica.includes('state=online') && offset === info.master_repl_offset,
      };
    });
  }

  private async withDataNode<T>(port: number, use: (client: Redis) => Promise<T>): Promise<T> {
    return withClient({ port, password: this.dataPassword }, use);
  }

  private async withSentinel<T>(node: Node, use: (client: Redis) => Promise<T>): Promise<T> {
    return withClient({ port: node.port, password: this.sentinelPassword }, use);
  }
}

async function withClient<T>(
  options: { port: number; password: string },
  use: (client: Redis) => Promise<T>,
): Promise<T> {
  const client = new Redis({
    host: '127.0.0.1',
    ...options,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1000,
    enableReadyCheck: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await use(client);
  } finally {
    client.disconnect();
  }
}

/** `[name, value, name, value, …]` (SENTINEL REPLICAS) as an object. */
function fieldsOf(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
}

/** `name:value` lines of INFO as an object. */
function fieldsOfInfo(info: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of info.split('\r\n')) {
    const separator = line.indexOf(':');
    if (separator > 0) fields[line.slice(0, separator)] = line.slice(separator + 1);
  }
  return fields;
}
