import * as fc from 'fast-check';
import { deriveBackupState, type PartSnapshot, type SnapshotState } from './backup-state.js';

function part(partNo: number, state: SnapshotState, extra: Partial<PartSnapshot> = {}): PartSnapshot {
  return {
    name: `camunda_operate_5_8.8.0_part_${partNo}_of_6`,
    partNo,
    partCount: 6,
    state,
    failures: [],
    ...extra,
  };
}

function parts(...states: SnapshotState[]): PartSnapshot[] {
  return states.map((state, index) => part(index + 1, state));
}

const ALL_SUCCESS = parts('SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS');

describe('deriveBackupState', () => {
  it('is COMPLETED when exactly the expected parts all succeeded', () => {
    expect(deriveBackupState({ expectedParts: 6, parts: ALL_SUCCESS, pending: false })).toEqual({
      state: 'COMPLETED',
      failureReason: null,
    });
    expect(
      deriveBackupState({ expectedParts: 2, parts: parts('SUCCESS', 'SUCCESS'), pending: false }).state,
    ).toBe('COMPLETED');
  });

  it('is COMPLETED even if the daemon still holds stale pending work', () => {
    expect(deriveBackupState({ expectedParts: 6, parts: ALL_SUCCESS, pending: true }).state).toBe(
      'COMPLETED',
    );
  });

  it.each<[string, SnapshotState[], boolean, string]>([
    ['a FAILED part', ['SUCCESS', 'FAILED'], false, 'FAILED'],
    ['a PARTIAL part', ['SUCCESS', 'PARTIAL'], false, 'FAILED'],
    ['FAILED over INCOMPATIBLE', ['INCOMPATIBLE', 'FAILED'], false, 'FAILED'],
    ['PARTIAL over INCOMPATIBLE', ['PARTIAL', 'INCOMPATIBLE'], false, 'FAILED'],
    ['FAILED over IN_PROGRESS', ['FAILED', 'IN_PROGRESS'], true, 'FAILED'],
    [
      'FAILED with all parts present',
      ['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILED'],
      false,
      'FAILED',
    ],
    ['an INCOMPATIBLE part', ['SUCCESS', 'INCOMPATIBLE'], false, 'INCOMPATIBLE'],
    ['INCOMPATIBLE over IN_PROGRESS and pending', ['INCOMPATIBLE', 'IN_PROGRESS'], true, 'INCOMPATIBLE'],
    ['a running part', ['SUCCESS', 'IN_PROGRESS'], false, 'IN_PROGRESS'],
    ['queued work between parts', ['SUCCESS', 'SUCCESS'], true, 'IN_PROGRESS'],
    ['a queued backup with no part yet', [], true, 'IN_PROGRESS'],
    ['fewer parts and nothing pending', ['SUCCESS', 'SUCCESS'], false, 'INCOMPLETE'],
    ['no parts and nothing pending', [], false, 'INCOMPLETE'],
    [
      'too many parts, one running',
      ['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'IN_PROGRESS'],
      false,
      'IN_PROGRESS',
    ],
    [
      'too many parts, all succeeded, work still pending',
      ['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS'],
      true,
      'IN_PROGRESS',
    ],
    [
      'too many parts, all done',
      ['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS'],
      false,
      'FAILED',
    ],
  ])('%s → %s', (_label, states, pending, expected) => {
    expect(deriveBackupState({ expectedParts: 6, parts: parts(...states), pending }).state).toBe(expected);
  });

  it('gives a failureReason only when FAILED (property)', () => {
    const state = fc.constantFrom<SnapshotState>(
      'IN_PROGRESS',
      'SUCCESS',
      'FAILED',
      'PARTIAL',
      'INCOMPATIBLE',
    );
    fc.assert(
      fc.property(
        fc.array(state, { maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        (states, expectedParts, pending) => {
          const result = deriveBackupState({ expectedParts, parts: parts(...states), pending });
          expect(typeof result.failureReason).toBe(result.state === 'FAILED' ? 'string' : 'object');
          const failed = states.includes('FAILED') || states.includes('PARTIAL');
          expect(result.state === 'FAILED').toBe(
            // Too many parts fail the backup once no work is pending (until then it is IN_PROGRESS).
            failed || (!pending && states.length > expectedParts && states.every((s) => s === 'SUCCESS')),
          );
          const running = !failed && states.includes('IN_PROGRESS') && !states.includes('INCOMPATIBLE');
          expect(!running || result.state === 'IN_PROGRESS').toBe(true);
        },
      ),
    );
  });
});

describe('failureReason', () => {
  it('names every failed and partial snapshot with its reason, in part order', () => {
    const result = deriveBackupState({
      expectedParts: 6,
      parts: [
        part(1, 'SUCCESS'),
        part(4, 'PARTIAL', { reason: 'Indices with unavailable shards: [operate-event-8.3.0_]' }),
        part(2, 'FAILED', { reason: 'IndexShardSnapshotFailedException[disk full]' }),
      ],
      pending: false,
    });
    expect(result).toEqual({
      state: 'FAILED',
      failureReason:
        'Snapshot camunda_operate_5_8.8.0_part_2_of_6 is FAILED: IndexShardSnapshotFailedException[disk full]; ' +
        'Snapshot camunda_operate_5_8.8.0_part_4_of_6 is PARTIAL: Indices with unavailable shards: [operate-event-8.3.0_]',
    });
  });

  it('quotes shard failures, at most three', () => {
    const result = deriveBackupState({
      expectedParts: 6,
      parts: [
        part(3, 'PARTIAL', {
          failures: ['[a][0] missing', '[b][0] missing', '[c][0] missing', '[d][1] missing'],
        }),
      ],
      pending: false,
    });
    expect(result.failureReason).toBe(
      'Snapshot camunda_operate_5_8.8.0_part_3_of_6 is PARTIAL: shard failures: [a][0] missing | [b][0] missing | [c][0] missing | and 1 more',
    );
  });

  it('combines a reason with shard failures', () => {
    const result = deriveBackupState({
      expectedParts: 6,
      parts: [part(1, 'FAILED', { reason: ' boom ', failures: ['[a][0] io error'] })],
      pending: false,
    });
    expect(result.failureReason).toBe(
      'Snapshot camunda_operate_5_8.8.0_part_1_of_6 is FAILED: boom (shard failures: [a][0] io error)',
    );
  });

  it('says when no reason was reported', () => {
    const result = deriveBackupState({
      expectedParts: 6,
      parts: [part(1, 'FAILED', { reason: '  ' })],
      pending: false,
    });
    expect(result.failureReason).toBe(
      'Snapshot camunda_operate_5_8.8.0_part_1_of_6 is FAILED (no reason reported)',
    );
  });

  it('explains more snapshots than expected', () => {
    const optimizeParts = [1, 2, 2].map((partNo) => ({
      name: `camunda_optimize_9_8.8.0_part_${partNo}_of_2`,
      partNo,
      partCount: 2,
      state: 'SUCCESS' as const,
      failures: [],
    }));
    const result = deriveBackupState({ expectedParts: 2, parts: optimizeParts, pending: false });
    expect(result.state).toBe('FAILED');
    expect(result.failureReason).toBe(
      'More snapshots found than expected: found 3, expected 2 (camunda_optimize_9_8.8.0_part_1_of_2, ' +
        'camunda_optimize_9_8.8.0_part_2_of_2, camunda_optimize_9_8.8.0_part_2_of_2)',
    );
  });
});
