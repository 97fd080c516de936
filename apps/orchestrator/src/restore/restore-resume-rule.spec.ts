import type { IndexRecovery, ShardRecovery } from '@app/datastore';
import type { RestoreStep } from './restore-job.js';
import { decideRestore, followedRestore } from './restore-resume-rule.js';

const step: RestoreStep = {
  component: 'operate',
  repository: 'backups',
  snapshot: 'camunda_operate_5_8.8.0_part_1_of_6',
};

function fromSnapshot(stage: string, snapshot = step.snapshot, shard = 0): ShardRecovery {
  return {
    shard,
    type: 'SNAPSHOT',
    stage,
    source: { repository: 'backups', snapshot },
    totalBytes: 100,
    recoveredBytes: stage === 'DONE' ? 100 : 40,
  };
}

function index(name: string, primaries: ShardRecovery[], primaryShards = 1): IndexRecovery {
  return { index: name, primaryShards, primaries };
}

describe('decideRestore', () => {
  it('starts a snapshot none of whose indices exists', () => {
    expect(decideRestore(step, ['a', 'b'], [], false)).toEqual({ action: 'start' });
    expect(decideRestore(step, ['a', 'b'], [index('other', [])], true)).toEqual({ action: 'start' });
  });

  it('follows a snapshot whose indices all recover, or recovered, from it', () => {
    const recoveries = [index('a', [fromSnapshot('INDEX')]), index('b', [fromSnapshot('DONE')])];
    expect(decideRestore(step, ['a', 'b'], recoveries, false)).toEqual({ action: 'follow' });
    expect(decideRestore(step, ['a', 'b'], recoveries, true)).toEqual({ action: 'follow' });
  });

  it('takes indices without an assigned primary as started only when this job may have sent the restore', () => {
    const recoveries = [index('a', []), index('b', [fromSnapshot('INIT')])];
    expect(decideRestore(step, ['a', 'b'], recoveries, true)).toEqual({ action: 'follow' });
    const refused = decideRestore(step, ['a', 'b'], recoveries, false);
    expect(refused).toEqual({
      action: 'refuse',
      reason: expect.stringContaining('a exists without an assigned primary shard'),
    });
  });

  it('refuses indices created empty or restored from another snapshot, and a snapshot half present', () => {
    const created: ShardRecovery = {
      shard: 0,
      type: 'EMPTY_STORE',
      stage: 'DONE',
      totalBytes: 0,
      recoveredBytes: 0,
    };
    const refused = decideRestore(
      step,
      ['a', 'b', 'c'],
      [index('a', [created]), index('b', [fromSnapshot('DONE', 'camunda_operate_4_8.8.0_part_1_of_6')])],
      true,
    );
    expect(refused.action).toBe('refuse');
    const reason = (refused as { reason: string }).reason;
    expect(reason).toContain(`Cannot restore ${step.snapshot}`);
    expect(reason).toContain('c missing while a, b exist');
    expect(reason).toContain('a exists, recovered from EMPTY_STORE');
    expect(reason).toContain('b exists, restored from backups:camunda_operate_4_8.8.0_part_1_of_6');
    expect(reason).toContain('deleteExistingIndices: true');
  });
});

describe('followedRestore', () => {
  it('is done once every primary of every index is assigned and DONE', () => {
    const running = followedRestore(
      step,
      ['a', 'b'],
      [index('a', [fromSnapshot('DONE')]), index('b', [fromSnapshot('INDEX')])],
    );
    expect(running).toEqual({ done: false, recoveredBytes: 140, totalBytes: 200 });
    const done = followedRestore(
      step,
      ['a', 'b'],
      [index('a', [fromSnapshot('DONE')]), index('b', [fromSnapshot('DONE')])],
    );
    expect(done).toEqual({ done: true, recoveredBytes: 200, totalBytes: 200 });
  });

  it('is not done while throttled primaries wait for their turn', () => {
    const throttled = index(
      'a',
      [fromSnapshot('DONE', step.snapshot, 0), fromSnapshot('DONE', step.snapshot, 1)],
      3,
    );
    expect(followedRestore(step, ['a'], [throttled]).done).toBe(false);
    expect(followedRestore(step, ['a'], [index('a', [])]).done).toBe(false);
  });

  it('names indices deleted or replaced while they were restoring', () => {
    const created: ShardRecovery = {
      shard: 0,
      type: 'EMPTY_STORE',
      stage: 'DONE',
      totalBytes: 0,
      recoveredBytes: 0,
    };
    const followed = followedRestore(
      step,
      ['a', 'b', 'c'],
      [index('b', [created]), index('c', [fromSnapshot('DONE')])],
    );
    expect(followed.done).toBe(false);
    expect(followed.problem).toBe(
      `While ${step.snapshot} was being restored, a disappeared (deleted?); b no longer recover from this snapshot (replaced?)`,
    );
  });
});
