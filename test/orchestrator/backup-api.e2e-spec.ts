import { randomUUID } from 'node:crypto';
import { CAMUNDA_INDICES, seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { DaemonHandle } from '../support/daemon.js';
import { DatastoreUnderTest } from '../support/datastore-under-test.js';
import { waitFor } from '../support/processes.js';
import { httpRequest } from '../support/http.js';
import { BackupApiClient } from './backup-api-client.js';
import { type Component, EXPECTATIONS, partNames, SEED_START_TIME } from './component-expectations.js';

const COMPONENTS: Component[] = ['optimize', 'operate', 'tasklist'];
/** Fault injection exists only in the sandbox; against a real cluster these cases cannot be provoked. */
const withFaultInjection = process.env.DATASTORE_URL ? it.skip : it;

describe.each(DatastoreUnderTest.flavoursToTest())('component Backup Management APIs on %s', (flavor) => {
  let datastore: DatastoreUnderTest;
  let daemon: DaemonHandle;
  const repository = `cbo-api-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    datastore = await DatastoreUnderTest.start(flavor);
    await seedCamundaIndices(datastore.url, { docsPerIndex: 3 });
    await datastore.createRepository(repository);
    daemon = await DaemonHandle.start({
      datastoreUrl: datastore.url,
      datastoreType: flavor,
      env: { BACKUP_REPOSITORY_NAME: repository },
    });
  });

  afterAll(async () => {
    await daemon?.close();
    await datastore?.close();
  });

  afterEach(async () => {
    await datastore.clearFaults();
  });

  async function snapshotsOf(component: Component, backupId: string): Promise<string[]> {
    const all = await datastore.snapshotNames(repository);
    return all.filter((name) => name.startsWith(`camunda_${component}_${backupId}_`));
  }

  describe.each(COMPONENTS)('%s', (component) => {
    const expected = EXPECTATIONS[component];
    let api: BackupApiClient;
    let nextId = 100;
    const newId = (): string => String(nextId++);

    beforeAll(() => {
      api = new BackupApiClient(daemon.componentUrl(component));
    });

    it('creates a backup at once, reports IN_PROGRESS, then finishes with every part in order and its metadata', async () => {
      const id = newId();
      const created = await api.create(id);
      expect(created.status).toBe(expected.createdStatus);
      expect(created.contentType).toMatch(/^application\/json/);
      expect(created.json).toEqual(expected.createdBody(id, partNames(component, id)));

      const running = await api.get(id);
      expect(running.status).toBe(200);
      expect(running.json.state).toBe('IN_PROGRESS');
      expect(running.json.failureReason).toBeNull();

      const done = await api.waitUntilFinished(id);
      expect(Object.keys(done)).toEqual(expected.fieldOrder);
      expect(done.backupId).toBe(Number(id));
      expect(done.state).toBe(expected.completeState);
      expect(done.failureReason).toBeNull();
      expect(done.details.map((d: any) => d.snapshotName)).toEqual(partNames(component, id));
      for (const detail of done.details) {
        expect(Object.keys(detail)).toEqual(['snapshotName', 'state', 'startTime', 'failures']);
        expect(detail.state).toBe('SUCCESS');
        expect(detail.startTime).toMatch(SEED_START_TIME);
        expect(detail.failures).toEqual([]);
      }

      // Parts ran strictly one after another, each carrying the metadata, together holding every
      // index of the component exactly once.
      const seen: string[] = [];
      let previousEnd = 0;
      for (const [index, name] of partNames(component, id).entries()) {
        const { status, text, json } = await datastore.request('GET', `/_snapshot/${repository}/${name}`);
        expect(status).toBe(200);
        const snapshot = json.snapshots[0];
        expect(text).toContain(`"backupId":${id}`);
        expect(snapshot.metadata).toEqual({
          backupId: Number(id),
          version: '8.8.0',
          partNo: index + 1,
          partCount: expected.parts,
        });
        expect(snapshot.include_global_state).toBe(expected.includeGlobalState);
        expect(snapshot.start_time_in_millis).toBeGreaterThanOrEqual(previousEnd);
        previousEnd = snapshot.end_time_in_millis;
        seen.push(...snapshot.indices);
      }
      expect([...seen].sort()).toEqual([...CAMUNDA_INDICES[component]].sort());
    });

    it('keeps IDs beyond 2^53 exact in responses and metadata', async () => {
      const id = '9007199254740993';
      const created = await api.create(id);
      expect(created.status).toBe(expected.createdStatus);
      expect(created.text).toContain(id);
      await api.waitUntilFinished(id);
      const got = await api.get(id);
      expect(got.text).toMatch(new RegExp(`^\\{"backupId":${id},`));
      const part = await datastore.request('GET', `/_snapshot/${repository}/${partNames(component, id)[0]}`);
      expect(part.text).toContain(`"backupId":${id}`);
    });

    it('accepts the largest ID, 9223372036854775807, as a string of digits', async () => {
      const id = '9223372036854775807';
      const created = await api.create(`"${id}"`);
      expect(created.status).toBe(expected.createdStatus);
      await api.waitUntilFinished(id);
      expect((await api.get(id)).text).toContain(`"backupId":${id},`);
    });

    it('refuses a duplicate ID while running and after completion', async () => {
      const id = newId();
      expect((await api.create(id)).status).toBe(expected.createdStatus);
      const whileRunning = await api.create(id);
      expect(whileRunning.status).toBe(expected.duplicateStatus);
      expect(whileRunning.json.message).toContain(`[${id}]`);
      await api.waitUntilFinished(id);
      const afterwards = await api.create(id);
      expect(afterwards.status).toBe(expected.duplicateStatus);
      expect(afterwards.json.message).toContain(`A backup with ID [${id}] already exists`);
      if (expected.errorCodes) expect(afterwards.json.errorCode).toBe('conflict');
      expect(await snapshotsOf(component, id)).toEqual(partNames(component, id));
    });

    it('answers 404 for an unknown ID and deletes every part of one backup, nothing else', async () => {
      const unknown = await api.get('424242');
      expect(unknown.status).toBe(404);
      expect(unknown.json.message).toContain('424242');
      if (expected.errorCodes) expect(unknown.json.errorCode).toBe('notFoundError');

      const keep = newId();
      const remove = newId();
      await api.create(keep);
      await api.create(remove);
      await api.waitUntilFinished(remove);
      await api.waitUntilFinished(keep);
      const others = (await datastore.snapshotNames(repository)).filter((n) => !n.includes(`_${remove}_`));

      const deleted = await api.delete(remove);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expect(await snapshotsOf(component, remove)).toEqual([]);
      expect(await datastore.snapshotNames(repository)).toEqual(others);
      expect((await api.get(remove)).status).toBe(404);
      expect((await api.get(keep)).json.state).toBe(expected.completeState);

      const again = await api.delete(remove);
      expect(again.status).toBe(expected.deleteUnknownStatus);
      if (again.status === 404) expect(again.json.message).toContain(remove);
    });

    it('lists backups newest ID first, each as the get-one object', async () => {
      const listed = await api.list();
      expect(listed.status).toBe(200);
      const ids = listed.json.map((b: any) => BigInt(b.backupId));
      expect(ids.length).toBeGreaterThan(2);
      expect([...ids].sort((a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);
      const one = listed.json.find(
        (b: any) => b.state === expected.completeState && Number.isSafeInteger(b.backupId),
      );
      expect((await api.get(String(one.backupId))).json).toEqual(one);
    });

    it('queues a second backup behind a running one and runs them one at a time', async () => {
      const first = newId();
      const second = newId();
      await api.create(first);
      await api.create(second);
      const queued = await api.get(second);
      expect(queued.json.state).toBe('IN_PROGRESS');
      await api.waitUntilFinished(first);
      await api.waitUntilFinished(second);
      const lastOfFirst = partNames(component, first).at(-1)!;
      const firstOfSecond = partNames(component, second)[0]!;
      const a = (await datastore.request('GET', `/_snapshot/${repository}/${lastOfFirst}`)).json.snapshots[0];
      const b = (await datastore.request('GET', `/_snapshot/${repository}/${firstOfSecond}`)).json
        .snapshots[0];
      expect(b.start_time_in_millis).toBeGreaterThanOrEqual(a.end_time_in_millis);
    });

    it('reports INCOMPLETE when a part was deleted behind its back', async () => {
      const id = newId();
      await api.create(id);
      await api.waitUntilFinished(id);
      // Part 1: the worker finished following it long ago. It may still be confirming the last part
      // (the datastore reports every part SUCCESS a moment before the job ends): until the job has
      // ended the backup reads IN_PROGRESS, then INCOMPLETE, since nothing is pending any more.
      const victim = partNames(component, id)[0]!;
      expect((await datastore.request('DELETE', `/_snapshot/${repository}/${victim}`)).status).toBe(200);
      const got = await api.waitUntilFinished(id);
      expect(got.state).toBe('INCOMPLETE');
      expect(got.failureReason).toBeNull();
      expect(got.details).toHaveLength(expected.parts - 1);
    });

    withFaultInjection('fails at the first FAILED part, names it, and creates no later part', async () => {
      const id = newId();
      const [firstPart] = partNames(component, id);
      await datastore.injectSnapshotOutcome('FAILED', firstPart!);
      await api.create(id);
      const done = await api.waitUntilFinished(id);
      expect(done.state).toBe('FAILED');
      expect(done.failureReason).toContain(firstPart);
      expect(done.details).toHaveLength(1);
      expect(done.details[0].state).toBe('FAILED');
      expect(await snapshotsOf(component, id)).toEqual([firstPart]);
    });

    withFaultInjection('fails on a PARTIAL part with its shard failures', async () => {
      const id = newId();
      const [, secondPart] = partNames(component, id);
      await datastore.injectSnapshotOutcome('PARTIAL', secondPart!);
      await api.create(id);
      const done = await api.waitUntilFinished(id);
      expect(done.state).toBe('FAILED');
      expect(done.failureReason).toContain(secondPart);
      expect(done.details.map((d: any) => d.state)).toEqual(['SUCCESS', 'PARTIAL']);
      expect(done.details[1].failures.length).toBeGreaterThan(0);
      expect(await snapshotsOf(component, id)).toEqual(partNames(component, id).slice(0, 2));
    });

    withFaultInjection(
      'deletes a running backup: aborts its part, cancels the rest, frees the ID',
      async () => {
        const id = newId();
        const [, secondPart] = partNames(component, id);
        await datastore.injectSnapshotOutcome('HANG', secondPart!);
        await api.create(id);
        await waitFor('the second part to run', async () =>
          (await snapshotsOf(component, id)).includes(secondPart!),
        );
        expect((await api.get(id)).json.state).toBe('IN_PROGRESS');

        const deleted = await api.delete(id);
        expect(deleted.status).toBe(204);
        expect(await snapshotsOf(component, id)).toEqual([]);
        expect((await api.get(id)).status).toBe(404);

        // The queue is not stuck and the ID can be used again.
        await datastore.clearFaults();
        expect((await api.create(id)).status).toBe(expected.createdStatus);
        expect((await api.waitUntilFinished(id)).state).toBe(expected.completeState);
        expect(await snapshotsOf(component, id)).toEqual(partNames(component, id));
      },
    );

    it('answers through duplicate slashes, as Camunda runbook scripts call it', async () => {
      const listed = await api.request('GET', '//actuator/backups');
      expect(listed.status).toBe(200);
      expect(Array.isArray(listed.json)).toBe(true);
    });

    it('does not name its web framework in its answers', async () => {
      const listed = await api.request('GET', '/actuator/backups');
      expect(listed.headers.get('x-powered-by')).toBeNull();
      const root = await httpRequest(`${daemon.orchestratorUrl}/actuator/health`);
      expect(root.headers.get('x-powered-by')).toBeNull();
    });
  });
});
