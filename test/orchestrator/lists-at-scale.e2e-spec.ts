import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { DaemonHandle } from '../support/daemon.js';
import { DatastoreUnderTest } from '../support/datastore-under-test.js';
import { waitFor } from '../support/processes.js';
import { TestRedis } from '../support/redis-server.js';
import { BackupApiClient } from './backup-api-client.js';
import { partNames } from './component-expectations.js';

const BIG_ID = '9007199254740993';
/** Fault injection exists only in the sandbox. */
const withFaultInjection = process.env.DATASTORE_URL ? it.skip : it;

/**
 * Product contract §7: Camunda's `verbose` and `pattern` list parameters, and the snapshot-details
 * cache (keyed by repository and uuid, never failing a list when Redis is down).
 */
describe.each(DatastoreUnderTest.flavoursToTest())('lists at scale on %s', (flavor) => {
  let datastore: DatastoreUnderTest;
  let redis: TestRedis;
  let daemon: DaemonHandle;
  let operate: BackupApiClient;
  const repository = `cbo-lists-${randomUUID().slice(0, 8)}`;

  async function list(query = '', client = operate): Promise<{ status: number; text: string; json: any }> {
    return client.request('GET', `/actuator/backups${query}`);
  }

  /** Empties the daemon's snapshot-details cache, so the next list reads every detail again. */
  async function flushDetailsCache(): Promise<number> {
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      const keys = await client.keys(`${daemon.queuePrefix}:snapshot-details:*`);
      if (keys.length > 0) await client.del(...keys);
      return keys.length;
    } finally {
      client.disconnect();
    }
  }

  beforeAll(async () => {
    datastore = await DatastoreUnderTest.start(flavor);
    await seedCamundaIndices(datastore.url, { docsPerIndex: 2 });
    await datastore.createRepository(repository);
    redis = await TestRedis.start();
    daemon = await DaemonHandle.start({
      datastoreUrl: datastore.url,
      datastoreType: flavor,
      redisUrl: redis.url,
      env: { BACKUP_REPOSITORY_NAME: repository },
    });
    operate = new BackupApiClient(daemon.componentUrl('operate'));
    for (const id of ['1', '12', '123', BIG_ID]) {
      const created = await operate.create(id);
      if (created.status !== 200) throw new Error(`creating backup ${id}: ${created.status} ${created.text}`);
      const done = await operate.waitUntilFinished(id, 60_000);
      if (done.state !== 'COMPLETED') throw new Error(`backup ${id} ended ${JSON.stringify(done)}`);
    }
  }, 180_000);

  afterAll(async () => {
    await daemon?.close();
    await redis?.close();
    await datastore?.close();
  });

  afterEach(async () => {
    await datastore.clearFaults();
  });

  it('lists verbosely by default, newest backup ID first, exact 64-bit IDs, each entry equal to its get', async () => {
    const byDefault = await list();
    expect(byDefault.status).toBe(200);
    expect(byDefault.text).toBe((await list('?verbose=true')).text);
    expect(byDefault.text).toContain(`"backupId":${BIG_ID}`);
    const ids = [...byDefault.text.matchAll(/"backupId":(\d+)/g)].map((m) => m[1]);
    expect(ids).toEqual([BIG_ID, '123', '12', '1']);
    for (const id of ids) {
      const one = await operate.get(id!);
      expect(byDefault.text).toContain(one.text);
    }
    for (const detail of byDefault.json[0].details) {
      expect(detail.startTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/);
      expect(detail.failures).toEqual([]);
    }
    // The cache changes nothing in the answer: a list with every detail read again is the same.
    expect(await flushDetailsCache()).toBeGreaterThan(0);
    expect((await list()).text).toBe(byDefault.text);
  });

  it('lists with verbose=false: the same backups and states, start times and failures null', async () => {
    const verbose = await list();
    const cheap = await list('?verbose=false');
    expect(cheap.status).toBe(200);
    expect(cheap.text).toContain(`"backupId":${BIG_ID}`);
    expect(cheap.json.map((b: any) => [b.backupId, b.state])).toEqual(
      verbose.json.map((b: any) => [b.backupId, b.state]),
    );
    for (const [index, backup] of cheap.json.entries()) {
      expect(backup.state).toBe('COMPLETED');
      expect(backup.details.map((d: any) => [d.snapshotName, d.state, d.startTime, d.failures])).toEqual(
        verbose.json[index].details.map((d: any) => [d.snapshotName, d.state, null, null]),
      );
    }
  });

  it('selects backup IDs with pattern, by prefix or exactly, never another component', async () => {
    const idsOf = async (pattern: string) => {
      const answer = await list(`?pattern=${encodeURIComponent(pattern)}`);
      expect(answer.status).toBe(200);
      return [...answer.text.matchAll(/"backupId":(\d+)/g)].map((m) => m[1]);
    };
    expect(await idsOf('*')).toEqual([BIG_ID, '123', '12', '1']);
    expect(await idsOf('')).toEqual([BIG_ID, '123', '12', '1']);
    expect(await idsOf('1*')).toEqual(['123', '12', '1']);
    expect(await idsOf('12*')).toEqual(['123', '12']);
    expect(await idsOf('12')).toEqual(['12']);
    expect(await idsOf('9*')).toEqual([BIG_ID]);
    expect(await idsOf(BIG_ID)).toEqual([BIG_ID]);
    expect(await idsOf('5*')).toEqual([]);
    expect(await idsOf('012')).toEqual([]);
    // The same repository holds only Operate backups: the other components' lists stay empty.
    const tasklist = new BackupApiClient(daemon.componentUrl('tasklist'));
    expect((await list('?pattern=1*', tasklist)).json).toEqual([]);
    const cheap = await list('?pattern=12*&verbose=false');
    expect(cheap.json.map((b: any) => b.backupId)).toEqual([123, 12]);
  });

  it('refuses an invalid pattern with 400 "Invalid pattern: <p>" in each contract’s error body', async () => {
    const optimize = new BackupApiClient(daemon.componentUrl('optimize'));
    const tasklist = new BackupApiClient(daemon.componentUrl('tasklist'));
    for (const pattern of ['23a', 'backup24*', '**', '1'.repeat(26), '1*2', '_all', '12 *']) {
      const message = `Invalid pattern: ${pattern}`;
      for (const client of [operate, tasklist]) {
        const answer = await list(`?pattern=${encodeURIComponent(pattern)}`, client);
        expect(answer.status).toBe(400);
        expect(answer.json).toEqual({ message });
      }
      const answer = await list(`?pattern=${encodeURIComponent(pattern)}`, optimize);
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ message, errorCode: 'badRequestError', errorMessage: message });
    }
    const badVerbose = await list('?verbose=perhaps');
    expect(badVerbose.status).toBe(400);
    expect(badVerbose.json.message).toMatch(/^Invalid verbose: perhaps/);
  });

  withFaultInjection(
    'answers a deleted and re-created snapshot name with the new snapshot, not the cached old one',
    async () => {
      const before = await list('?pattern=12');
      const [first] = partNames('operate', '12');
      const old = await datastore.request('GET', `/_snapshot/${repository}/${first}`);
      const indices: string[] = old.json.snapshots[0].indices;
      expect((await datastore.request('DELETE', `/_snapshot/${repository}/${first}`)).status).toBe(200);
      await datastore.injectSnapshotOutcome('FAILED', first!);
      const put = await datastore.request(
        'PUT',
        `/_snapshot/${repository}/${first}?wait_for_completion=true`,
        {
          indices,
          include_global_state: false,
        },
      );
      expect(put.status).toBe(200);
      const fresh = await datastore.request('GET', `/_snapshot/${repository}/${first}`);
      expect(fresh.json.snapshots[0].uuid).not.toBe(old.json.snapshots[0].uuid);

      const after = await list('?pattern=12');
      const backup = after.json[0];
      expect(backup.state).toBe('FAILED');
      expect(backup.failureReason).toContain(first);
      expect(backup.details[0].state).toBe('FAILED');
      expect(backup.details[0].startTime).not.toBe(before.json[0].details[0].startTime);
      expect(backup.details.slice(1)).toEqual(before.json[0].details.slice(1));
      await flushDetailsCache();
      expect((await list('?pattern=12')).text).toBe(after.text);
      expect((await operate.get('12')).text).toBe(JSON.stringify(backup));
    },
  );

  withFaultInjection('lists a backup whose part is still running as IN_PROGRESS, then finished', async () => {
    const id = '200';
    const names = partNames('operate', id);
    await datastore.injectSnapshotOutcome('HANG', names[2]!);
    expect((await operate.create(id)).status).toBe(200);
    await waitFor('part 3 to run', async () => {
      const answer = await list(`?pattern=${id}`);
      return answer.json[0]?.details.length === 3;
    });
    for (const query of [`?pattern=${id}`, `?pattern=${id}&verbose=false`]) {
      const [backup] = (await list(query)).json;
      expect(backup.state).toBe('IN_PROGRESS');
      expect(backup.details.map((d: any) => d.state)).toEqual(['SUCCESS', 'SUCCESS', 'IN_PROGRESS']);
    }
    const warm = await list(`?pattern=${id}`);
    await flushDetailsCache();
    expect((await list(`?pattern=${id}`)).text).toBe(warm.text);
    expect((await operate.delete(id)).status).toBe(204);
    expect((await list(`?pattern=${id}`)).json).toEqual([]);
  });

  it('answers every list from the datastore while Redis is down, and after it is back', async () => {
    const before = await list();
    const cheapBefore = await list('?verbose=false');
    // Killed while a list is under way, then lists while it is down.
    const during = list();
    await redis.kill();
    expect((await during).status).toBe(200);
    expect((await during).text).toBe(before.text);
    const down = await list();
    expect(down.status).toBe(200);
    expect(down.text).toBe(before.text);
    expect((await list('?verbose=false')).text).toBe(cheapBefore.text);
    expect((await list('?pattern=12*')).json.map((b: any) => b.backupId)).toEqual([123, 12]);
    await redis.launch();
    await waitFor('lists to use Redis again', async () => (await list()).text === before.text);
  });
});
