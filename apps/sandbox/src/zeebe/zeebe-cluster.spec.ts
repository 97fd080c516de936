import { timestamp, ZeebeCluster } from './zeebe-cluster.js';
import { loadZeebeConfig, type ZeebeStandInConfig } from './zeebe-config.js';
import { ZeebeFaults } from './zeebe-faults.js';

describe('Zeebe stand-in cluster', () => {
  const config: ZeebeStandInConfig = {
    port: 0,
    host: '127.0.0.1',
    partitions: 2,
    partitionBackupMs: 0,
    version: 'legacy',
    continuousBackups: false,
  };

  it('takes growing IDs only, never reusing a deleted one', () => {
    const cluster = new ZeebeCluster(config, new ZeebeFaults());
    expect(cluster.takeBackup(5n)).toBe('accepted');
    expect(cluster.takeBackup(5n)).toBe('taken');
    expect(cluster.takeBackup(4n)).toBe('taken');
    cluster.delete(5n);
    expect(cluster.takeBackup(5n)).toBe('taken');
    expect(cluster.takeBackup(6n)).toBe('accepted');
    expect(cluster.list().map((b) => b.backupId)).toEqual([6n]);
  });

  it('reports every partition and the worst state, with injected outcomes', () => {
    const faults = new ZeebeFaults();
    const cluster = new ZeebeCluster(config, faults);
    cluster.takeBackup(1n);
    expect(cluster.describe(1n)).toMatchObject({
      state: 'COMPLETED',
      details: [{ partitionId: 1 }, { partitionId: 2 }],
    });
    faults.add({ type: 'backup_outcome', outcome: 'FAILED' });
    cluster.takeBackup(2n);
    expect(cluster.describe(2n)).toMatchObject({
      state: 'FAILED',
      failureReason: expect.stringContaining('fault'),
    });
    faults.add({ type: 'backup_outcome', outcome: 'HANG' });
    cluster.takeBackup(3n);
    expect(cluster.describe(3n)).toMatchObject({ state: 'IN_PROGRESS' });
    expect(cluster.describe(4n)).toBeUndefined();
  });

  it('rejects malformed faults and applies http errors by path and method', () => {
    const faults = new ZeebeFaults();
    expect(() => faults.add({ type: 'nope' })).toThrow(/type/);
    faults.add({ type: 'http_error', path: '/actuator/exporting/*', method: 'post', status: 503, count: 2 });
    expect(faults.takeHttpError('GET', '/actuator/exporting/pause')).toBeUndefined();
    expect(faults.takeHttpError('POST', '/actuator/exporting/pause')).toBe(503);
    expect(faults.takeHttpError('POST', '/actuator/exporting/resume')).toBe(503);
    expect(faults.takeHttpError('POST', '/actuator/exporting/resume')).toBeUndefined();
  });

  it('keeps a deleted backup as DELETED from 8.9 on, forgets it on 8.8, and never reuses its ID', () => {
    const on88 = new ZeebeCluster({ ...config, version: '8.8' }, new ZeebeFaults());
    on88.takeBackup(7n);
    on88.delete(7n);
    expect(on88.describe(7n)).toBeUndefined();
    expect(on88.takeBackup(7n)).toBe('taken');

    const on89 = new ZeebeCluster({ ...config, version: '8.9' }, new ZeebeFaults());
    on89.takeBackup(7n);
    on89.delete(7n);
    expect(on89.describe(7n)).toMatchObject({
      state: 'DELETED',
      details: [{ state: 'DELETED' }, { state: 'DELETED' }],
    });
    expect(on89.takeBackup(7n)).toBe('taken');
    expect(on89.latestId).toBe(7n);
  });

  it('renders 8.8+ details per version and lists with fewer partition fields', () => {
    const on810 = new ZeebeCluster({ ...config, version: '8.10' }, new ZeebeFaults());
    on810.takeBackup(3n);
    const described = on810.describe(3n) as { details: Array<Record<string, unknown>> };
    expect(described.details[0]).toMatchObject({
      partitionId: 1,
      brokerVersion: '8.10.0',
      physicalTenantId: 'default',
      firstLogPosition: 1,
    });
    expect(String(described.details[0].createdAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    expect(Object.keys((on810.list()[0] as { details: object[] }).details[0])).toEqual([
      'partitionId',
      'state',
      'createdAt',
      'brokerVersion',
    ]);
    const on88 = new ZeebeCluster({ ...config, version: '8.8' }, new ZeebeFaults());
    on88.takeBackup(3n);
    const details88 = (on88.describe(3n) as { details: Array<Record<string, unknown>> }).details[0];
    expect(details88).not.toHaveProperty('firstLogPosition');
    expect(details88).not.toHaveProperty('physicalTenantId');
  });

  it('lists by prefix, highest ID first', () => {
    const cluster = new ZeebeCluster({ ...config, version: '8.8' }, new ZeebeFaults());
    for (const id of [19n, 20n, 200n, 201n, 300n]) cluster.takeBackup(id);
    expect(cluster.list('20').map((b) => b.backupId)).toEqual([201n, 200n, 20n]);
    expect(cluster.list().map((b) => b.backupId)).toEqual([300n, 201n, 200n, 20n, 19n]);
  });

  it('tracks checkpoints, backups and ranges per partition, and forgets them on request', () => {
    const faults = new ZeebeFaults();
    const cluster = new ZeebeCluster({ ...config, version: '8.9' }, faults);
    cluster.takeBackup(1n);
    faults.add({ type: 'backup_outcome', outcome: 'FAILED' });
    cluster.takeBackup(2n);
    cluster.takeBackup(3n, 'SCHEDULED_BACKUP');
    cluster.takeBackup(4n);
    const state = cluster.runtimeState() as Record<string, Array<Record<string, any>>>;
    expect(state.checkpointStates.map((c) => [c.partitionId, c.checkpointId, c.checkpointType])).toEqual([
      [1, 4n, 'MANUAL_BACKUP'],
      [2, 4n, 'MANUAL_BACKUP'],
    ]);
    expect(state.backupStates.map((b) => b.checkpointId)).toEqual([4n, 4n]);
    // Partition 2's backup 2 failed, so its range starts at 3; partition 1's covers 1..4.
    expect(state.ranges.map((r) => [r.partitionId, r.start.checkpointId, r.end.checkpointId])).toEqual([
      [1, 1n, 4n],
      [2, 3n, 4n],
    ]);
    expect(state.ranges[1].start.checkpointType).toBe('SCHEDULED_BACKUP');
    cluster.clearRuntimeState();
    expect(cluster.runtimeState()).toEqual({ checkpointStates: [], backupStates: [], ranges: [] });
  });

  it('prints one instant the same way every time, with nine fraction digits', () => {
    expect(timestamp(1_700_000_000_123)).toBe(timestamp(1_700_000_000_123));
    expect(timestamp(1_700_000_000_123)).toMatch(/^2023-11-14T22:13:20\.123\d{6}Z$/);
  });

  it('reads the version and continuous-backup switch from the environment', () => {
    const base = { SANDBOX_ZEEBE_PORT: '0' };
    expect(loadZeebeConfig(base)).toMatchObject({ version: 'legacy', continuousBackups: false });
    expect(loadZeebeConfig({ ...base, SANDBOX_ZEEBE_VERSION: '8.7' })?.version).toBe('legacy');
    expect(loadZeebeConfig({ ...base, SANDBOX_ZEEBE_VERSION: '8.10' })?.version).toBe('8.10');
    expect(
      loadZeebeConfig({ ...base, SANDBOX_ZEEBE_VERSION: '8.9', SANDBOX_ZEEBE_CONTINUOUS_BACKUPS: 'true' }),
    ).toMatchObject({ continuousBackups: true });
    expect(() => loadZeebeConfig({ ...base, SANDBOX_ZEEBE_VERSION: '9.0' })).toThrow(/SANDBOX_ZEEBE_VERSION/);
    expect(() =>
      loadZeebeConfig({ ...base, SANDBOX_ZEEBE_VERSION: '8.8', SANDBOX_ZEEBE_CONTINUOUS_BACKUPS: 'true' }),
    ).toThrow(/needs SANDBOX_ZEEBE_VERSION 8.9 or 8.10/);
    expect(() => loadZeebeConfig({ ...base, SANDBOX_ZEEBE_CONTINUOUS_BACKUPS: 'yes' })).toThrow(
      /SANDBOX_ZEEBE_CONTINUOUS_BACKUPS must be/,
    );
  });

  it('consumes exporting failures by operation', () => {
    const faults = new ZeebeFaults();
    faults.add({ type: 'exporting_failure', operation: 'resume' });
    expect(faults.takeExportingFailure('pause')).toBe(false);
    expect(faults.takeExportingFailure('resume')).toBe(true);
    expect(faults.takeExportingFailure('resume')).toBe(false);
    expect(() => faults.add({ type: 'exporting_failure', operation: 'stop' })).toThrow(/operation/);
  });
});
