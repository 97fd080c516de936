import type { BackupView } from '../backup/backup-view.js';
import { componentEntry, entryTimes, generationOfViews } from './catalog-entry.js';

function view(state: BackupView['state'], names: string[], start?: number, end?: number): BackupView {
  return {
    backupId: 7n,
    state,
    failureReason: state === 'FAILED' ? 'part 2 failed' : null,
    details: names.map((snapshotName) => ({ snapshotName, state: 'SUCCESS', startTime: null, failures: [] })),
    ...(start === undefined ? {} : { firstStartMillis: start }),
    ...(end === undefined ? {} : { lastEndMillis: end }),
  };
}

describe('catalog entries', () => {
  it('tells the generation by the name family, and by the Optimize version alone only without one', () => {
    const perApp = new Map([
      ['optimize', view('COMPLETED', ['camunda_optimize_7_8.8.0_part_1_of_2'])],
      ['operate', view('COMPLETED', ['camunda_operate_7_8.7.3_part_1_of_6'])],
    ] as const);
    expect(generationOfViews(perApp, 'orchestration-cluster')).toBe('per-app');
    const optimizeOnly = new Map([
      ['optimize', view('COMPLETED', ['camunda_optimize_7_8.7.2_part_1_of_2'])],
    ] as const);
    expect(generationOfViews(optimizeOnly, 'orchestration-cluster')).toBe('per-app');
    const webapps = new Map([
      ['webapps', view('COMPLETED', ['camunda_webapps_7_8.8.15_part_1_of_5'])],
    ] as const);
    expect(generationOfViews(webapps, 'per-app')).toBe('orchestration-cluster');
    expect(generationOfViews(new Map([['webapps', view('IN_PROGRESS', [])]] as const), 'per-app')).toBe(
      'per-app',
    );
  });

  it('takes the worst component state, names the failing component, and adds up times', () => {
    const entry = componentEntry(
      7n,
      new Map([
        [
          'operate',
          { view: view('COMPLETED', ['camunda_operate_7_8.7.3_part_1_of_6'], 1_000, 5_000), sizeBytes: 10 },
        ],
        [
          'tasklist',
          { view: view('FAILED', ['camunda_tasklist_7_8.7.3_part_1_of_6'], 2_000, 9_000), sizeBytes: 5 },
        ],
      ] as const),
      'per-app',
    );
    expect(entry).toMatchObject({
      kind: 'component',
      generation: 'per-app',
      trigger: 'api',
      state: 'FAILED',
      failureReason: 'tasklist: part 2 failed',
      acceptedAt: null,
      startedAt: new Date(1_000).toISOString(),
      finishedAt: new Date(9_000).toISOString(),
      durationMs: 8_000,
      sizeBytes: 15,
    });
  });

  it('has no finish time or duration while a component runs', () => {
    const times = entryTimes(
      500,
      [
        {
          state: 'COMPLETED',
          failureReason: null,
          startedAt: new Date(1_000).toISOString(),
          finishedAt: new Date(3_000).toISOString(),
          sizeBytes: null,
        },
        {
          state: 'IN_PROGRESS',
          failureReason: null,
          startedAt: new Date(2_000).toISOString(),
          finishedAt: null,
          sizeBytes: null,
        },
      ],
      false,
    );
    expect(times).toEqual({
      acceptedAt: new Date(500).toISOString(),
      startedAt: new Date(1_000).toISOString(),
      finishedAt: null,
      durationMs: null,
    });
    expect(
      entryTimes(
        500,
        [
          {
            state: 'COMPLETED',
            failureReason: null,
            startedAt: null,
            finishedAt: new Date(4_500).toISOString(),
            sizeBytes: null,
          },
        ],
        true,
      ).durationMs,
    ).toBe(4_000);
  });
});
