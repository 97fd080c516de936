import { setTimeout as sleep } from 'node:timers/promises';
import { parseSnapshotName } from '@app/snapshot-planning';
import { call, CoordinatedEnv, waitForCoordinated } from '../coordinated/coordinated-env.js';
import { BackupApiClient } from '../orchestrator/backup-api-client.js';
import { type Component, EXPECTATIONS, partNames } from '../orchestrator/component-expectations.js';
import type { DaemonHandle } from '../support/daemon.js';
import { waitFor } from '../support/processes.js';
import { SentinelCluster } from './sentinel-cluster.js';

/**
 * The daemon reaches Redis only through Sentinel (its REDIS_URL host points nowhere). The primary
 * fails over in the middle of backups; every backup accepted before, during or after completes with
 * exactly its parts, and creates during the failover answer 503 or succeed, and succeed on retry.
 * (With Sentinel, an acceptance waits until a replica holds the job: REDIS_ACCEPT_REPLICAS.)
 */
describe('Redis through Sentinel: failovers in the middle of backups', () => {
  let cluster: SentinelCluster;
  let env: CoordinatedEnv;
  let daemon: DaemonHandle;

  beforeAll(async () => {
    cluster = await SentinelCluster.start();
    // Snapshots take ≥ 400 ms, so a backup of several parts is still running when the primary goes.
    env = await CoordinatedEnv.start('elasticsearch', { SANDBOX_SNAPSHOT_MIN_MS: '400' });
    daemon = await env.startDaemon(cluster.daemonEnv());
  });

  afterEach((context) => {
    if (context.task.result?.state !== 'fail') return;
    const lines = daemon.process.logs.split('\n').filter((line) => !line.includes('"msg":"request '));
    console.log(`daemon logs (without request lines):\n${lines.join('\n').slice(-30_000)}`);
  });

  afterAll(async () => {
    await env?.close();
    await cluster?.close();
  });

  async function snapshotsOfBackup(backupId: string): Promise<string[]> {
    const answer = await env.datastore('GET', `/_snapshot/${env.repository}/_all`);
    expect(answer.status).toBe(200);
    return (answer.json.snapshots as Array<{ snapshot: string }>)
      .map((s) => s.snapshot)
      .filter(
        (name) =>
          parseSnapshotName(name)?.backupId === BigInt(backupId) ||
          name === `camunda_zeebe_records_backup_${backupId}`,
      )
      .sort();
  }

  async function waitForSnapshot(name: string): Promise<void> {
    await waitFor(
      `snapshot ${name}`,
      async () => (await env.datastore('GET', `/_snapshot/${env.repository}/${name}`)).status === 200,
      { timeoutMs: 20_000, intervalMs: 20 },
    );
  }

  /** The backup finished COMPLETE(D), and its snapshots are exactly its planned parts, once each. */
  async function expectCompletedExactly(component: Component, backupId: string): Promise<void> {
    const api = new BackupApiClient(daemon.componentUrl(component));
    const final = await api.waitUntilFinished(backupId, 45_000);
    expect(final.state, `${component} backup ${backupId}: ${final.failureReason}`).toBe(
      EXPECTATIONS[component].completeState,
    );
    expect(await snapshotsOfBackup(backupId)).toEqual([...partNames(component, backupId)].sort());
  }

  /**
   * SIGKILLs the primary; once the Sentinels promoted the replica, starts the killed node again as
   * its replica (until then creates answer 503: REDIS_ACCEPT_REPLICAS=1 needs a replica). Resolves
   * with the time the failover took.
   */
  async function killPrimaryAndRestartIt(): Promise<number> {
    const failoverMs = await cluster.killPrimary();
    await cluster.restartKilledAsReplicas();
    return failoverMs;
  }

  /**
   * Optimize creates, one every 150 ms while `failover` runs (at most 8): each answers 202 or 503.
   * Those refused are retried once the failover has settled (the former primary is a replica again
   * or replaced: until then a write may still reach the former primary, which loses it when it is
   * turned into a replica); a retry then answers 202, or "already exists" when the refused attempt
   * had in fact been stored on the primary that stayed. Returns every backup ID the daemon took.
   */
  async function createDuring(failover: Promise<number>, firstId: number): Promise<string[]> {
    const api = new BackupApiClient(daemon.componentUrl('optimize'));
    const { createdStatus, duplicateStatus } = EXPECTATIONS.optimize;
    const progress = { failingOver: true };
    void failover.finally(() => (progress.failingOver = false)).catch(() => undefined);
    const answers: Array<{ id: string; status: number }> = [];
    while (progress.failingOver && answers.length < 8) {
      const id = String(firstId + answers.length);
      answers.push({ id, status: (await api.create(id)).status });
      await sleep(150);
    }
    await failover;
    for (const { id, status } of answers) {
      expect([createdStatus, 503], `create ${id} during the failover`).toContain(status);
    }
    await cluster.waitUntilFailoverPossible();
    for (const refused of answers.filter((a) => a.status === 503)) {
      await waitFor(
        `create ${refused.id} to be accepted after the failover`,
        async () => [createdStatus, duplicateStatus].includes((await api.create(refused.id)).status),
        { timeoutMs: 10_000, intervalMs: 250 },
      );
    }
    return answers.map((a) => a.id);
  }

  it('completes a coordinated backup whose primary is killed mid-run', async () => {
    const created = await call(daemon.orchestratorUrl, 'POST', '/api/v1/backups', {});
    expect(created.status).toBe(202);
    const id = String(created.json.backupId);
    await waitForSnapshot(partNames('operate', id)[1]!);

    const primaryBefore = await cluster.primaryPort();
    const failover = killPrimaryAndRestartIt();
    const createdDuring = await createDuring(failover, 7000);
    const failoverMs = await failover;
    expect(await cluster.primaryPort()).not.toBe(primaryBefore);

    const done = await waitForCoordinated(daemon.orchestratorUrl, id, 45_000);
    expect(done.state, done.failureReason).toBe('COMPLETED');
    expect(done.steps.every((s: any) => s.state === 'COMPLETED')).toBe(true);
    expect(await env.exportingState()).toBe('RUNNING');
    expect(await snapshotsOfBackup(id)).toEqual(
      [
        ...(['optimize', 'operate', 'tasklist'] as const).flatMap((c) => partNames(c, id)),
        `camunda_zeebe_records_backup_${id}`,
      ].sort(),
    );
    for (const backupId of createdDuring) await expectCompletedExactly('optimize', backupId);
    console.log(
      `failover after killing the primary took ${failoverMs} ms; ${createdDuring.length} creates during it`,
    );
  });

  it('completes a component backup whose primary is killed mid-run', async () => {
    await cluster.waitUntilFailoverPossible();
    const operate = new BackupApiClient(daemon.componentUrl('operate'));
    const id = '8000';
    // The daemon's fail-fast producers may still be reconnecting after the previous test's
    // failover: a create then answers 503 (retry later), never anything else, and is taken on retry
    // ("already exists" when a refused attempt had in fact been stored, as after any 503).
    const answers: number[] = [];
    await waitFor(
      `create ${id} to be accepted`,
      async () => {
        answers.push((await operate.create(id)).status);
        return answers.at(-1) !== 503;
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    const { createdStatus, duplicateStatus } = EXPECTATIONS.operate;
    expect(
      answers.length > 1 ? [createdStatus, duplicateStatus] : [createdStatus],
      `answers to create ${id}: ${answers.join(', ')}`,
    ).toContain(answers.at(-1));
    await waitForSnapshot(partNames('operate', id)[1]!);

    const primaryBefore = await cluster.primaryPort();
    const failover = killPrimaryAndRestartIt();
    const createdDuring = await createDuring(failover, 8100);
    const failoverMs = await failover;
    expect(await cluster.primaryPort()).not.toBe(primaryBefore);

    await expectCompletedExactly('operate', id);
    for (const backupId of createdDuring) await expectCompletedExactly('optimize', backupId);
    // Jobs are taken again after the failover: a new backup runs through.
    expect((await operate.create('8001')).status).toBe(EXPECTATIONS.operate.createdStatus);
    await expectCompletedExactly('operate', '8001');
    console.log(
      `failover after killing the primary took ${failoverMs} ms; ${createdDuring.length} creates during it`,
    );
  });

  it('logs where Redis is, never its passwords', () => {
    const logs = daemon.process.logs;
    expect(logs).toContain('via Sentinel');
    expect(logs).not.toContain(cluster.dataPassword);
    expect(logs).not.toContain(cluster.sentinelPassword);
  });
});
