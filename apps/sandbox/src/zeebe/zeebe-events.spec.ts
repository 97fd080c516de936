import type { ExportingState } from './zeebe-cluster.js';
import { type ZeebeEvent, type ZeebeOperation, pauseWindowsOf } from './zeebe-events.js';

let seq = 0;
function event(
  operation: ZeebeOperation,
  exportingBefore: ExportingState,
  exportingAfter: ExportingState,
  extra: Partial<ZeebeEvent> = {},
): ZeebeEvent {
  seq++;
  return {
    seq,
    time: new Date(1_700_000_000_000 + seq).toISOString(),
    method: 'POST',
    path: '/actuator/x',
    query: {},
    operation,
    status: 200,
    exportingBefore,
    exportingAfter,
    ...extra,
  };
}

describe('pause windows', () => {
  it('opens on the pause that stopped exporting and closes on the resume that restarted it', () => {
    const windows = pauseWindowsOf([
      event('soft-pause', 'EXPORTING', 'SOFT_PAUSED'),
      event('take-backup', 'SOFT_PAUSED', 'SOFT_PAUSED', { status: 202, backupId: 5n }),
      event('soft-pause', 'SOFT_PAUSED', 'SOFT_PAUSED'),
      event('take-backup', 'SOFT_PAUSED', 'SOFT_PAUSED', { status: 409, backupId: 4n }),
      event('resume', 'SOFT_PAUSED', 'EXPORTING'),
      event('take-backup', 'EXPORTING', 'EXPORTING', { status: 202, backupId: 6n }),
      event('pause', 'EXPORTING', 'PAUSED'),
    ]);
    expect(windows).toEqual([
      expect.objectContaining({
        kind: 'SOFT_PAUSED',
        pausedSeq: seq - 6,
        resumedSeq: seq - 2,
        pauses: 2,
        backupIds: [5n],
      }),
      expect.objectContaining({
        kind: 'PAUSED',
        resumedAt: null,
        resumedSeq: null,
        pauses: 1,
        backupIds: [],
      }),
    ]);
  });

  it('ignores a failed pause and a resume while exporting runs', () => {
    const windows = pauseWindowsOf([
      event('resume', 'RUNNING', 'RUNNING'),
      event('soft-pause', 'RUNNING', 'RUNNING', { bodyStatus: 500 }),
    ]);
    expect(windows).toEqual([]);
  });
});
