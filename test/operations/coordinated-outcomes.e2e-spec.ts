import { CoordinatedEnv, call, waitForCoordinated } from '../coordinated/coordinated-env.js';
import type { DaemonHandle } from '../support/daemon.js';
import { waitFor } from '../support/processes.js';
import { scrape, seriesOf } from './prometheus-text.js';

/**
 * Coordinated backups with Zeebe end in their resume-exporting step: it tells whether the backup
 * COMPLETED or FAILED (an earlier step failed), for the metrics and the final log line.
 */
describe.each(['elasticsearch', 'opensearch'] as const)('coordinated backup outcomes on %s', (flavor) => {
  let env: CoordinatedEnv;
  let daemon: DaemonHandle;

  beforeAll(async () => {
    env = await CoordinatedEnv.start(flavor);
    daemon = await env.startDaemon();
  });

  afterAll(async () => {
    await env?.close();
  });

  const coordinatedSeries = async () =>
    seriesOf(await scrape(daemon.orchestratorUrl), [
      'camunda_backup_consecutive_failures',
      'camunda_backup_last_',
      'camunda_backup_duration_seconds_count',
      'camunda_backup_zeebe_exporting_paused',
    ]);

  it('count a failed one as a failure and a completed one as a success, exporting resumed after both', async () => {
    const failing = await env.datastore('POST', '/_sandbox/faults', {
      type: 'snapshot_outcome',
      outcome: 'FAILED',
      snapshot: 'camunda_zeebe_records_*',
    });
    expect(failing.status).toBe(200);
    const first = await call(daemon.orchestratorUrl, 'POST', '/api/v1/backups', { backupId: 100 });
    expect(first.status).toBe(202);
    expect((await waitForCoordinated(daemon.orchestratorUrl, '100')).state).toBe('FAILED');

    let series: Record<string, number> = {};
    await waitFor('the failed coordinated backup in the metrics', async () => {
      series = await coordinatedSeries();
      return series['camunda_backup_consecutive_failures{component="coordinated"}'] === 1;
    });
    expect(series['camunda_backup_last_failure_timestamp_seconds{component="coordinated"}']).toBeGreaterThan(
      0,
    );
    expect(series['camunda_backup_last_success_timestamp_seconds{component="coordinated"}']).toBeUndefined();
    expect(series['camunda_backup_duration_seconds_count{component="coordinated",outcome="FAILED"}']).toBe(1);
    expect(series['camunda_backup_zeebe_exporting_paused{}']).toBe(0);
    const failedLine = daemon.process.logs
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .find((line) => line.component === 'coordinated' && line.backupId === '100' && line.state);
    expect(failedLine).toMatchObject({
      level: 'error',
      state: 'FAILED',
      failureReason: expect.stringMatching(/camunda_zeebe_records_backup_100/),
    });

    const second = await call(daemon.orchestratorUrl, 'POST', '/api/v1/backups', { backupId: 101 });
    expect(second.status).toBe(202);
    expect((await waitForCoordinated(daemon.orchestratorUrl, '101')).state).toBe('COMPLETED');
    await waitFor('the completed coordinated backup in the metrics', async () => {
      series = await coordinatedSeries();
      return (
        series['camunda_backup_duration_seconds_count{component="coordinated",outcome="COMPLETED"}'] === 1
      );
    });
    expect(series['camunda_backup_consecutive_failures{component="coordinated"}']).toBe(0);
    expect(
      series['camunda_backup_last_success_timestamp_seconds{component="coordinated"}'],
    ).toBeGreaterThanOrEqual(
      series['camunda_backup_last_failure_timestamp_seconds{component="coordinated"}']!,
    );
    expect(series['camunda_backup_zeebe_exporting_paused{}']).toBe(0);
    expect(await env.exportingState()).not.toMatch(/PAUSED/i);
  });
});
