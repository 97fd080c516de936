import type { SandboxContext } from '../context.js';
import type { IndexState } from './index-store.js';
import { shardRecoveries, stageAt } from './recovery-handlers.js';

const ctx = { indices: { wasLoadedFromDisk: () => false } } as unknown as SandboxContext;

function restoringIndex(state: 'running' | 'done' | 'failed'): IndexState {
  return {
    name: 'orders',
    uuid: 'u1',
    creationDate: 1000,
    settings: { 'index.number_of_shards': '2' },
    mappings: {},
    aliases: {},
    state: 'open',
    docs: new Map(),
    nextSeqNo: 0,
    restore: {
      repository: 'repo',
      snapshot: 'snap',
      snapshotUuid: 's-uuid',
      version: '8.19.3',
      sourceIndex: 'orders',
      restoreUuid: 'r-uuid',
      startTime: 10_000,
      durationMs: 1000,
      sizeInBytes: 1000,
      state,
      ...(state === 'done' ? { stopTime: 11_000 } : {}),
    },
  };
}

// RecoveryState.Stage order for a snapshot recovery: INIT, INDEX, VERIFY_INDEX, TRANSLOG, FINALIZE, DONE
describe('snapshot recovery progress (RecoveryState)', () => {
  it('walks the stages in RecoveryState order', () => {
    expect([0, 0.05, 0.1, 0.5, 0.85, 0.92, 0.99].map((f) => stageAt(f, false))).toEqual([
      'INIT',
      'INIT',
      'INDEX',
      'INDEX',
      'VERIFY_INDEX',
      'TRANSLOG',
      'FINALIZE',
    ]);
    expect(stageAt(0.3, true)).toBe('DONE');
  });

  it('reports bytes per shard as they are copied, with ES percent strings', () => {
    const index = restoringIndex('running');
    const atStart = shardRecoveries(ctx, index, 10_050, false);
    expect(atStart).toHaveLength(2);
    expect(atStart[0]).toMatchObject({ id: 0, type: 'SNAPSHOT', stage: 'INIT', primary: true });
    expect((atStart[0].index as { size: unknown }).size).toMatchObject({
      total_in_bytes: 0,
      percent: '0.0%',
    });
    const halfway = shardRecoveries(ctx, index, 10_450, true)[1];
    expect(halfway.stage).toBe('INDEX');
    expect(halfway.source).toEqual({
      repository: 'repo',
      snapshot: 'snap',
      version: '8.19.3',
      index: 'orders',
      restoreUUID: 'r-uuid',
    });
    const size = (halfway.index as { size: Record<string, unknown> }).size;
    expect(size).toMatchObject({ total_in_bytes: 500, recovered_in_bytes: 250, percent: '50.0%' });
    expect((halfway.index as { files: { details: unknown[] } }).files.details).toHaveLength(1);
    expect(halfway.stop_time_in_millis).toBeUndefined();
  });

  it('reports DONE with a stop time once finished, and nothing for a restore lost to a restart', () => {
    const done = shardRecoveries(ctx, restoringIndex('done'), 99_999, false)[0];
    expect(done).toMatchObject({ stage: 'DONE', stop_time_in_millis: 11_000, total_time_in_millis: 1000 });
    expect((done.index as { size: { percent: string } }).size.percent).toBe('100.0%');
    expect(shardRecoveries(ctx, restoringIndex('failed'), 99_999, false)).toEqual([]);
  });
});
