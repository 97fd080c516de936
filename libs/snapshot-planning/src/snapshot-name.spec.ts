import * as fc from 'fast-check';
import { MAX_BACKUP_ID } from './backup-id.js';
import { COMPONENTS, PART_COUNT } from './component.js';
import {
  backupSnapshotNames,
  backupSnapshotPattern,
  componentSnapshotPattern,
  MAX_PART_COUNT,
  parseSnapshotName,
  snapshotName,
  validateVersion,
} from './snapshot-name.js';

const versionArbitrary = fc
  .tuple(
    fc.nat({ max: 30 }),
    fc.nat({ max: 30 }),
    fc.nat({ max: 30 }),
    fc.option(fc.stringMatching(/^[0-9a-z]{1,6}([.-][0-9a-z]{1,6}){0,2}$/), { nil: undefined }),
  )
  .map(
    ([major, minor, patch, preRelease]) => `${major}.${minor}.${patch}${preRelease ? `-${preRelease}` : ''}`,
  );

const nameArbitrary = fc
  .record({
    component: fc.constantFrom(...COMPONENTS),
    backupId: fc.bigInt({ min: 1n, max: MAX_BACKUP_ID }),
    version: versionArbitrary,
    partCount: fc.integer({ min: 1, max: MAX_PART_COUNT }),
    partFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ partFraction, ...rest }) => ({
    ...rest,
    partNo: Math.min(rest.partCount, 1 + Math.floor(partFraction * rest.partCount)),
  }));

describe('validateVersion', () => {
  it.each([
    '8.8.0',
    '8.5.12',
    '0.0.1',
    '8.6.0-rc1',
    '8.1.0-snapshot',
    '3.9.0-preview-1',
    '8.8.0-alpha.2',
    '10.20.30',
  ])('accepts %s', (version) => {
    expect(validateVersion(version)).toBeNull();
  });

  it.each([
    '',
    '8',
    '8.8',
    '8.8.0.1',
    'v8.8.0',
    '8.8.0-RC1',
    '8.8.0-SNAPSHOT',
    '8.8.0_1',
    '8.8.0-',
    '8.8.0-rc..1',
    '8.8.0-rc1.',
    '08.8.0',
    '8.08.0',
    '8.8.0+build',
    '8.8.0 ',
    ' 8.8.0',
    '8.8.*',
    '8.8.0,8.7.0',
    '8.8.0/x',
    '8.8.0#1',
    '8.8.0-' + 'a'.repeat(80),
  ])('rejects %j with a message', (version) => {
    const message = validateVersion(version);
    expect(message).toMatch(/^version must be/);
  });

  it('quotes the received version in the message', () => {
    expect(validateVersion('8.8.0_1')).toContain('got "8.8.0_1"');
  });

  it('rejects values that are not strings', () => {
    expect(validateVersion(undefined as unknown as string)).toMatch(/^version must be provided/);
  });
});

describe('snapshotName', () => {
  it('builds the documented names', () => {
    expect(
      snapshotName({ component: 'operate', backupId: 123n, version: '8.2.0', partNo: 1, partCount: 6 }),
    ).toBe('camunda_operate_123_8.2.0_part_1_of_6');
    expect(
      snapshotName({ component: 'optimize', backupId: 123456n, version: '8.8.0', partNo: 2, partCount: 2 }),
    ).toBe('camunda_optimize_123456_8.8.0_part_2_of_2');
    expect(
      snapshotName({
        component: 'tasklist',
        backupId: MAX_BACKUP_ID,
        version: '8.6.0-rc1',
        partNo: 6,
        partCount: 6,
      }),
    ).toBe('camunda_tasklist_9223372036854775807_8.6.0-rc1_part_6_of_6');
  });

  it('does not mangle pre-release versions (camunda#22861)', () => {
    const name = snapshotName({
      component: 'operate',
      backupId: 1n,
      version: '8.6.0-rc1',
      partNo: 1,
      partCount: 6,
    });
    expect(name).toBe('camunda_operate_1_8.6.0-rc1_part_1_of_6');
  });

  it.each([
    [{ version: '8.8.0_x' }, /^version must be/],
    [{ version: 'V8' }, /^version must be/],
    [{ partNo: 0 }, /^partNo must be an integer from 1 to 6/],
    [{ partNo: 7 }, /^partNo must be/],
    [{ partNo: 1.5 }, /^partNo must be/],
    [{ partNo: Number.NaN }, /^partNo must be/],
    [{ partCount: 0, partNo: 0 }, /^partCount must be/],
    [{ partCount: 1000, partNo: 1 }, /^partCount must be/],
    [{ partCount: 2.5, partNo: 1 }, /^partCount must be/],
    [{ backupId: 0n }, /^backupId must be/],
    [{ backupId: MAX_BACKUP_ID + 1n }, /^backupId must be/],
    [{ backupId: 5 as unknown as bigint }, /^backupId must be/],
    [{ component: 'zeebe' as 'operate' }, /^component must be/],
  ])('throws for %o', (override, message) => {
    const valid = { component: 'operate' as const, backupId: 5n, version: '8.8.0', partNo: 2, partCount: 6 };
    expect(() => snapshotName({ ...valid, ...override })).toThrow(message);
  });

  it('lists all names of a backup in part order', () => {
    expect(backupSnapshotNames('optimize', 7n, '8.8.0')).toEqual([
      'camunda_optimize_7_8.8.0_part_1_of_2',
      'camunda_optimize_7_8.8.0_part_2_of_2',
    ]);
    expect(backupSnapshotNames('tasklist', 7n, '8.7.1')).toHaveLength(PART_COUNT.tasklist);
    expect(backupSnapshotNames('operate', 7n, '8.7.1', 3)[2]).toBe('camunda_operate_7_8.7.1_part_3_of_3');
  });
});

describe('parseSnapshotName', () => {
  it('parses a documented name', () => {
    expect(parseSnapshotName('camunda_operate_123_8.1.0_part_1_of_6')).toEqual({
      component: 'operate',
      backupId: 123n,
      version: '8.1.0',
      partNo: 1,
      partCount: 6,
    });
    expect(parseSnapshotName('camunda_optimize_123456_8.8.0_part_2_of_2')?.partNo).toBe(2);
  });

  it('keeps IDs beyond 2^53 exact', () => {
    expect(parseSnapshotName('camunda_tasklist_9007199254740993_8.6.0-rc1_part_3_of_6')?.backupId).toBe(
      9007199254740993n,
    );
    expect(parseSnapshotName('camunda_tasklist_9223372036854775807_8.6.0_part_3_of_6')?.backupId).toBe(
      MAX_BACKUP_ID,
    );
  });

  it.each([
    '',
    'camunda_zeebe_records_backup_1',
    'camunda_webapps_1_8.8.0_part_1_of_6',
    'camunda_operate_backup1_8.1.0-snapshot_part_1_of_6',
    'camunda_Operate_1_8.8.0_part_1_of_6',
    'xcamunda_operate_1_8.8.0_part_1_of_6',
    'camunda_operate_1_8.8.0_part_1_of_6x',
    'camunda_operate_1_8.8.0_part_1_of_6 ',
    'camunda_operate_1_8.8.0_part_1_of_',
    'camunda_operate_1_8.8.0_part_1',
    'camunda_operate_0_8.8.0_part_1_of_6',
    'camunda_operate_01_8.8.0_part_1_of_6',
    'camunda_operate_-1_8.8.0_part_1_of_6',
    'camunda_operate_9223372036854775808_8.8.0_part_1_of_6',
    'camunda_operate_99999999999999999999_8.8.0_part_1_of_6',
    'camunda_operate_1_8.8.0_part_0_of_6',
    'camunda_operate_1_8.8.0_part_7_of_6',
    'camunda_operate_1_8.8.0_part_01_of_6',
    'camunda_operate_1_8.8.0_part_1_of_06',
    'camunda_operate_1_8.8.0_part_1_of_0',
    'camunda_operate_1_8.8.0_part_1_of_1000',
    'camunda_operate_1_8.8_part_1_of_6',
    'camunda_operate_1_8.8.0-RC1_part_1_of_6',
    'camunda_operate_1__part_1_of_6',
    'camunda_operate_1_8.8.0_x_part_1_of_6',
    'camunda_operate_1_8.6.0-rc1_part_1_of_61_of_6',
    'camunda_operate_1_8.8.0_part_1_of_6_part_1_of_6',
    'camunda_operate_12',
    'camunda_operate_*',
  ])('rejects %j', (name) => {
    expect(parseSnapshotName(name)).toBeNull();
  });

  it('rejects values that are not strings', () => {
    expect(parseSnapshotName(null as unknown as string)).toBeNull();
  });

  it('inverts snapshotName (property)', () => {
    fc.assert(
      fc.property(nameArbitrary, (parts) => {
        expect(parseSnapshotName(snapshotName(parts))).toEqual(parts);
      }),
      { numRuns: 500 },
    );
  });

  it('only parses canonical names: snapshotName(parse(name)) === name (property)', () => {
    const nameLike = fc
      .array(
        fc.constantFrom(
          'camunda_',
          'operate_',
          'tasklist_',
          'optimize_',
          '1',
          '0',
          '9',
          '_',
          '.',
          '-',
          'rc',
          'part_',
          'of_',
          '8.8.0',
        ),
        { maxLength: 14 },
      )
      .map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(fc.oneof(nameLike, fc.string()), (name) => {
        const parsed = parseSnapshotName(name);
        expect(parsed === null ? name : snapshotName(parsed)).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('snapshot patterns', () => {
  it('selects one backup, ending with `_` after the ID', () => {
    expect(backupSnapshotPattern('operate', 1n)).toBe('camunda_operate_1_*');
    expect(backupSnapshotPattern('optimize', MAX_BACKUP_ID)).toBe('camunda_optimize_9223372036854775807_*');
  });

  it('never lets ID 1 match ID 12', () => {
    const pattern = backupSnapshotPattern('tasklist', 1n);
    const regex = new RegExp(`^${pattern.replace('*', '.*')}$`);
    expect(regex.test('camunda_tasklist_1_8.8.0_part_1_of_6')).toBe(true);
    expect(regex.test('camunda_tasklist_12_8.8.0_part_1_of_6')).toBe(false);
  });

  it('refuses invalid IDs and components rather than widening the pattern', () => {
    expect(() => backupSnapshotPattern('operate', 0n)).toThrow(/^backupId must be/);
    expect(() => backupSnapshotPattern('operate', -1n)).toThrow(/^backupId must be/);
    expect(() => backupSnapshotPattern('*' as 'operate', 1n)).toThrow(/^component must be/);
    expect(() => componentSnapshotPattern('zeebe' as 'operate')).toThrow(/^component must be/);
  });

  it('selects all backups of a component', () => {
    expect(COMPONENTS.map(componentSnapshotPattern)).toEqual([
      'camunda_optimize_*',
      'camunda_operate_*',
      'camunda_tasklist_*',
    ]);
  });
});
