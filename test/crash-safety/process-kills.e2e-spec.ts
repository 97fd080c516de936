import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { partNames } from '../orchestrator/component-expectations.js';
import { DaemonHandle } from '../support/daemon.js';
import { DatastoreUnderTest } from '../support/datastore-under-test.js';
import { TestRedis } from '../support/redis-server.js';
import { waitFor } from '../support/processes.js';
import { apiOf, expectSettledHonestly, FAST_RECOVERY_ENV, waitForPart } from './crash-safety-helpers.js';

describe('crash safety: daemon and Redis processes dying', () => {
  let datastore: DatastoreUnderTest;
  const repository = `cbo-kills-${randomUUID().slice(0, 8)}`;
  const daemons: DaemonHandle[] = [];

  beforeAll(async () => {
    datastore = await DatastoreUnderTest.start('elasticsearch', { SANDBOX_SNAPSHOT_MIN_MS: '250' });
    await seedCamundaIndices(datastore.url, { docsPerIndex: 5 });
    await datastore.createRepository(repository);
  });

  afterAll(async () => {
    for (const daemon of daemons) await daemon.close();
    await datastore?.close();
  });

  async function startDaemon(
    options: { queuePrefix?: string; redisUrl?: string; env?: Record<string, string> } = {},
  ) {
    const daemon = await DaemonHandle.start({
      datastoreUrl: datastore.url,
      datastoreType: 'elasticsearch',
      queuePrefix: options.queuePrefix,
      redisUrl: options.redisUrl,
      env: { BACKUP_REPOSITORY_NAME: repository, ...FAST_RECOVERY_ENV, ...options.env },
    });
    daemons.push(daemon);
    return daemon;
  }

  it('finishes every accepted backup after SIGKILLs at different moments: right after accepting, mid-part, between parts', async () => {
    let daemon = await startDaemon();
    const killDelaysMs = [0, 350, 900, 1500];
    for (const [run, delay] of killDelaysMs.entries()) {
      const id = String(1000 + run);
      expect((await apiOf(daemon, 'operate').create(id)).status).toBe(200);
      await sleep(delay);
      await daemon.kill();
      daemon = await startDaemon({ queuePrefix: daemon.queuePrefix });
      const final = await expectSettledHonestly(
        apiOf(daemon, 'operate'),
        datastore,
        repository,
        'operate',
        id,
      );
      // Being killed is no reason to fail: the backup resumes from the datastore's state.
      expect(final.state, `run ${run} (kill after ${delay} ms)`).toBe('COMPLETED');
    }
  });

  it('stops within SHUTDOWN_GRACE_MS on SIGTERM mid-backup; the next start finishes the backup', async () => {
    const daemon = await startDaemon({ env: { SHUTDOWN_GRACE_MS: '3000' } });
    const id = '2000';
    await apiOf(daemon, 'tasklist').create(id);
    await waitForPart(datastore, repository, partNames('tasklist', id)[1]!, 'IN_PROGRESS');
    const started = Date.now();
    daemon.process.child.kill('SIGTERM');
    const exitCode = await daemon.process.waitForExit();
    expect(exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(3000 + 2000);
    expect(daemon.process.logs).toContain('SIGTERM received');

    const next = await startDaemon({ queuePrefix: daemon.queuePrefix });
    const final = await expectSettledHonestly(apiOf(next, 'tasklist'), datastore, repository, 'tasklist', id);
    expect(final.state).toBe('COMPLETED');
  });

  describe('with a Redis of its own', () => {
    let redis: TestRedis;
    let daemon: DaemonHandle;

    beforeAll(async () => {
      redis = await TestRedis.start();
      daemon = await startDaemon({ redisUrl: redis.url });
    });

    afterAll(async () => {
      await daemon?.stop();
      await redis?.close();
    });

    it('continues a backup when Redis is killed and restarted mid-backup', async () => {
      const id = '3000';
      await apiOf(daemon, 'operate').create(id);
      await waitForPart(datastore, repository, partNames('operate', id)[1]!, 'IN_PROGRESS');
      await redis.kill();
      await sleep(500);
      await redis.launch();
      const final = await expectSettledHonestly(
        apiOf(daemon, 'operate'),
        datastore,
        repository,
        'operate',
        id,
      );
      expect(final.state).toBe('COMPLETED');
    });

    it('answers creates with 503 while Redis is down, still answers reads, and takes backups again when it is back', async () => {
      const api = apiOf(daemon, 'optimize');
      const done = '3100';
      await api.create(done);
      await api.waitUntilFinished(done);

      await redis.kill();
      const started = Date.now();
      const refused = await api.create('3101');
      expect(refused.status).toBe(503);
      expect(refused.json.message).toMatch(/Redis/);
      expect(Date.now() - started).toBeLessThan(5000);
      expect((await datastore.snapshotNames(repository)).some((n) => n.includes('_3101_'))).toBe(false);

      const read = await api.get(done);
      expect(read.status).toBe(200);
      expect(read.json.state).toBe('COMPLETE');
      const listed = await api.list();
      expect(listed.status).toBe(200);
      expect(listed.json.map((b: any) => String(b.backupId))).toContain(done);

      await redis.launch();
      await waitFor('creates to be accepted again', async () => (await api.create('3102')).status === 202, {
        timeoutMs: 20_000,
        intervalMs: 250,
      });
      const final = await expectSettledHonestly(api, datastore, repository, 'optimize', '3102');
      expect(final.state).toBe('COMPLETE');
    });
  });
});
