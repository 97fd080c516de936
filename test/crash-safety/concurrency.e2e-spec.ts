import { randomUUID } from 'node:crypto';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { type Component, EXPECTATIONS, partNames } from '../orchestrator/component-expectations.js';
import { DaemonHandle } from '../support/daemon.js';
import { DatastoreUnderTest } from '../support/datastore-under-test.js';
import { apiOf, expectSettledHonestly, FAST_RECOVERY_ENV } from './crash-safety-helpers.js';

describe('crash safety: several daemons sharing one Redis and datastore', () => {
  let datastore: DatastoreUnderTest;
  let first: DaemonHandle;
  let second: DaemonHandle;
  const repository = `cbo-ha-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    datastore = await DatastoreUnderTest.start('elasticsearch');
    await seedCamundaIndices(datastore.url, { docsPerIndex: 3 });
    await datastore.createRepository(repository);
    const env = { BACKUP_REPOSITORY_NAME: repository, ...FAST_RECOVERY_ENV };
    first = await DaemonHandle.start({ datastoreUrl: datastore.url, datastoreType: 'elasticsearch', env });
    second = await DaemonHandle.start({
      datastoreUrl: datastore.url,
      datastoreType: 'elasticsearch',
      env,
      queuePrefix: first.queuePrefix,
    });
  });

  afterAll(async () => {
    await second?.stop();
    await first?.close();
    await datastore?.close();
  });

  it.each<[Component, string]>([
    ['optimize', '500'],
    ['operate', '501'],
  ])(
    '%s: of 50 simultaneous creates of one ID at two daemons, exactly one is accepted',
    async (component, id) => {
      const expected = EXPECTATIONS[component];
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) => apiOf(i % 2 === 0 ? first : second, component).create(id)),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === expected.createdStatus)).toHaveLength(1);
      expect(statuses.filter((s) => s === expected.duplicateStatus)).toHaveLength(49);
      const final = await expectSettledHonestly(
        apiOf(first, component),
        datastore,
        repository,
        component,
        id,
      );
      expect(final.state).toBe(expected.completeState);
    },
  );

  it('runs backups of one component one at a time across daemons, each part created once', async () => {
    const ids = ['600', '601', '602'];
    await Promise.all(ids.map((id, i) => apiOf(i % 2 === 0 ? first : second, 'tasklist').create(id)));
    const intervals: Array<{ id: string; start: number; end: number }> = [];
    for (const id of ids) {
      const final = await expectSettledHonestly(
        apiOf(second, 'tasklist'),
        datastore,
        repository,
        'tasklist',
        id,
      );
      expect(final.state).toBe('COMPLETED');
      const names = partNames('tasklist', id);
      const firstPart = (await datastore.request('GET', `/_snapshot/${repository}/${names[0]}`)).json
        .snapshots[0];
      const lastPart = (await datastore.request('GET', `/_snapshot/${repository}/${names.at(-1)}`)).json
        .snapshots[0];
      intervals.push({ id, start: firstPart.start_time_in_millis, end: lastPart.end_time_in_millis });
    }
    intervals.sort((a, b) => a.start - b.start);
    for (let i = 1; i < intervals.length; i++) {
      expect(
        intervals[i]!.start,
        `${intervals[i]!.id} started before ${intervals[i - 1]!.id} ended`,
      ).toBeGreaterThanOrEqual(intervals[i - 1]!.end);
    }
  });
});
