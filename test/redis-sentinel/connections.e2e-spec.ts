import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { readOrchestratorConfig } from '../../apps/orchestrator/src/core/config/orchestrator-config.js';
import { RedisConnections } from '../../apps/orchestrator/src/core/redis/redis-connections.js';
import { waitFor } from '../support/processes.js';
import { SentinelCluster } from './sentinel-cluster.js';

/**
 * The daemon's connections themselves, built from its settings, through repeated failovers: each
 * must find the new primary on its own. (With ioredis's `failoverDetector`, a +switch-master that
 * arrived while a connection was asking the Sentinels ended it for good: some of 150 connections
 * answered "Connection is closed." forever after two failovers.)
 */
/** Each distinct answer to PING and how many clients gave it, once all answer PONG or after 15 s. */
async function answersOnceAllPong(clients: Redis[]): Promise<Record<string, number>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const answers = await Promise.all(clients.map((c) => c.ping().catch((error: Error) => error.message)));
    const counts: Record<string, number> = {};
    for (const answer of answers) counts[answer] = (counts[answer] ?? 0) + 1;
    if (counts.PONG === clients.length || Date.now() > deadline) return counts;
    await sleep(250);
  }
}

describe('Redis connections through Sentinel', () => {
  let cluster: SentinelCluster;

  beforeAll(async () => {
    // 150 clients each log their outage and recovery: keep the test's output to what failed.
    Logger.overrideLogger(['error']);
    cluster = await SentinelCluster.start();
  });

  afterAll(async () => {
    await cluster?.close();
  });

  it('every command client and BullMQ connection works again after each of two failovers', async () => {
    const { config, problems } = readOrchestratorConfig({ HOST: '127.0.0.1', ...cluster.daemonEnv() });
    expect(problems).toEqual([]);
    const connections = new RedisConnections(config!);
    const clients: Redis[] = Array.from({ length: 150 }, (_, i) => connections.client(`client ${i}`));
    const prefix = `cbo-sentinel-${randomUUID()}`;
    const processed: string[] = [];
    const queue = new Queue('failovers', {
      connection: connections.bullConnection({ failFast: true }),
      prefix,
    });
    const worker = new Worker(
      'failovers',
      async (job) => {
        processed.push(job.name);
      },
      { connection: connections.bullConnection({ failFast: false }), prefix },
    );
    // Connection errors during a failover are expected; what counts is that each connection recovers.
    queue.on('error', () => undefined);
    worker.on('error', () => undefined);
    try {
      for (const round of [1, 2]) {
        await cluster.killPrimary();
        await cluster.restartKilledAsReplicas();
        await cluster.waitUntilFailoverPossible();
        expect(await answersOnceAllPong(clients), `clients' answers after failover ${round}`).toEqual({
          PONG: clients.length,
        });
        await waitFor(
          `a job to be added after failover ${round}`,
          async () =>
            await queue.add(`job ${round}`, {}).then(
              () => true,
              () => false,
            ),
          { timeoutMs: 15_000, intervalMs: 250 },
        );
        await waitFor(`job ${round} to be processed`, async () => processed.includes(`job ${round}`), {
          timeoutMs: 15_000,
          intervalMs: 100,
        });
      }
      expect(clients.map((c) => c.status)).toEqual(clients.map(() => 'ready'));
    } finally {
      await worker.close(true);
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      connections.onApplicationShutdown();
    }
  }, 120_000);
});
