import type { BackupView } from '../../backup/backup-view.js';
import { judgeFreshness, takenAtMs } from './backup-freshness.js';

function backup(id: number, state: BackupView['state'], startTimes: Array<string | null>): BackupView {
  return {
    backupId: BigInt(id),
    state,
    failureReason: null,
    details: startTimes.map((startTime, index) => ({
      snapshotName: `camunda_operate_${id}_8.8.0_part_${index + 1}_of_${startTimes.length}`,
      state: 'SUCCESS',
      startTime,
      failures: [],
    })),
  };
}

const HOUR = 3_600_000;
const now = Date.parse('2026-01-02T12:00:00Z');

describe('backup freshness', () => {
  it('dates a backup by the start of its last part', () => {
    expect(
      takenAtMs(backup(1, 'COMPLETED', ['2026-01-02T10:00:00.000+0000', '2026-01-02T10:05:00.000+0000'])),
    ).toBe(Date.parse('2026-01-02T10:05:00Z'));
    expect(takenAtMs(backup(1, 'IN_PROGRESS', [null]))).toBeUndefined();
  });

  it('is UP while the newest COMPLETED backup by time is young enough, whatever the IDs', () => {
    const verdict = judgeFreshness(
      [
        backup(9, 'COMPLETED', ['2026-01-01T00:00:00.000+0000']),
        backup(5, 'COMPLETED', ['2026-01-02T11:00:00.000+0000']),
        backup(10, 'FAILED', ['2026-01-02T11:59:00.000+0000']),
      ],
      now,
      2 * HOUR,
    );
    expect(verdict).toEqual({
      status: 'UP',
      details: {
        maxAgeSeconds: 7200,
        newestCompletedBackupId: '5',
        completedAt: '2026-01-02T11:00:00.000Z',
        ageSeconds: 3600,
      },
    });
  });

  it('is DOWN when the newest COMPLETED backup is older, or there is none', () => {
    const old = judgeFreshness([backup(5, 'COMPLETED', ['2026-01-02T09:00:00.000+0000'])], now, 2 * HOUR);
    expect(old.status).toBe('DOWN');
    expect(old.details).toMatchObject({
      ageSeconds: 10800,
      message: expect.stringMatching(/older than 7200 s/),
    });
    const none = judgeFreshness([backup(6, 'FAILED', ['2026-01-02T11:00:00.000+0000'])], now, HOUR);
    expect(none).toMatchObject({
      status: 'DOWN',
      details: { newestCompletedBackupId: null, message: 'no COMPLETED backup' },
    });
  });
});
