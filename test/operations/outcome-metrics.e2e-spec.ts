import { randomUUID } from 'node:crypto';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { BackupApiClient } from '../orchestrator/backup-api-client.js';
import { Redis } from 'ioredis';
import { DaemonHandle, REDIS_URL } from '../support/daemon.js';
import { DatastoreUnderTest } from '../support/datastore-under-test.js';
import { httpRequest } from '../support/http.js';
import { waitFor } from '../support/processes.js';
import { scrape, seriesOf } from './prometheus-text.js';

const OUTCOME_METRICS = [
  'camunda_backup_last_success_timestamp_seconds',
  'camunda_backup_last_failure_timestamp_seconds',
  'camunda_backup_consecutive_failures',
  'camunda_backup_duration_seconds',
  'camunda_backup_zeebe_exporting_paused',
  'camunda_restore_',
];

function lastSuccessSeries(component: string): string {
  return `camunda_backup_last_success_timestamp_seconds{component="${component}"}`;
}

/**
 * The outcome metrics (contract §8) come from a record in Redis, not from the process: a restarted
 * daemon reports exactly what its predecessor did.
 */
describe.each(DatastoreUnderTest.flavoursToTest())('outcome metrics on %s', (flavor) => {
  let datastore: DatastoreUnderTest;
  let daemon: DaemonHandle;
  const repository = `cbo-metrics-${randomUUID().slice(0, 8)}`;
  const queuePrefix = `cbo-test-${randomUUID().slice(0, 8)}`;
  const startDaemon = () =>
    DaemonHandle.start({
      datastoreUrl: datastore.url,
      datastoreType: flavor,
      queuePrefix,
      env: { BACKUP_REPOSITORY_NAME: repository },
    });
  const orchestrator = (method: string, path: string, body?: unknown) =>
    httpRequest(`${daemon.orchestratorUrl}${path}`, { method, body });

  beforeAll(async () => {
    datastore = await DatastoreUnderTest.start(flavor);
    await seedCamundaIndices(datastore.url, { docsPerIndex: 2 });
    await datastore.createRepository(repository);
    daemon = await startDaemon();
  });

  afterAll(async () => {
    await daemon?.close();
    await datastore?.close();
  });

  it('start absent (timestamps) or zero, and are restored after a restart', async () => {
    const before = seriesOf(await scrape(daemon.orchestratorUrl), OUTCOME_METRICS);
    expect(before).toEqual({
      'camunda_backup_consecutive_failures{component="coordinated"}': 0,
      'camunda_backup_consecutive_failures{component="operate"}': 0,
      'camunda_backup_consecutive_failures{component="optimize"}': 0,
      'camunda_backup_consecutive_failures{component="tasklist"}': 0,
      'camunda_backup_zeebe_exporting_paused{}': 0,
    });

    const operate = new BackupApiClient(daemon.componentUrl('operate'));
    const started = Date.now() / 1000;
    expect((await operate.create(1)).status).toBe(200);
    expect((await operate.waitUntilFinished('1')).state).toBe('COMPLETED');
    // A coordinated backup (no Zeebe configured: components only), then a restore of its Tasklist part.
    expect((await orchestrator('POST', '/api/v1/backups', { backupId: 10 })).status).toBe(202);
    await waitFor('coordinated backup 10', async () => {
      const answer = await orchestrator('GET', '/api/v1/backups/10');
      return answer.json?.finished === true;
    });
    const restore = await orchestrator('POST', '/api/v1/restores', {
      backupId: 10,
      components: ['tasklist'],
      deleteExistingIndices: true,
    });
    expect(restore.status, restore.text).toBe(202);
    await waitFor('the restore of 10', async () => {
      const answer = await orchestrator('GET', '/api/v1/restores/10');
      return answer.json?.state === 'COMPLETED';
    });
    // Last, a failed operate backup: its consecutive failures stay 1.
    if (datastore.hasFaultInjection) {
      await datastore.injectSnapshotOutcome('FAILED', 'camunda_operate_2_*');
      expect((await operate.create(2)).status).toBe(200);
      expect((await operate.waitUntilFinished('2')).state).toBe('FAILED');
    }

    let after: Record<string, number> = {};
    await waitFor('the restore outcome in the metrics', async () => {
      after = seriesOf(await scrape(daemon.orchestratorUrl), OUTCOME_METRICS);
      return after['camunda_restore_duration_seconds_count{outcome="COMPLETED"}'] === 1;
    });
    const failedToo = datastore.hasFaultInjection;
    expect(after['camunda_backup_consecutive_failures{component="operate"}']).toBe(failedToo ? 1 : 0);
    // The coordinated backup ran its own operate backup (10): two COMPLETED operate backups.
    expect(after['camunda_backup_duration_seconds_count{component="operate",outcome="COMPLETED"}']).toBe(2);
    expect(after['camunda_backup_duration_seconds_count{component="coordinated",outcome="COMPLETED"}']).toBe(
      1,
    );
    expect(
      after['camunda_backup_duration_seconds_bucket{component="operate",le="+Inf",outcome="COMPLETED"}'],
    ).toBe(2);
    expect(after['camunda_backup_duration_seconds_count{component="operate",outcome="FAILED"}']).toBe(
      failedToo ? 1 : undefined,
    );
    for (const component of ['operate', 'coordinated', 'optimize', 'tasklist']) {
      const lastSuccess = after[`camunda_backup_last_success_timestamp_seconds{component="${component}"}`]!;
      expect(lastSuccess, component).toBeGreaterThanOrEqual(Math.floor(started));
      expect(lastSuccess, component).toBeLessThanOrEqual(Date.now() / 1000);
    }
    expect(after['camunda_backup_last_failure_timestamp_seconds{component="operate"}'] !== undefined).toBe(
      failedToo,
    );
    expect(after['camunda_backup_last_failure_timestamp_seconds{component="tasklist"}']).toBeUndefined();
    expect(after['camunda_restore_last_success_timestamp_seconds{}']).toBeGreaterThanOrEqual(
      Math.floor(started),
    );

    // The restore's final log line, with its state, duration and the restored backup's ID.
    const restoreLine = daemon.process.logs
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .find((line) => line.component === 'restore' && line.state);
    expect(restoreLine).toMatchObject({
      level: 'info',
      msg: expect.stringMatching(/^Restore of backup 10 ended COMPLETED in /),
      backupId: '10',
      state: 'COMPLETED',
      durationMs: expect.any(Number),
    });

    await daemon.stop();
    daemon = await startDaemon();
    expect(seriesOf(await scrape(daemon.orchestratorUrl), OUTCOME_METRICS)).toEqual(after);
  });

  it('are rebuilt from the catalog when their record in Redis is gone', async () => {
    const recorded = seriesOf(await scrape(daemon.orchestratorUrl), OUTCOME_METRICS);
    await daemon.stop();
    const redis = new Redis(REDIS_URL);
    try {
      // A flushed Redis, a new one: the backups' records are gone (the restores' cannot come back).
      const keys = await redis.keys(`${queuePrefix}:ops:outcomes:*`);
      const backupKeys = keys.filter((key) => !key.endsWith(':restore'));
      expect(backupKeys.length).toBeGreaterThanOrEqual(4);
      await redis.del(...backupKeys);
    } finally {
      redis.disconnect();
    }
    daemon = await startDaemon();
    let rebuilt: Record<string, number> = {};
    // The first scrape finds no record and starts rebuilding it from the catalog.
    await waitFor('the outcome records rebuilt from the catalog', async () => {
      rebuilt = seriesOf(await scrape(daemon.orchestratorUrl), OUTCOME_METRICS);
      return ['operate', 'optimize', 'tasklist', 'coordinated'].every(
        (c) => rebuilt[lastSuccessSeries(c)] !== undefined,
      );
    });
    for (const component of ['operate', 'optimize', 'tasklist', 'coordinated']) {
      // The catalog's finish is the last part's end; the record's was the job's end, a moment later.
      expect(
        Math.abs(rebuilt[lastSuccessSeries(component)]! - recorded[lastSuccessSeries(component)]!),
        component,
      ).toBeLessThan(5);
      const completed = `camunda_backup_duration_seconds_count{component="${component}",outcome="COMPLETED"}`;
      expect([component, rebuilt[completed]]).toEqual([component, recorded[completed]]);
    }
    const failures = 'camunda_backup_consecutive_failures{component="operate"}';
    expect(rebuilt[failures]).toBe(recorded[failures]);
    expect(rebuilt['camunda_restore_last_success_timestamp_seconds{}']).toBe(
      recorded['camunda_restore_last_success_timestamp_seconds{}'],
    );
    expect(daemon.process.logs).toMatch(
      /Rebuilt the operate outcome record from the catalog \(\d+ backups\)/,
    );
  });
});
