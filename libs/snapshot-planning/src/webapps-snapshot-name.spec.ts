import * as fc from 'fast-check';
import { MAX_BACKUP_ID } from './backup-id.js';
import { COMPONENTS, isComponentName, isSnapshotComponent, SNAPSHOT_COMPONENTS } from './component.js';
import {
  backupSnapshotNames,
  backupSnapshotPattern,
  componentSnapshotPattern,
  MAX_PART_COUNT,
  parseAnySnapshotName,
  parseSnapshotName,
  snapshotName,
} from './snapshot-name.js';

/** Elasticsearch's `*` wildcard as a regular expression over whole names. */
function patternMatches(pattern: string, name: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(name);
}

describe('webapps as a snapshot name family', () => {
  it('is a snapshot component but not one of the per-app COMPONENTS', () => {
    expect(SNAPSHOT_COMPONENTS).toEqual(['optimize', 'operate', 'tasklist', 'webapps']);
    expect(Object.isFrozen(SNAPSHOT_COMPONENTS)).toBe(true);
    expect(COMPONENTS).not.toContain('webapps');
    expect(isComponentName('webapps')).toBe(false);
    expect(isSnapshotComponent('webapps')).toBe(true);
    for (const other of ['zeebe', 'Webapps', 'webapps ', 'camunda', '', undefined, 7, 'toString']) {
      expect(isSnapshotComponent(other)).toBe(false);
    }
  });

  it('builds `camunda_webapps_{id}_{version}_part_{n}_of_{N}`', () => {
    expect(
      snapshotName({
        component: 'webapps',
        backupId: 12345n,
        version: '8.8.0-snapshot',
        partNo: 1,
        partCount: 7,
      }),
    ).toBe('camunda_webapps_12345_8.8.0-snapshot_part_1_of_7');
  });

  it('lists the names of a backup for the part count it is given', () => {
    expect(backupSnapshotNames('webapps', 7n, '8.9.1', 4)).toEqual([
      'camunda_webapps_7_8.9.1_part_1_of_4',
      'camunda_webapps_7_8.9.1_part_2_of_4',
      'camunda_webapps_7_8.9.1_part_3_of_4',
      'camunda_webapps_7_8.9.1_part_4_of_4',
    ]);
  });

  it('requires the part count for webapps (it varies per backup) but keeps the per-app defaults', () => {
    expect(() => (backupSnapshotNames as (...args: unknown[]) => string[])('webapps', 7n, '8.9.1')).toThrow(
      new RangeError('partCount must be given for webapps: its part count varies from backup to backup'),
    );
    expect(backupSnapshotNames('optimize', 7n, '8.8.0')).toHaveLength(2);
    expect(backupSnapshotNames('operate', 7n, '8.7.0')).toHaveLength(6);
    for (const partCount of [0, -1, 1.5, MAX_PART_COUNT + 1]) {
      expect(() => backupSnapshotNames('webapps', 7n, '8.9.1', partCount)).toThrow(
        /^partCount must be an integer/,
      );
      expect(() => backupSnapshotNames('operate', 7n, '8.7.1', partCount)).toThrow(
        /^partCount must be an integer/,
      );
    }
  });

  it('parses webapps names with parseAnySnapshotName only; parseSnapshotName stays per-app', () => {
    const name = 'camunda_webapps_42_8.8.15_part_3_of_4';
    expect(parseAnySnapshotName(name)).toEqual({
      component: 'webapps',
      backupId: 42n,
      version: '8.8.15',
      partNo: 3,
      partCount: 4,
    });
    expect(parseSnapshotName(name)).toBeNull();
    expect(parseAnySnapshotName('camunda_operate_42_8.7.0_part_3_of_6')).toEqual(
      parseSnapshotName('camunda_operate_42_8.7.0_part_3_of_6'),
    );
  });

  it.each([
    'camunda_webapps_0_8.8.0_part_1_of_5',
    'camunda_webapps_01_8.8.0_part_1_of_5',
    'camunda_webapps_9223372036854775808_8.8.0_part_1_of_5',
    'camunda_webapps_1_8.8.0_part_6_of_5',
    'camunda_webapps_1_8.8.0_part_0_of_5',
    'camunda_webapps_1_8.8.0_part_1_of_05',
    'camunda_webapps_1_8.8.0-SNAPSHOT_part_1_of_5',
    'camunda_webapps_1_8.8_part_1_of_5',
    'camunda_webapps_1_8.8.0_part_1_of_5 ',
    'camunda_WEBAPPS_1_8.8.0_part_1_of_5',
    'prod_camunda_webapps_1_8.8.0_part_1_of_5',
    'camunda_webapps__8.8.0_part_1_of_5',
    'camunda_webapps_*',
    'camunda_webapps_1_*',
    'camunda_zeebe_records_backup_1',
    'camunda_webapp_1_8.8.0_part_1_of_5',
  ])('rejects %j', (name) => {
    expect(parseAnySnapshotName(name)).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(parseAnySnapshotName(undefined as unknown as string)).toBeNull();
    expect(parseAnySnapshotName(42 as unknown as string)).toBeNull();
  });

  it('builds the per-backup and the family patterns, ending with `_` after the ID', () => {
    expect(backupSnapshotPattern('webapps', 1n)).toBe('camunda_webapps_1_*');
    expect(backupSnapshotPattern('webapps', MAX_BACKUP_ID)).toBe('camunda_webapps_9223372036854775807_*');
    expect(componentSnapshotPattern('webapps')).toBe('camunda_webapps_*');
    expect(patternMatches(backupSnapshotPattern('webapps', 1n), 'camunda_webapps_1_8.8.0_part_1_of_5')).toBe(
      true,
    );
    expect(patternMatches(backupSnapshotPattern('webapps', 1n), 'camunda_webapps_12_8.8.0_part_1_of_5')).toBe(
      false,
    );
  });

  it.each([
    ['0n', 0n],
    ['-1n', -1n],
    ['2^63', MAX_BACKUP_ID + 1n],
    ['the number 1', 1],
    ['the string "1"', '1'],
    ['"*"', '*'],
    ['"1_*,camunda_operate"', '1_*,camunda_operate'],
  ])('refuses the hostile ID %s instead of widening the pattern', (_label, backupId) => {
    expect(() => backupSnapshotPattern('webapps', backupId as bigint)).toThrow(/^backupId must be/);
    expect(() =>
      snapshotName({
        component: 'webapps',
        backupId: backupId as bigint,
        version: '8.8.0',
        partNo: 1,
        partCount: 1,
      }),
    ).toThrow(/^backupId must be/);
  });

  it.each(['*', 'webapps*', 'webapps_1', 'zeebe', '', 'WEBAPPS'])('refuses the component %j', (component) => {
    expect(() => backupSnapshotPattern(component as 'webapps', 1n)).toThrow(
      /^component must be one of optimize, operate, tasklist, webapps; got/,
    );
    expect(() => componentSnapshotPattern(component as 'webapps')).toThrow(/^component must be/);
  });

  it('a backup pattern selects exactly the names of that ID and family (property)', () => {
    const id = fc.bigInt({ min: 1n, max: MAX_BACKUP_ID });
    const component = fc.constantFrom(...SNAPSHOT_COMPONENTS);
    fc.assert(
      fc.property(
        component,
        id,
        component,
        id,
        fc.integer({ min: 1, max: 7 }),
        (c1, id1, c2, id2, partCount) => {
          const pattern = backupSnapshotPattern(c1, id1);
          const name = snapshotName({ component: c2, backupId: id2, version: '8.8.0', partNo: 1, partCount });
          expect(patternMatches(pattern, name)).toBe(c1 === c2 && id1 === id2);
          expect(patternMatches(componentSnapshotPattern(c1), name)).toBe(c1 === c2);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('parseAnySnapshotName inverts snapshotName for every family (property)', () => {
    const parts = fc
      .record({
        component: fc.constantFrom(...SNAPSHOT_COMPONENTS),
        backupId: fc.bigInt({ min: 1n, max: MAX_BACKUP_ID }),
        version: fc
          .tuple(
            fc.nat({ max: 20 }),
            fc.nat({ max: 20 }),
            fc.nat({ max: 20 }),
            fc.constantFrom('', '-snapshot', '-alpha2', '-rc.1'),
          )
          .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre}`),
        partCount: fc.integer({ min: 1, max: MAX_PART_COUNT }),
        partNo: fc.integer({ min: 1, max: MAX_PART_COUNT }),
      })
      .filter(({ partNo, partCount }) => partNo <= partCount);
    fc.assert(
      fc.property(parts, (p) => {
        expect(parseAnySnapshotName(snapshotName(p))).toEqual(p);
      }),
      { numRuns: 500 },
    );
  });

  it('only canonical names parse: snapshotName(parseAny(name)) === name (property)', () => {
    const nameLike = fc
      .array(
        fc.constantFrom(
          'camunda_',
          'webapps_',
          'operate_',
          '1',
          '0',
          '9',
          '_',
          '.',
          '-',
          'snapshot',
          'part_',
          'of_',
          '8.8.0',
        ),
        { maxLength: 14 },
      )
      .map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(fc.oneof(nameLike, fc.string()), (name) => {
        const parsed = parseAnySnapshotName(name);
        expect(parsed === null ? name : snapshotName(parsed)).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });
});
