import { backupsToDelete, type RetainedBackup } from './retention-policy.js';

const backup = (id: number, state: string, ageMs: number, finished = true): RetainedBackup => ({
  backupId: BigInt(id),
  state,
  acceptedAt: 1_000_000 - ageMs,
  finished,
});

describe('retention policy', () => {
  const now = 1_000_000;

  it('keeps the newest `count` backups', () => {
    const backups = [
      backup(1, 'COMPLETED', 0),
      backup(3, 'COMPLETED', 0),
      backup(2, 'FAILED', 0),
      backup(4, 'COMPLETED', 0),
    ];
    expect(backupsToDelete(backups, { count: 2 }, now)).toEqual([2n, 1n]);
    expect(backupsToDelete(backups, {}, now)).toEqual([]);
  });

  it('deletes backups older than the maximum age', () => {
    const backups = [backup(1, 'COMPLETED', 5000), backup(2, 'COMPLETED', 1000), backup(3, 'COMPLETED', 10)];
    expect(backupsToDelete(backups, { maxAgeMs: 2000 }, now)).toEqual([1n]);
  });

  it('never deletes the newest COMPLETED backup nor one in progress', () => {
    const backups = [
      backup(1, 'COMPLETED', 9000),
      backup(2, 'FAILED', 9000),
      backup(3, 'FAILED', 9000),
      backup(4, 'IN_PROGRESS', 9000, false),
    ];
    expect(backupsToDelete(backups, { count: 1, maxAgeMs: 1 }, now)).toEqual([3n, 2n]);
  });
});
