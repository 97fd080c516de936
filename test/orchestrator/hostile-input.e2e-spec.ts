import { randomUUID } from 'node:crypto';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { DaemonHandle } from '../support/daemon.js';
import { DatastoreUnderTest } from '../support/datastore-under-test.js';
import { BackupApiClient } from './backup-api-client.js';
import { type Component, EXPECTATIONS } from './component-expectations.js';

const COMPONENTS: Component[] = ['optimize', 'operate', 'tasklist'];

/** Raw JSON texts for `backupId` that must be refused. */
const HOSTILE_BODY_VALUES = [
  '"*"',
  '"1,2"',
  '"_all"',
  '-1',
  '0',
  '1.5',
  '9223372036854775808',
  '"%2A"',
  `"${'9'.repeat(300)}"`,
  'true',
  '[]',
  '{}',
  'null',
  '"abc"',
  '" 1"',
  '"1*"',
  '"-1"',
];

/** Path segments for GET/DELETE /actuator/backups/{id} that must be refused. */
const HOSTILE_PATH_IDS = [
  '*',
  '1,2',
  '_all',
  '-1',
  '0',
  '1.5',
  '9223372036854775808',
  '%2A',
  '1%2A',
  'x'.repeat(300),
  '1%2C2',
  '_current',
];

describe.each(DatastoreUnderTest.flavoursToTest())('hostile input on %s', (flavor) => {
  let datastore: DatastoreUnderTest;
  let daemon: DaemonHandle;
  const repository = `cbo-hostile-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    datastore = await DatastoreUnderTest.start(flavor);
    await seedCamundaIndices(datastore.url, { docsPerIndex: 1 });
    await datastore.createRepository(repository);
    daemon = await DaemonHandle.start({
      datastoreUrl: datastore.url,
      datastoreType: flavor,
      env: { BACKUP_REPOSITORY_NAME: repository },
    });
    // One finished backup per component, so "nothing else is touched" has something to protect.
    for (const component of COMPONENTS) {
      const api = new BackupApiClient(daemon.componentUrl(component));
      const created = await api.create(1);
      if (created.status !== EXPECTATIONS[component].createdStatus) throw new Error(`setup: ${created.text}`);
      await api.waitUntilFinished('1');
    }
  });

  afterAll(async () => {
    await daemon?.close();
    await datastore?.close();
  });

  describe.each(COMPONENTS)('%s', (component) => {
    let api: BackupApiClient;
    beforeAll(() => {
      api = new BackupApiClient(daemon.componentUrl(component));
    });

    async function expectNothingChanged(work: () => Promise<void>): Promise<void> {
      const snapshotsBefore = await datastore.snapshotNames(repository);
      const listBefore = (await api.list()).json;
      await work();
      expect(await datastore.snapshotNames(repository)).toEqual(snapshotsBefore);
      expect((await api.list()).json).toEqual(listBefore);
    }

    it.each(HOSTILE_BODY_VALUES)('refuses backupId %s with 400 and changes nothing', async (value) => {
      await expectNothingChanged(async () => {
        const response = await api.request('POST', '/actuator/backups', `{"backupId": ${value}}`);
        expect(response.status).toBe(400);
        expect(response.json.message).toMatch(/backupId must be/);
        if (EXPECTATIONS[component].errorCodes) expect(response.json.errorCode).toBe('badRequestError');
      });
    });

    it.each(HOSTILE_PATH_IDS)('refuses the path ID %s on GET and DELETE with 400', async (value) => {
      await expectNothingChanged(async () => {
        for (const method of ['GET', 'DELETE']) {
          const response = await api.request(method, `/actuator/backups/${value}`);
          expect(response.status, `${method} ${value}`).toBe(400);
          expect(response.json.message).toMatch(/backupId must be/);
        }
      });
    });

    it('refuses a body without backupId, invalid JSON, non-objects and non-JSON content types', async () => {
      await expectNothingChanged(async () => {
        const missing = await api.request('POST', '/actuator/backups', '{}');
        expect(missing.status).toBe(400);
        expect(missing.json.message).toMatch(/backupId must be provided/);

        const invalid = await api.request('POST', '/actuator/backups', '{backupId: 5}');
        expect(invalid.status).toBe(400);
        expect(invalid.json.message).toMatch(/not valid JSON/);

        for (const body of ['[5]', '5', '"5"']) {
          const notObject = await api.request('POST', '/actuator/backups', body);
          expect(notObject.status, body).toBe(400);
        }

        const empty = await api.request('POST', '/actuator/backups', '');
        expect(empty.status).toBe(400);

        const text = await api.request('POST', '/actuator/backups', '{"backupId": 5}', 'text/plain');
        expect(text.status).toBe(415);
        expect(text.json.message).toMatch(/Content-Type: application\/json/);

        const form = await api.request(
          'POST',
          '/actuator/backups',
          'backupId=5',
          'application/x-www-form-urlencoded',
        );
        expect(form.status).toBe(415);

        const noBody = await fetch(`${api.baseUrl}/actuator/backups`, { method: 'POST' });
        expect(noBody.status).toBe(415);
      });
    });

    it('answers unknown paths with a JSON 404', async () => {
      const response = await api.request('GET', '/actuator/nothing-here');
      expect(response.status).toBe(404);
      expect(typeof response.json.message).toBe('string');
    });
  });
});
