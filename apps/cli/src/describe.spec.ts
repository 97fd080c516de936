import { describeBackup, formatBackupList } from './describe-backup.js';
import { describeRestore, formatRestoreList, formatSchedules } from './describe-operations.js';
import type { BackupView, RestoreView } from './views.js';

const failedPart = 'camunda_operate_42_8.8.0_part_2_of_2';
const reason = `operate: snapshot ${failedPart} FAILED: disk full on node es-0 while writing the shard data`;

const backup: BackupView = {
  backupId: '42',
  kind: 'coordinated',
  generation: 'per-app',
  trigger: 'cli',
  state: 'FAILED',
  failureReason: reason,
  acceptedAt: '2026-12-03T13:00:00.000Z',
  startedAt: '2026-12-03T13:00:01.000Z',
  finishedAt: '2026-12-03T13:04:13.000Z',
  durationMs: 252_000,
  sizeBytes: 3 * 1024 * 1024,
  finished: true,
  components: {
    operate: {
      state: 'FAILED',
      failureReason: `snapshot ${failedPart} FAILED: disk full on node es-0 while writing the shard data`,
      startedAt: '2026-12-03T13:00:01.000Z',
      finishedAt: '2026-12-03T13:04:13.000Z',
      sizeBytes: 1536,
      details: [
        {
          snapshotName: 'camunda_operate_42_8.8.0_part_1_of_2',
          state: 'SUCCESS',
          startTime: '2026-12-03T14:00:01.000+0100',
        },
        {
          snapshotName: failedPart,
          state: 'FAILED',
          startTime: '2026-12-03T14:01:01.500+0100',
          failures: ['disk full on node es-0 while writing the shard data'],
        },
      ],
    },
  },
  steps: [
    { step: 'operate', state: 'FAILED', reason },
    { step: 'resume-exporting', state: 'COMPLETED', reason: null },
  ],
};

describe('backup describe', () => {
  it('shows times, durations and sizes of the backup, its components and parts, and the reason once', () => {
    const text = describeBackup(backup, 100);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Backup 42: FAILED (coordinated, per-app, trigger cli)');
    expect(lines[1]).toBe(
      'Accepted 2026-12-03 13:00:00Z, started 2026-12-03 13:00:01Z, finished 2026-12-03 13:04:13Z, duration 4m 12s, size 3.0 MiB',
    );
    expect(text).toMatch(
      /^operate\s+FAILED\s+1\/2 succeeded\s+2026-12-03 13:00:01Z\s+2026-12-03 13:04:13Z\s+4m 12s\s+1\.5 KiB$/m,
    );
    // Parts run one after another: part 1 took until part 2 started, the last one until the component's end.
    expect(text).toMatch(
      /^operate\s+camunda_operate_42_8\.8\.0_part_1_of_2\s+SUCCESS\s+2026-12-03 13:00:01Z\s+1m 0s$/m,
    );
    expect(text).toMatch(
      /^operate\s+camunda_operate_42_8\.8\.0_part_2_of_2\s+FAILED\s+2026-12-03 13:01:01Z\s+3m 11s$/m,
    );
    expect(text.match(/disk full/g)).toHaveLength(1);
    const reasons = lines.slice(lines.indexOf('Reasons:') + 1);
    expect(reasons[0]).toMatch(
      /^ {2}backup, operate, camunda_operate_42_8\.8\.0_part_2_of_2, step operate: operate:/,
    );
    expect(reasons.length).toBeGreaterThan(1);
    expect(reasons.every((line) => line.length <= 100)).toBe(true);
    expect(reasons.slice(1).every((line) => line.startsWith('    '))).toBe(true);
  });

  it('reads a component backup, whose details are the component API view', () => {
    const text = describeBackup(
      {
        backupId: '7',
        kind: 'component',
        state: 'IN_PROGRESS',
        failureReason: null,
        components: {
          optimize: {
            state: 'IN_PROGRESS',
            failureReason: null,
            details: {
              details: [{ snapshotName: 'camunda_optimize_7_8.8.0_part_1_of_2', state: 'IN_PROGRESS' }],
            },
          },
        },
      },
      100,
    );
    expect(text).toMatch(/^Backup 7: IN_PROGRESS \(component\)$/m);
    expect(text).toMatch(/^optimize\s+camunda_optimize_7_8\.8\.0_part_1_of_2\s+IN_PROGRESS\s+-\s+-$/m);
    expect(text).not.toMatch(/Reasons:|STEP/);
  });
});

describe('backup list', () => {
  it('has FINISHED and DURATION columns, each reason once below the table, and the next page', () => {
    const text = formatBackupList(
      {
        backups: [
          backup,
          { ...backup, backupId: '41', state: 'COMPLETED', failureReason: null, components: {} },
        ],
        nextBefore: '41',
      },
      100,
    );
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATE\s+KIND\s+TRIGGER\s+FINISHED\s+DURATION\s+SIZE\s+COMPONENTS$/);
    expect(lines[2]).toMatch(
      /^42\s+FAILED\s+coordinated\s+cli\s+2026-12-03 13:04:13Z\s+4m 12s\s+3\.0 MiB\s+operate$/,
    );
    expect(text.match(/disk full/g)).toHaveLength(1);
    expect(text).toMatch(/^ {2}42, 42 operate: operate: snapshot/m);
    expect(lines.at(-1)).toBe('Older backups: camunda-backup backup list --before 41');
  });
});

describe('restores and schedules', () => {
  const restore: RestoreView = {
    backupId: '42',
    state: 'FAILED',
    failureReason: 'index operate-list-view-8.3.0_ exists',
    components: ['operate'],
    acceptedAt: '2026-12-03T13:00:00.000Z',
    startedAt: '2026-12-03T13:00:02.000Z',
    finishedAt: '2026-12-03T13:00:14.000Z',
    steps: [{ component: 'operate', snapshot: failedPart, state: 'FAILED', indices: null, documents: null }],
  };

  it('lists restores with their times and shows one with its reason', () => {
    const list = formatRestoreList([restore], 100);
    expect(list).toMatch(/^BACKUP ID\s+STATE\s+COMPONENTS\s+ACCEPTED\s+FINISHED\s+DURATION$/m);
    expect(list).toMatch(/^42\s+FAILED\s+operate\s+2026-12-03 13:00:00Z\s+2026-12-03 13:00:14Z\s+12s$/m);
    expect(list).toMatch(/^ {2}restore 42: index operate-list-view-8\.3\.0_ exists$/m);
    expect(formatRestoreList([], 100)).toBe('No restores');
    const one = describeRestore(restore, 100);
    expect(one).toMatch(/^Restore of backup 42: FAILED \(operate\)$/m);
    expect(one).toMatch(/duration 12s/);
    expect(one).toMatch(new RegExp(`^operate\\s+${failedPart}\\s+FAILED`, 'm'));
  });

  it('shows the schedule, its retention and its last run', () => {
    const text = formatSchedules(
      [
        {
          name: 'coordinated',
          cron: '0 2 * * *',
          timeZone: 'UTC',
          nextRunAt: '2026-12-04T02:00:00.000Z',
          retention: { count: 7, maxAge: '30d' },
          lastRun: {
            at: '2026-12-03T02:00:00.010Z',
            outcome: 'SKIPPED',
            backupId: null,
            reason: 'Coordinated backup 41 is still in progress',
            retention: { deleted: ['30', '31'], error: null },
          },
        },
      ],
      100,
    );
    expect(text.split('\n')).toEqual([
      'Schedule coordinated: "0 2 * * *" (UTC)',
      'Next run:  2026-12-04 02:00:00Z',
      'Retention: keep 7, max age 30d',
      'Last run:  2026-12-03 02:00:00Z: SKIPPED',
      '           retention deleted 30, 31',
      '           Coordinated backup 41 is still in progress',
    ]);
    expect(formatSchedules([], 100)).toBe('No schedule (BACKUP_SCHEDULE is not set)');
  });
});
