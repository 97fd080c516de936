import { ZeebeCluster } from './zeebe-cluster.js';
import { ZeebeFaults } from './zeebe-faults.js';

describe('Zeebe stand-in cluster', () => {
  const config = { port: 0, host: '127.0.0.1', partitions: 2, partitionBackupMs: 0 };

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
});
