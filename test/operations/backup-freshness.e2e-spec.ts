import { randomUUID } from 'node:crypto';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { BackupApiClient } from '../orchestrator/backup-api-client.js';
import { DaemonHandle } from '../support/daemon.js';
import { DatastoreUnderTest } from '../support/datastore-under-test.js';
import { waitFor } from '../support/processes.js';
import { get } from './http.js';

const MAX_AGE_SECONDS = 4;

/** BACKUP_FRESHNESS_MAX_AGE: /actuator/health carries backupFreshness; readiness and liveness never do. */
describe.each(DatastoreUnderTest.flavoursToTest())('backup freshness on %s', (flavor) => {
  let datastore: DatastoreUnderTest;
  let daemon: DaemonHandle;
  const repository = `cbo-fresh-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    datastore = await DatastoreUnderTest.start(flavor);
    await seedCamundaIndices(datastore.url, { docsPerIndex: 1 });
    await datastore.createRepository(repository);
    daemon = await DaemonHandle.start({
      datastoreUrl: datastore.url,
      datastoreType: flavor,
      env: {
        BACKUP_REPOSITORY_NAME: repository,
        BACKUP_FRESHNESS_MAX_AGE: `${MAX_AGE_SECONDS}s`,
        OPTIMIZE_ENABLED: 'false',
        TASKLIST_ENABLED: 'false',
      },
    });
  });

  afterAll(async () => {
    await daemon?.close();
    await datastore?.close();
  });

  const health = () => get(`${daemon.orchestratorUrl}/actuator/health`);
  const probesStayUp = async (): Promise<void> => {
    for (const url of [daemon.orchestratorUrl, daemon.componentUrl('operate')]) {
      const readiness = await get(`${url}/actuator/health/readiness`);
      expect(readiness.status).toBe(200);
      expect(Object.keys(readiness.json.components)).not.toContain('backupFreshness');
      expect((await get(`${url}/actuator/health/liveness`)).status).toBe(200);
    }
  };

  it('is DOWN without a COMPLETED backup, UP after one, DOWN once it is too old, and UP after the next', async () => {
    const none = await health();
    expect(none.status).toBe(503);
    expect(none.json.components.backupFreshness).toEqual({
      status: 'DOWN',
      components: {
        operate: {
          status: 'DOWN',
          details: {
            maxAgeSeconds: MAX_AGE_SECONDS,
            newestCompletedBackupId: null,
            completedAt: null,
            ageSeconds: null,
            message: 'no COMPLETED backup',
          },
        },
      },
    });
    // Everything else is UP: only freshness makes the health DOWN.
    for (const [name, component] of Object.entries<any>(none.json.components)) {
      if (name !== 'backupFreshness') expect(component.status, name).toBe('UP');
    }
    await probesStayUp();

    const operate = new BackupApiClient(daemon.componentUrl('operate'));
    expect((await operate.create(1)).status).toBe(200);
    expect((await operate.waitUntilFinished('1')).state).toBe('COMPLETED');
    const fresh = await health();
    expect(fresh.status).toBe(200);
    expect(fresh.json.status).toBe('UP');
    expect(fresh.json.components.backupFreshness.components.operate).toMatchObject({
      status: 'UP',
      details: { newestCompletedBackupId: '1', ageSeconds: expect.any(Number) },
    });
    // The component listener carries its own freshness too.
    const listener = await get(`${daemon.componentUrl('operate')}/actuator/health`);
    expect(listener.json.components.backupFreshness.components.operate.status).toBe('UP');

    const wentDownAfter = Date.now();
    await waitFor('freshness to go DOWN', async () => (await health()).status === 503, {
      timeoutMs: (MAX_AGE_SECONDS + 5) * 1000,
      intervalMs: 200,
    });
    expect(Date.now() - wentDownAfter).toBeLessThanOrEqual((MAX_AGE_SECONDS + 1) * 1000);
    const stale = await health();
    expect(stale.json.components.backupFreshness.components.operate).toMatchObject({
      status: 'DOWN',
      details: {
        newestCompletedBackupId: '1',
        ageSeconds: expect.any(Number),
        message: `the newest COMPLETED backup is older than ${MAX_AGE_SECONDS} s`,
      },
    });
    expect(
      stale.json.components.backupFreshness.components.operate.details.ageSeconds,
    ).toBeGreaterThanOrEqual(MAX_AGE_SECONDS);
    await probesStayUp();

    expect((await operate.create(2)).status).toBe(200);
    expect((await operate.waitUntilFinished('2')).state).toBe('COMPLETED');
    const again = await health();
    expect(again.status).toBe(200);
    expect(again.json.components.backupFreshness.components.operate.details.newestCompletedBackupId).toBe(
      '2',
    );
  });
});
