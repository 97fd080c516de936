import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { partNames } from '../orchestrator/component-expectations.js';
import { DaemonHandle } from '../support/daemon.js';
import { DatastoreUnderTest } from '../support/datastore-under-test.js';
import {
  apiOf,
  expectSettledHonestly,
  FAST_RECOVERY_ENV,
  partsInDatastore,
  waitForPart,
} from './crash-safety-helpers.js';

// These cases need the sandbox: its process is stopped and restarted, and faults are injected.
const sandboxOnly = process.env.DATASTORE_URL ? describe.skip : describe;

sandboxOnly('crash safety: datastore outages, 503 storms and hung snapshots', () => {
  let datastore: DatastoreUnderTest;
  let daemon: DaemonHandle;
  const repository = `cbo-outage-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    datastore = await DatastoreUnderTest.start('elasticsearch', { SANDBOX_SNAPSHOT_MIN_MS: '250' });
    await seedCamundaIndices(datastore.url, { docsPerIndex: 5 });
    await datastore.createRepository(repository);
    daemon = await DaemonHandle.start({
      datastoreUrl: datastore.url,
      datastoreType: 'elasticsearch',
      env: {
        BACKUP_REPOSITORY_NAME: repository,
        BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS: '30000',
        BACKUP_SNAPSHOT_TIMEOUT_MS: '4000',
        ...FAST_RECOVERY_ENV,
      },
    });
  });

  afterAll(async () => {
    await daemon?.close();
    await datastore?.close();
  });

  afterEach(async () => {
    await datastore.clearFaults();
  });

  it('settles honestly when the datastore stops mid-backup and comes back', async () => {
    const id = '10';
    await apiOf(daemon, 'operate').create(id);
    await waitForPart(datastore, repository, partNames('operate', id)[1]!, 'IN_PROGRESS');
    await datastore.sandbox!.stopProcess();
    await sleep(1500);
    await datastore.sandbox!.startProcess();
    // A restart fails the running snapshot (as a full-cluster restart does): FAILED with a reason
    // naming it is as honest as COMPLETED; abandoned or half-listed is not.
    const final = await expectSettledHonestly(apiOf(daemon, 'operate'), datastore, repository, 'operate', id);
    if (final.state === 'FAILED') expect(final.failureReason).toMatch(/part_2_of_6|restart/);
  });

  it('finishes the backup when the datastore is down between parts for a while', async () => {
    const id = '11';
    await apiOf(daemon, 'optimize').create(id);
    await waitForPart(datastore, repository, partNames('optimize', id)[0]!, 'SUCCESS');
    await datastore.sandbox!.stopProcess();
    await sleep(1000);
    await datastore.sandbox!.startProcess();
    const final = await expectSettledHonestly(
      apiOf(daemon, 'optimize'),
      datastore,
      repository,
      'optimize',
      id,
    );
    if (final.state === 'FAILED') expect(final.failureReason).toMatch(/part_2_of_2/);
  });

  it('rides out a storm of 503 answers on creates and reads', async () => {
    const id = '12';
    // The parts' own paths: the worker's creates and reads, not the API's synchronous checks.
    const pattern = `/_snapshot/${repository}/camunda_tasklist_${id}_8.8.0_part_*`;
    for (const method of ['PUT', 'GET']) {
      const { status } = await datastore.request('POST', '/_sandbox/faults', {
        type: 'http_error',
        status: 503,
        count: 4,
        path: pattern,
        method,
      });
      expect(status).toBe(200);
    }
    expect((await apiOf(daemon, 'tasklist').create(id)).status).toBe(200);
    const final = await expectSettledHonestly(
      apiOf(daemon, 'tasklist'),
      datastore,
      repository,
      'tasklist',
      id,
    );
    expect(final.state).toBe('COMPLETED');
    const { json: remaining } = await datastore.request('GET', '/_sandbox/faults');
    expect(remaining).toEqual([]);
  });

  it('fails a hung part after BACKUP_SNAPSHOT_TIMEOUT_MS, aborting it and creating nothing after it', async () => {
    const id = '13';
    const [first, second] = partNames('operate', id);
    await datastore.injectSnapshotOutcome('HANG', second!);
    await apiOf(daemon, 'operate').create(id);
    const final = await apiOf(daemon, 'operate').waitUntilFinished(id, 30_000);
    expect(final.state).toBe('FAILED');
    expect(final.failureReason).toContain('BACKUP_SNAPSHOT_TIMEOUT_MS=4000');
    expect(final.failureReason).toContain(second);
    expect(await partsInDatastore(datastore, repository, 'operate', id)).toEqual([first]);
  });
});
