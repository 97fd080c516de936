import * as fc from 'fast-check';
import { groupSnapshotsByBackup } from './backup-grouping.js';
import { snapshotName } from './snapshot-name.js';

describe('groupSnapshotsByBackup', () => {
  const snapshots = [
    { name: 'camunda_operate_12_8.7.0_part_2_of_6', state: 'SUCCESS' },
    { name: 'camunda_operate_9007199254740993_8.8.0_part_1_of_6', state: 'IN_PROGRESS' },
    { name: 'camunda_operate_12_8.7.0_part_1_of_6', state: 'SUCCESS' },
    { name: 'camunda_operate_1_8.7.0_part_1_of_6', state: 'FAILED' },
    { name: 'camunda_tasklist_12_8.7.0_part_1_of_6', state: 'SUCCESS' },
    { name: 'camunda_zeebe_records_backup_12', state: 'SUCCESS' },
    { name: 'camunda_operate_12_nonsense', state: 'SUCCESS' },
    { name: 'my-own-snapshot', state: 'SUCCESS' },
  ];

  it('groups one component’s parts by backup ID, newest ID first, parts in order', () => {
    const groups = groupSnapshotsByBackup('operate', snapshots);
    expect(groups.map((group) => group.backupId)).toEqual([9007199254740993n, 12n, 1n]);
    expect(groups[1].parts.map((p) => p.name)).toEqual([
      'camunda_operate_12_8.7.0_part_1_of_6',
      'camunda_operate_12_8.7.0_part_2_of_6',
    ]);
    expect(groups[1].parts[0]).toEqual({
      name: 'camunda_operate_12_8.7.0_part_1_of_6',
      state: 'SUCCESS',
      parsed: { component: 'operate', backupId: 12n, version: '8.7.0', partNo: 1, partCount: 6 },
    });
  });

  it('keeps other components apart', () => {
    expect(groupSnapshotsByBackup('tasklist', snapshots).map((group) => group.backupId)).toEqual([12n]);
    expect(groupSnapshotsByBackup('optimize', snapshots)).toEqual([]);
  });

  it('orders IDs numerically, not as text', () => {
    const names = ['2', '10', '9', '100'].map((id) => ({ name: `camunda_optimize_${id}_8.8.0_part_1_of_2` }));
    expect(groupSnapshotsByBackup('optimize', names).map((group) => group.backupId)).toEqual([
      100n,
      10n,
      9n,
      2n,
    ]);
  });

  it('does not change its input', () => {
    const input = [
      { name: 'camunda_operate_3_8.7.0_part_2_of_6' },
      { name: 'camunda_operate_3_8.7.0_part_1_of_6' },
    ];
    const copy = structuredClone(input);
    groupSnapshotsByBackup('operate', input);
    expect(input).toEqual(copy);
  });

  it('puts every parseable snapshot into exactly one group, sorted (property)', () => {
    const snapshot = fc
      .record({
        component: fc.constantFrom('operate' as const, 'tasklist' as const),
        backupId: fc.bigInt({ min: 1n, max: 20n }),
        partNo: fc.integer({ min: 1, max: 6 }),
      })
      .map((p) => ({ name: snapshotName({ ...p, version: '8.7.0', partCount: 6 }) }));
    fc.assert(
      fc.property(fc.array(snapshot, { maxLength: 30 }), (list) => {
        const groups = groupSnapshotsByBackup('operate', list);
        const grouped = groups.flatMap((group) => group.parts.map((p) => p.name));
        expect(grouped.sort()).toEqual(
          list
            .map((s) => s.name)
            .filter((name) => name.startsWith('camunda_operate_'))
            .sort(),
        );
        for (let i = 1; i < groups.length; i++)
          expect(groups[i - 1].backupId > groups[i].backupId).toBe(true);
        for (const group of groups) {
          const partNos = group.parts.map((p) => p.parsed.partNo);
          expect(partNos).toEqual([...partNos].sort((a, b) => a - b));
          expect(group.parts.every((p) => p.parsed.backupId === group.backupId)).toBe(true);
        }
      }),
    );
  });
});
