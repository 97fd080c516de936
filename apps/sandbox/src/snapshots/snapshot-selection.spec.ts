import type { SnapshotRecord } from './snapshot-record.js';
import { type RepositorySnapshots, selectSnapshots, snapshotNamed } from './snapshot-selection.js';

function record(name: string, state: SnapshotRecord['state'] = 'SUCCESS'): SnapshotRecord {
  return { name, uuid: `uuid-${name}`, state } as SnapshotRecord;
}

const ES = { repository: 'repo', ignoreUnavailable: false, flavor: 'elasticsearch' } as const;
const names = (selected: readonly SnapshotRecord[]) => selected.map((s) => s.name);

describe('selectSnapshots', () => {
  it('matches a pattern against each version of the repository data, never an earlier one', () => {
    const v1: RepositorySnapshots = {
      completed: [record('a_1'), record('b_1')],
      running: [record('a_3', 'IN_PROGRESS')],
    };
    expect(names(selectSnapshots(['a_*'], v1, ES))).toEqual(['a_1', 'a_3']);
    expect(names(selectSnapshots(['a_*'], v1, ES))).toEqual(['a_1', 'a_3']);
    // A part finished: the repository data is a new list; the running one moved into it.
    const v2: RepositorySnapshots = { completed: [...v1.completed, record('a_3')], running: [] };
    expect(names(selectSnapshots(['a_*'], v2, ES))).toEqual(['a_1', 'a_3']);
    // A deletion: another new list.
    const v3: RepositorySnapshots = { completed: v2.completed.filter((s) => s.name !== 'a_1'), running: [] };
    expect(names(selectSnapshots(['a_*'], v3, ES))).toEqual(['a_3']);
    expect(names(selectSnapshots(['a_*', '-a_3'], v3, ES))).toEqual([]);
  });

  it('keeps answering correctly past the number of patterns kept per version', () => {
    const completed = Array.from({ length: 100 }, (_, i) => record(`s_${i}_x`));
    const snapshots: RepositorySnapshots = { completed, running: [] };
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 100; i++)
        expect(names(selectSnapshots([`s_${i}_*`], snapshots, ES))).toEqual([`s_${i}_x`]);
    }
  });

  it('finds exact names among running and completed snapshots, and refuses missing ones', () => {
    const snapshots: RepositorySnapshots = {
      completed: [record('old'), record('new')],
      running: [record('now', 'IN_PROGRESS')],
    };
    expect(snapshotNamed(snapshots, 'old')?.uuid).toBe('uuid-old');
    expect(snapshotNamed(snapshots, 'now')?.state).toBe('IN_PROGRESS');
    expect(snapshotNamed(snapshots, 'gone')).toBeUndefined();
    expect(names(selectSnapshots(['new,old'.split(',')].flat(), snapshots, ES))).toEqual(['old', 'new']);
    expect(() => selectSnapshots(['gone'], snapshots, ES)).toThrow(/gone/);
    expect(names(selectSnapshots(['_current'], snapshots, ES))).toEqual(['now']);
  });
});
